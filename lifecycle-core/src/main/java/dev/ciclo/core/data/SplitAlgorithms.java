package dev.ciclo.core.data;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

/** The split algorithms behind {@link DataSplitter}. */
final class SplitAlgorithms {
  private SplitAlgorithms() {}

  static Random random(long seed) {
    return new Random(new SplittableRandom(seed).nextLong());
  }

  static <X, Y> Splits<X, Y> split(DataSplitter s, Dataset<X, Y> data) {
    int n = data.size();
    List<List<Example<X, Y>>> parts;
    String kind;
    if (s.groupAware) {
      kind = "group-aware";
      parts = byGroups(s, data);
    } else if (s.stratify) {
      kind = "stratified";
      parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      Random r = random(s.seed);
      for (List<Example<X, Y>> label : byLabel(data).values()) {
        Collections.shuffle(label, r);
        List<List<Example<X, Y>>> cut = cut(label, s.trainFraction, s.devFraction);
        for (int p = 0; p < 3; p++) {
          parts.get(p).addAll(cut.get(p));
        }
      }
      for (List<Example<X, Y>> p : parts) {
        Collections.shuffle(p, r);
      }
    } else {
      kind = "random";
      List<Example<X, Y>> shuffled = new ArrayList<>(data.examples());
      Collections.shuffle(shuffled, random(s.seed));
      parts = cut(shuffled, s.trainFraction, s.devFraction);
    }
    checkNotEmpty("train", parts.get(0).size(), s.trainFraction, n, s.groupAware, data);
    checkNotEmpty("dev", parts.get(1).size(), s.devFraction, n, s.groupAware, data);
    checkNotEmpty("test", parts.get(2).size(), s.testFraction(), n, s.groupAware, data);
    return finish(s, data, parts, s.describe(kind));
  }

  private static <X, Y> List<List<Example<X, Y>>> cut(
      List<Example<X, Y>> shuffled, double trainFraction, double devFraction) {
    int n = shuffled.size();
    int nTrain = (int) Math.round(n * trainFraction);
    int nDev = Math.min((int) Math.round(n * devFraction), n - nTrain);
    return List.of(new ArrayList<>(shuffled.subList(0, nTrain)),
        new ArrayList<>(shuffled.subList(nTrain, nTrain + nDev)),
        new ArrayList<>(shuffled.subList(nTrain + nDev, n)));
  }

  private static <X, Y> List<List<Example<X, Y>>> byGroups(DataSplitter s, Dataset<X, Y> data) {
    Map<String, List<Example<X, Y>>> groups = new LinkedHashMap<>();
    data.forEach(e -> groups.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e));
    List<String> order = new ArrayList<>(groups.keySet());
    Collections.shuffle(order, random(s.seed));
    int n = data.size();
    long nTrain = Math.round(n * s.trainFraction);
    long nDev = Math.round(n * s.devFraction);
    List<List<Example<X, Y>>> parts =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    int placed = 0;
    for (String g : order) {
      List<Example<X, Y>> members = groups.get(g);
      // a group goes where its middle example would fall in a cut by the fractions
      double middle = placed + members.size() / 2.0;
      int p = middle < nTrain ? 0 : middle < nTrain + nDev ? 1 : 2;
      if (p == 2 && s.testFraction() < 1e-12) {
        p = s.devFraction > 1e-12 ? 1 : 0;
      }
      parts.get(p).addAll(members);
      placed += members.size();
    }
    return parts;
  }

  static <X, Y> List<Fold<X, Y>> kFold(DataSplitter s, Dataset<X, Y> data, int k) {
    int n = data.size();
    int units = s.groupAware ? data.groups().size() : n;
    if (k < 2 || k > units) {
      throw new IllegalArgumentException("k must be between 2 and the number of "
          + (s.groupAware ? "groups" : "examples") + " (" + units + ") of dataset " + data.name()
          + " but was " + k);
    }
    List<List<Example<X, Y>>> folds = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      folds.add(new ArrayList<>());
    }
    Random r = random(s.seed);
    String kind;
    if (s.groupAware) {
      kind = "grouped";
      Map<String, List<Example<X, Y>>> groups = new LinkedHashMap<>();
      data.forEach(e -> groups.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e));
      List<List<Example<X, Y>>> order = new ArrayList<>(groups.values());
      Collections.shuffle(order, r);
      order.sort(Comparator.comparingInt(g -> -g.size()));
      for (List<Example<X, Y>> g : order) {
        List<Example<X, Y>> smallest = folds.get(0);
        for (List<Example<X, Y>> f : folds) {
          if (f.size() < smallest.size()) {
            smallest = f;
          }
        }
        smallest.addAll(g);
      }
    } else if (s.stratify) {
      kind = "stratified";
      int next = 0;
      for (List<Example<X, Y>> label : byLabel(data).values()) {
        Collections.shuffle(label, r);
        for (Example<X, Y> e : label) {
          folds.get(next).add(e);
          next = (next + 1) % k;
        }
      }
    } else {
      kind = "plain";
      List<Example<X, Y>> shuffled = new ArrayList<>(data.examples());
      Collections.shuffle(shuffled, r);
      for (int i = 0; i < n; i++) {
        folds.get(i % k).add(shuffled.get(i));
      }
    }
    String how = String.format(Locale.ROOT, "%s %d-fold split seed %d", kind, k, s.seed);
    List<Fold<X, Y>> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      List<Example<X, Y>> train = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        if (j != i) {
          train.addAll(folds.get(j));
        }
      }
      Dataset<X, Y> tr = part(data, train, how, "fold " + i + " train");
      Dataset<X, Y> va = part(data, folds.get(i), how, "fold " + i + " validation");
      if (s.requireTrainLabels) {
        checkLabels(tr, va, "validation of fold " + i);
      }
      out.add(new Fold<>(i, tr, va));
    }
    return out;
  }

  static <X, Y> Splits<X, Y> byOrder(
      DataSplitter s, Dataset<X, Y> data, Comparator<? super Example<X, Y>> order) {
    List<Example<X, Y>> sorted = new ArrayList<>(data.examples());
    sorted.sort(order);
    List<List<Example<X, Y>>> parts = cut(sorted, s.trainFraction, s.devFraction);
    int n = data.size();
    checkNotEmpty("train", parts.get(0).size(), s.trainFraction, n, false, data);
    checkNotEmpty("dev", parts.get(1).size(), s.devFraction, n, false, data);
    checkNotEmpty("test", parts.get(2).size(), s.testFraction(), n, false, data);
    return finish(s, data, parts, String.format(Locale.ROOT, "time-ordered split %.3f/%.3f/%.3f",
        s.trainFraction, s.devFraction, s.testFraction()));
  }

  static <X, Y> Splits<X, Y> byRule(DataSplitter s, Dataset<X, Y> data,
      Function<? super Example<X, Y>, DataSplitter.Part> rule) {
    List<List<Example<X, Y>>> parts =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Example<X, Y> e : data) {
      DataSplitter.Part p;
      try {
        p = rule.apply(e);
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException("the split rule failed on example " + e.id()
            + " of dataset " + data.name() + ": " + ex.getMessage(), ex);
      }
      if (p == null) {
        throw new IllegalArgumentException("the split rule returned null for example " + e.id()
            + " of dataset " + data.name() + ": expected TRAIN, DEV or TEST");
      }
      parts.get(p.ordinal()).add(e);
    }
    for (int p : new int[] {0, 2}) {
      if (parts.get(p).isEmpty()) {
        throw new IllegalArgumentException("the " + (p == 0 ? "train" : "test") + " split would"
            + " be empty: the rule put " + parts.get(0).size() + " of " + data.size()
            + " examples in train, " + parts.get(1).size() + " in dev, " + parts.get(2).size()
            + " in test");
      }
    }
    return finish(s, data, parts, "rule split");
  }

  private static <X, Y> Splits<X, Y> finish(
      DataSplitter s, Dataset<X, Y> data, List<List<Example<X, Y>>> parts, String how) {
    Splits<X, Y> out = new Splits<>(part(data, parts.get(0), how, "train"),
        part(data, parts.get(1), how, "dev"), part(data, parts.get(2), how, "test"));
    if (s.requireTrainLabels) {
      checkLabels(out.train(), out.dev(), "dev");
      checkLabels(out.train(), out.test(), "test");
    }
    return out;
  }

  private static <X, Y> void checkLabels(Dataset<X, Y> train, Dataset<X, Y> other, String part) {
    for (Y label : other.targets()) {
      if (!train.targets().contains(label)) {
        long count = other.stream().filter(e -> e.target().equals(label)).count();
        throw new IllegalArgumentException("label '" + label + "' appears in the " + part
            + " split (" + count + " of " + other.size() + " examples) but not in the train split"
            + " (0 of " + train.size() + " examples): a model cannot learn it; give more data of"
            + " that label, stratify, or call requireTrainLabels(false)");
      }
    }
  }

  private static <X, Y> Map<Y, List<Example<X, Y>>> byLabel(Dataset<X, Y> data) {
    Map<Y, List<Example<X, Y>>> m = new LinkedHashMap<>();
    data.forEach(e -> m.computeIfAbsent(e.target(), y -> new ArrayList<>()).add(e));
    return m;
  }

  private static void checkNotEmpty(
      String part, int count, double fraction, int n, boolean groups, Dataset<?, ?> data) {
    if (count == 0 && fraction > 1e-12) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the %s split would be empty: %.3f of %d examples rounds to 0%s; give more examples"
              + " or a larger %s fraction", part, fraction, n,
          groups ? " when whole groups are kept together (" + data.groups().size() + " groups)"
              : "", part));
    }
  }

  private static <X, Y> Dataset<X, Y> part(
      Dataset<X, Y> data, List<Example<X, Y>> examples, String how, String part) {
    return Dataset.of(data.name() + "/" + part, examples,
        data.provenance().withStep(how + ": " + part + " (" + examples.size() + " examples)"));
  }
}
