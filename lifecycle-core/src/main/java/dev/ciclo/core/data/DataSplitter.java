package dev.ciclo.core.data;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Splits a dataset into train, dev and test parts, deterministically: the same dataset, fractions
 * and seed always give the same parts.
 *
 * <pre>{@code
 * Splits<FeatureVector, String> s = DataSplitter.builder().fractions(0.6, 0.2, 0.2).seed(7).build()
 *     .split(data);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DataSplitter {
  private final double trainFraction;
  private final double devFraction;
  private final long seed;

  private DataSplitter(Builder b) {
    this.trainFraction = b.trainFraction;
    this.devFraction = b.devFraction;
    this.seed = b.seed;
  }

  /**
   * A builder with the defaults: fractions 0.7 / 0.15 / 0.15, seed 0.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Splits a dataset. Examples are shuffled with the seed, then cut by the fractions; each part
   * keeps the examples in shuffled order and records the split in its provenance.
   *
   * @param data the dataset
   * @param <X> the input type
   * @param <Y> the target type
   * @return the three parts
   * @throws IllegalArgumentException if a part with a positive fraction would be empty, naming
   *     the part and the counts
   */
  public <X, Y> Splits<X, Y> split(Dataset<X, Y> data) {
    Objects.requireNonNull(data, "data");
    int n = data.size();
    List<Example<X, Y>> shuffled = new ArrayList<>(data.examples());
    Collections.shuffle(shuffled, new java.util.Random(new SplittableRandom(seed).nextLong()));
    int nTrain = (int) Math.round(n * trainFraction);
    int nDev = (int) Math.round(n * devFraction);
    nDev = Math.min(nDev, n - nTrain);
    int nTest = n - nTrain - nDev;
    double testFraction = 1 - trainFraction - devFraction;
    checkNotEmpty("train", nTrain, trainFraction, n);
    checkNotEmpty("dev", nDev, devFraction, n);
    checkNotEmpty("test", nTest, testFraction, n);
    String how = String.format(Locale.ROOT, "random split %.3f/%.3f/%.3f seed %d", trainFraction,
        devFraction, testFraction, seed);
    return new Splits<>(
        part(data, shuffled.subList(0, nTrain), how, "train"),
        part(data, shuffled.subList(nTrain, nTrain + nDev), how, "dev"),
        part(data, shuffled.subList(nTrain + nDev, n), how, "test"));
  }

  private static void checkNotEmpty(String part, int count, double fraction, int n) {
    if (count == 0 && fraction > 1e-12) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT,
              "the %s split would be empty: %.3f of %d examples rounds to 0; give more examples"
                  + " or a larger %s fraction", part, fraction, n, part));
    }
  }

  private static <X, Y> Dataset<X, Y> part(
      Dataset<X, Y> data, List<Example<X, Y>> examples, String how, String part) {
    return Dataset.of(data.name() + "/" + part, examples,
        data.provenance().withStep(how + ": " + part + " (" + examples.size() + " examples)"));
  }

  /** Configures a {@link DataSplitter}. Not thread-safe. */
  public static final class Builder {
    private double trainFraction = 0.7;
    private double devFraction = 0.15;
    private long seed;

    private Builder() {}

    /**
     * The share of each part. Default 0.7 / 0.15 / 0.15.
     *
     * @param train the training share, in {@code (0, 1]}
     * @param dev the dev share, in {@code [0, 1)}
     * @param test the test share, in {@code [0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if a share is out of range or the shares do not add up
     *     to 1 (within 1e-9)
     */
    public Builder fractions(double train, double dev, double test) {
      if (!(train > 0 && train <= 1)) {
        throw new IllegalArgumentException("train fraction must be in (0, 1] but was " + train);
      }
      if (!(dev >= 0 && dev < 1)) {
        throw new IllegalArgumentException("dev fraction must be in [0, 1) but was " + dev);
      }
      if (!(test >= 0 && test < 1)) {
        throw new IllegalArgumentException("test fraction must be in [0, 1) but was " + test);
      }
      if (Math.abs(train + dev + test - 1) > 1e-9) {
        throw new IllegalArgumentException(
            "fractions must add up to 1 but " + train + " + " + dev + " + " + test + " = "
                + (train + dev + test));
      }
      this.trainFraction = train;
      this.devFraction = dev;
      return this;
    }

    /**
     * The seed of the shuffle. Default 0.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Makes the splitter.
     *
     * @return the splitter
     */
    public DataSplitter build() {
      return new DataSplitter(this);
    }
  }
}
