package dev.ciclo.augment.noise;

import dev.ciclo.api.data.AudioClip;

/**
 * The energy (sum of squared samples) of any range of a recording, including a looped one, in
 * time independent of the range's length: built once per noise file so that mixing never sums
 * the noise segment it uses.
 *
 * <p>Holds prefix sums of squares over whole blocks of {@value #BLOCK} samples ({@code
 * prefix[k]} is the energy of samples {@code [0, k * BLOCK)}), so a range costs one subtraction
 * for its whole blocks plus direct sums over the partial blocks at its two ends (fewer than
 * {@code 2 * BLOCK} samples). Per-block rather than per-sample prefixes keep the extra memory to
 * 3% of the samples'.
 *
 * <p>Accuracy: everything is summed in {@code double} (a float squared is exact in double). A
 * difference of two prefixes can lose precision when the range is much quieter than the whole
 * file, so when the difference is not at least {@value #GUARD} times the worst-case rounding
 * error of the prefixes, the whole blocks are summed directly instead. The relative error of a
 * range's energy is thus below {@code 1 / GUARD} (1e-6, that is under 5e-6 dB of SNR), and a
 * silent range gives exactly 0. Immutable and thread-safe.
 */
final class SquareSums {
  /** Samples per block of the prefix sums. */
  static final int BLOCK = 64;
  /** How many times the prefix difference must exceed its error bound to be used. */
  static final double GUARD = 1e6;

  private final AudioClip x;
  private final double[] prefix;
  private final double total;
  private final double errorBound;

  /**
   * Indexes a recording, which is kept (it is immutable) for the partial blocks.
   *
   * @param x the recording
   */
  SquareSums(AudioClip x) {
    this.x = x;
    int blocks = x.length() / BLOCK;
    prefix = new double[blocks + 1];
    for (int k = 0; k < blocks; k++) {
      prefix[k + 1] = prefix[k] + direct(k * BLOCK, (k + 1) * BLOCK);
    }
    total = prefix[blocks] + direct(blocks * BLOCK, x.length());
    // Recursive summation of m non-negative terms errs by at most (m - 1) u times their sum
    // (u = 2^-53, Higham, Accuracy and Stability, 2nd ed., 4.2); every prefix is such a sum of
    // at most BLOCK + blocks terms, and a difference of two prefixes errs by at most the sum of
    // their errors plus its own rounding. Twice the bound for both, and one more term, for slack.
    errorBound = 2 * (BLOCK + blocks + 1) * Math.ulp(1.0) * total;
  }

  /**
   * The number of samples indexed.
   *
   * @return the length
   */
  int length() {
    return x.length();
  }

  /**
   * The energy of the whole recording.
   *
   * @return the sum of squared samples
   */
  double total() {
    return total;
  }

  /**
   * The energy of samples {@code [from, to)}.
   *
   * @param from the first sample, from 0 to {@code to}
   * @param to one past the last sample, at most {@code length()}
   * @return the sum of squared samples, relative error below 1e-6
   */
  double energy(int from, int to) {
    int firstBlock = (from + BLOCK - 1) / BLOCK;
    int endBlock = to / BLOCK;
    if (firstBlock >= endBlock) {
      return direct(from, to); // fewer than 2 * BLOCK samples
    }
    double whole = prefix[endBlock] - prefix[firstBlock];
    if (whole < GUARD * errorBound) {
      whole = direct(firstBlock * BLOCK, endBlock * BLOCK); // quiet: avoid cancellation
    }
    return direct(from, firstBlock * BLOCK) + whole + direct(endBlock * BLOCK, to);
  }

  /**
   * The energy of {@code count} samples read from {@code offset} and looped back to the start
   * of the recording as often as needed: the rest of the recording from the offset, whole
   * passes over it, then its first samples.
   *
   * @param offset the first sample, from 0 to {@code length() - 1}
   * @param count how many samples, not negative
   * @return the sum of squared samples, relative error below 1e-6
   */
  double looped(int offset, int count) {
    int len = x.length();
    int first = Math.min(count, len - offset);
    int rest = count - first;
    double e = energy(offset, offset + first);
    if (rest > 0) {
      e += (rest / len) * total + energy(0, rest % len);
    }
    return e;
  }

  private double direct(int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      double v = x.sample(i);
      s += v * v;
    }
    return s;
  }
}
