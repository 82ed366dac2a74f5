package dev.ciclo.examples.text;

import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A bag of words by the hashing trick: each lower-cased token (a run of letters, digits and
 * apostrophes) adds 1 to bucket {@code hash(token) mod buckets}, so words never seen in training
 * still get a feature and the extractor needs no fitted vocabulary. The vector is sparse: only
 * the buckets hit, plus a constant {@code bias} feature (so an empty query still has one).
 *
 * <p>Immutable and thread-safe.
 */
public final class HashingBagOfWords implements FeatureExtractor<String> {
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}']+");
  private final int buckets;
  private final String[] names;

  /**
   * An extractor with a number of buckets.
   *
   * @param buckets from 2 to 1,048,576
   * @throws IllegalArgumentException if out of range
   */
  public HashingBagOfWords(int buckets) {
    if (buckets < 2 || buckets > 1 << 20) {
      throw new IllegalArgumentException("buckets must be between 2 and 1048576 but was "
          + buckets);
    }
    this.buckets = buckets;
    this.names = new String[buckets];
    for (int i = 0; i < buckets; i++) {
      names[i] = "w" + i;
    }
  }

  /**
   * The tokens of a text, as this extractor sees them.
   *
   * @param text the text
   * @return the lower-cased tokens, in order
   */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String t : SPLIT.split(Objects.requireNonNull(text, "text").toLowerCase(Locale.ROOT))) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public FeatureVector extract(String input) {
    Map<Integer, Double> counts = new TreeMap<>();
    for (String t : tokens(input)) {
      int h = t.hashCode() * 0x9E3779B1;
      counts.merge(Math.floorMod(h ^ (h >>> 15), buckets), 1.0, Double::sum);
    }
    List<String> n = new ArrayList<>(counts.size() + 1);
    double[] v = new double[counts.size() + 1];
    n.add("bias");
    v[0] = 1;
    int i = 1;
    for (Map.Entry<Integer, Double> e : counts.entrySet()) {
      n.add(names[e.getKey()]);
      v[i++] = e.getValue();
    }
    return FeatureVector.of(n, v);
  }

  @Override
  public String describe() {
    return "hashing-bag-of-words(buckets=" + buckets + ")";
  }
}
