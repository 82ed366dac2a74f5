package dev.ciclo.monitor.batch;

import dev.ciclo.api.internal.Checks;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Shared arithmetic of the batch tests. */
final class Samples {
  private Samples() {}

  static double[] sortedCopy(double[] sample, String name) {
    Checks.finiteSample(sample, name);
    double[] s = sample.clone();
    Arrays.sort(s);
    return s;
  }

  /** The largest |i*m - j*n| over the merged sorted samples (the KS statistic times n*m). */
  static long ksMaxDiff(double[] a, double[] b) {
    int n = a.length;
    int m = b.length;
    int i = 0;
    int j = 0;
    long best = 0;
    while (i < n && j < m) {
      double v = Math.min(a[i], b[j]);
      while (i < n && a[i] <= v) {
        i++;
      }
      while (j < m && b[j] <= v) {
        j++;
      }
      long diff = Math.abs((long) i * m - (long) j * n);
      if (diff > best) {
        best = diff;
      }
    }
    // once one sample is used up the gap only shrinks
    return best;
  }

  /** SciPy's wasserstein_distance of two sorted samples: the area between their CDFs. */
  static double wasserstein(double[] a, double[] b) {
    int n = a.length;
    int m = b.length;
    int i = 0;
    int j = 0;
    double area = 0;
    double prev = Math.min(a[0], b[0]);
    while (i < n || j < m) {
      double v = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
      area += Math.abs((double) i / n - (double) j / m) * (v - prev);
      prev = v;
      while (i < n && a[i] <= v) {
        i++;
      }
      while (j < m && b[j] <= v) {
        j++;
      }
    }
    return area;
  }

  static double std(double[] s) {
    double mean = 0;
    for (double v : s) {
      mean += v;
    }
    mean /= s.length;
    double ss = 0;
    for (double v : s) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / s.length);
  }

  /** The categories of two count maps, sorted, with a non-zero total. */
  static String[] categories(Map<String, Long> ref, Map<String, Long> cur) {
    Objects.requireNonNull(ref, "reference");
    Objects.requireNonNull(cur, "current");
    TreeSet<String> all = new TreeSet<>();
    long refTotal = addCategories(ref, all, "reference");
    long curTotal = addCategories(cur, all, "current");
    if (refTotal == 0) {
      throw new IllegalArgumentException("reference must not be empty (all counts were 0)");
    }
    if (curTotal == 0) {
      throw new IllegalArgumentException("current must not be empty (all counts were 0)");
    }
    return all.toArray(new String[0]);
  }

  private static long addCategories(Map<String, Long> counts, TreeSet<String> all, String name) {
    long total = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey() == null) {
        throw new NullPointerException(name + " has a null category");
      }
      if (e.getValue() == null) {
        throw new NullPointerException(
            name + " count of category '" + e.getKey() + "' is null (a count is 0 or more)");
      }
      long c = e.getValue();
      if (c < 0) {
        throw new IllegalArgumentException(
            name + " counts must not be negative but " + e.getKey() + " was " + c);
      }
      if (c > 0) {
        all.add(e.getKey());
        total += c;
      }
    }
    return total;
  }

  static long[] aligned(Map<String, Long> counts, String[] categories) {
    long[] out = new long[categories.length];
    for (int i = 0; i < categories.length; i++) {
      out[i] = counts.getOrDefault(categories[i], 0L);
    }
    return out;
  }

  static long[] checkCounts(long[] counts, String name) {
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            name + " counts must not be negative but " + name + "[" + i + "] was " + counts[i]);
      }
      total += counts[i];
    }
    if (total == 0) {
      throw new IllegalArgumentException(name + " must not be empty (all counts were 0)");
    }
    return counts;
  }

  static double[] proportions(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] p = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      p[i] = counts[i] / total;
    }
    return p;
  }
}
