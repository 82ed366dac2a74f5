package dev.ciclo.augment.compose;

import dev.ciclo.api.augment.AugmentationRecord;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Combines augmenters. Every composite is immutable and thread-safe when its children are, and
 * draws from the stream it is given, in the order documented on each factory, so the same key
 * gives the same result.
 *
 * <p><b>Probabilities are always honoured.</b> A child wrapped in {@link #withProbability} keeps
 * its probability wherever it is placed: inside {@link #oneOf} the chosen child may therefore do
 * nothing (and the composite's record is then empty), and inside {@link #someOf} a chosen child
 * may do nothing. This is the same rule as audiomentations, but stated: if you want "exactly one
 * transform, always", put unwrapped children in {@code oneOf} and wrap the {@code oneOf} itself.
 */
public final class Compose {
  private Compose() {}

  /**
   * Applies every step in order, each to the previous step's output.
   *
   * <p>Draws: each step draws what it draws, in order. Record: the steps' records concatenated.
   *
   * @param steps the steps, at least one, none null
   * @param <X> the input type
   * @return the composite
   * @throws NullPointerException if the list or a step is null
   * @throws IllegalArgumentException if there is no step
   */
  public static <X> Augmenter<X> sequence(List<? extends Augmenter<X>> steps) {
    List<Augmenter<X>> s = children(steps, "steps");
    return new Augmenter<>() {
      @Override
      public Augmented<X> apply(X input, RandomGenerator random) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(random, "random");
        X x = input;
        AugmentationRecord r = AugmentationRecord.none();
        for (Augmenter<X> step : s) {
          Augmented<X> a = step.apply(x, random);
          x = a.output();
          r = r.then(a.record());
        }
        return new Augmented<>(x, r);
      }

      @Override
      public String toString() {
        return "sequence" + s;
      }
    };
  }

  /**
   * Applies every step in order.
   *
   * @param steps the steps, at least one
   * @param <X> the input type
   * @return the composite
   * @see #sequence(List)
   */
  @SafeVarargs
  public static <X> Augmenter<X> sequence(Augmenter<X>... steps) {
    return sequence(Arrays.asList(steps));
  }

  /**
   * Applies exactly one child, chosen uniformly. A chosen child that is itself a {@link
   * #withProbability} may do nothing (see the class comment).
   *
   * <p>Draws: one {@code nextInt(children)} (none when there is one child), then the child's.
   *
   * @param children the candidates, at least one
   * @param <X> the input type
   * @return the composite
   * @throws NullPointerException if the list or a child is null
   * @throws IllegalArgumentException if there is no child
   */
  public static <X> Augmenter<X> oneOf(List<? extends Augmenter<X>> children) {
    double[] w = new double[children.size()];
    Arrays.fill(w, 1);
    return oneOf(children, w);
  }

  /**
   * Applies exactly one child, chosen with probability proportional to its weight.
   *
   * <p>Draws: one {@code nextDouble()} (none when there is one child), then the child's.
   *
   * @param children the candidates, at least one
   * @param weights one non-negative, finite weight per child, not all zero
   * @param <X> the input type
   * @return the composite
   * @throws NullPointerException if an argument or a child is null
   * @throws IllegalArgumentException if there is no child, the sizes differ or a weight is bad
   */
  public static <X> Augmenter<X> oneOf(List<? extends Augmenter<X>> children, double[] weights) {
    List<Augmenter<X>> c = children(children, "children");
    if (weights.length != c.size()) {
      throw new IllegalArgumentException("weights must have one entry per child (" + c.size()
          + ") but had " + weights.length);
    }
    double[] cum = new double[c.size()];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      total += Checks.between(weights[i], 0, Double.MAX_VALUE, "weights[" + i + "]");
      cum[i] = total;
    }
    if (total == 0) {
      throw new IllegalArgumentException("weights must not all be 0");
    }
    double sum = total;
    return new Augmenter<>() {
      @Override
      public Augmented<X> apply(X input, RandomGenerator random) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(random, "random");
        int pick = 0;
        if (c.size() > 1) {
          double u = random.nextDouble() * sum;
          while (pick < c.size() - 1 && u >= cum[pick]) {
            pick++;
          }
        }
        return c.get(pick).apply(input, random);
      }

      @Override
      public String toString() {
        return "oneOf" + c;
      }
    };
  }

  /**
   * Applies between {@code min} and {@code max} distinct children, chosen uniformly, in the
   * order they appear in the list.
   *
   * <p>Draws: one {@code nextInt} for the count (none if {@code min == max}), then a partial
   * Fisher-Yates shuffle of the indices ({@code count} draws), then the chosen children's.
   *
   * @param min the fewest children to apply, from 0
   * @param max the most, from min to the number of children
   * @param children the candidates, at least one
   * @param <X> the input type
   * @return the composite
   * @throws NullPointerException if the list or a child is null
   * @throws IllegalArgumentException if there is no child or the bounds are out of range
   */
  public static <X> Augmenter<X> someOf(int min, int max, List<? extends Augmenter<X>> children) {
    List<Augmenter<X>> c = children(children, "children");
    Checks.between(min, 0, c.size(), "min");
    Checks.between(max, min, c.size(), "max");
    return new Augmenter<>() {
      @Override
      public Augmented<X> apply(X input, RandomGenerator random) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(random, "random");
        int k = min == max ? min : min + random.nextInt(max - min + 1);
        int[] idx = new int[c.size()];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
          int j = i + random.nextInt(idx.length - i);
          int t = idx[i];
          idx[i] = idx[j];
          idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, k);
        Arrays.sort(chosen);
        X x = input;
        AugmentationRecord r = AugmentationRecord.none();
        for (int i : chosen) {
          Augmented<X> a = c.get(i).apply(x, random);
          x = a.output();
          r = r.then(a.record());
        }
        return new Augmented<>(x, r);
      }

      @Override
      public String toString() {
        return "someOf(" + min + ".." + max + ")" + c;
      }
    };
  }

  /**
   * Applies a child with a probability, otherwise returns the input unchanged with an empty
   * record.
   *
   * <p>Draws: always one {@code nextDouble()} (even for p of 0 or 1, so changing p never shifts
   * the draws of what follows), then the child's if it fires ({@code u < p}).
   *
   * @param p the probability, from 0 to 1
   * @param child the augmenter
   * @param <X> the input type
   * @return the composite
   * @throws NullPointerException if {@code child} is null
   * @throws IllegalArgumentException if {@code p} is out of range
   */
  public static <X> Augmenter<X> withProbability(double p, Augmenter<X> child) {
    Checks.between(p, 0, 1, "p");
    Objects.requireNonNull(child, "child");
    return new Augmenter<>() {
      @Override
      public Augmented<X> apply(X input, RandomGenerator random) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(random, "random");
        if (random.nextDouble() < p) {
          return child.apply(input, random);
        }
        return new Augmented<>(input, AugmentationRecord.none());
      }

      @Override
      public String toString() {
        return "p=" + Checks.fmt(p) + " " + child;
      }
    };
  }

  private static <X> List<Augmenter<X>> children(List<? extends Augmenter<X>> in, String name) {
    Objects.requireNonNull(in, name);
    if (in.isEmpty()) {
      throw new IllegalArgumentException(name + " must hold at least 1 augmenter but held 0");
    }
    List<Augmenter<X>> out = new ArrayList<>();
    for (Augmenter<X> a : in) {
      out.add(Objects.requireNonNull(a, name + " element"));
    }
    return List.copyOf(out);
  }
}
