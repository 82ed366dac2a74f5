package dev.ciclo.api.data;

import dev.ciclo.api.internal.Checks;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An immutable, sized list of examples with a content fingerprint and provenance.
 *
 * <p>The fluent operations ({@link #filter}, {@link #slice}, {@link #mapInputs}, {@link #concat})
 * return new datasets and record what they did in the provenance. The fingerprint is a SHA-256
 * over every example's id, target, group, tags, metadata and input in order (the format is in
 * {@link #fingerprint()}); it is stable across runs and JVMs and is computed once, on first use.
 *
 * <p>Thread-safe when its inputs and targets are immutable.
 *
 * @param <X> the input type
 * @param <Y> the target type
 */
public final class Dataset<X, Y> implements Iterable<Example<X, Y>> {
  private final String name;
  private final List<Example<X, Y>> examples;
  private final Provenance provenance;
  private volatile String fingerprint;

  private Dataset(String name, List<Example<X, Y>> examples, Provenance provenance) {
    this.name = Checks.notBlank(name, "name");
    this.examples = List.copyOf(examples);
    this.provenance = Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * A dataset of examples built in memory.
   *
   * @param name a name for reports, not blank
   * @param examples the examples, in order; no null element
   * @param <X> the input type
   * @param <Y> the target type
   * @return the dataset, with {@link Provenance#inMemory} provenance
   * @throws NullPointerException if an argument or an example is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static <X, Y> Dataset<X, Y> of(String name, List<Example<X, Y>> examples) {
    return new Dataset<>(name, examples, Provenance.inMemory(examples.size()));
  }

  /**
   * A dataset with the provenance its reader knows.
   *
   * @param name a name for reports, not blank
   * @param examples the examples, in order; no null element
   * @param provenance where they came from
   * @param <X> the input type
   * @param <Y> the target type
   * @return the dataset
   * @throws NullPointerException if an argument or an example is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static <X, Y> Dataset<X, Y> of(
      String name, List<Example<X, Y>> examples, Provenance provenance) {
    return new Dataset<>(name, examples, provenance);
  }

  /**
   * The dataset's name.
   *
   * @return the name, never blank
   */
  public String name() {
    return name;
  }

  /**
   * How many examples it holds.
   *
   * @return the size
   */
  public int size() {
    return examples.size();
  }

  /**
   * Whether it holds no example.
   *
   * @return {@code true} if empty
   */
  public boolean isEmpty() {
    return examples.isEmpty();
  }

  /**
   * The examples, in order.
   *
   * @return an unmodifiable list
   */
  public List<Example<X, Y>> examples() {
    return examples;
  }

  /**
   * The example at an index.
   *
   * @param index from 0 to {@code size() - 1}
   * @return the example
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public Example<X, Y> get(int index) {
    return examples.get(index);
  }

  @Override
  public Iterator<Example<X, Y>> iterator() {
    return examples.iterator();
  }

  /**
   * A sequential stream over the examples.
   *
   * @return the stream
   */
  public Stream<Example<X, Y>> stream() {
    return examples.stream();
  }

  /**
   * Where the data came from and what was done to it.
   *
   * @return the provenance
   */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * The distinct targets, in order of first appearance.
   *
   * @return an unmodifiable set
   */
  public Set<Y> targets() {
    Set<Y> out = new LinkedHashSet<>();
    examples.forEach(e -> out.add(e.target()));
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * The distinct groups, in order of first appearance.
   *
   * @return an unmodifiable set
   */
  public Set<String> groups() {
    Set<String> out = new LinkedHashSet<>();
    examples.forEach(e -> out.add(e.group()));
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * The examples that satisfy a predicate.
   *
   * @param description what the predicate keeps, for the provenance, not blank
   * @param keep the predicate
   * @return a new dataset
   * @throws IllegalArgumentException if {@code description} is blank
   */
  public Dataset<X, Y> filter(String description, Predicate<? super Example<X, Y>> keep) {
    Objects.requireNonNull(keep, "keep");
    return new Dataset<>(name, examples.stream().filter(keep).toList(),
        provenance.withStep("filter: " + description));
  }

  /**
   * The examples that carry a tag.
   *
   * @param tag the tag, not blank
   * @return a new dataset named {@code name + "[" + tag + "]"}
   * @throws IllegalArgumentException if {@code tag} is blank
   */
  public Dataset<X, Y> slice(String tag) {
    Checks.notBlank(tag, "tag");
    return new Dataset<>(
        name + "[" + tag + "]",
        examples.stream().filter(e -> e.hasTag(tag)).toList(),
        provenance.withStep("slice: tag " + tag));
  }

  /**
   * Every example with its input transformed; ids, targets, groups, tags and metadata are kept.
   *
   * @param description what the function does, for the provenance, not blank
   * @param f the function; must not return null
   * @param <Z> the new input type
   * @return a new dataset
   * @throws IllegalArgumentException if {@code description} is blank
   * @throws NullPointerException if {@code f} returns null
   */
  public <Z> Dataset<Z, Y> mapInputs(String description, Function<? super X, ? extends Z> f) {
    Objects.requireNonNull(f, "f");
    List<Example<Z, Y>> out = new ArrayList<>(examples.size());
    for (Example<X, Y> e : examples) {
      out.add(e.mapInput(f));
    }
    return new Dataset<>(name, out, provenance.withStep("map: " + description));
  }

  /**
   * Every example transformed as a whole.
   *
   * @param description what the function does, for the provenance, not blank
   * @param f the function; must not return null
   * @param <Z> the new input type
   * @param <W> the new target type
   * @return a new dataset
   * @throws IllegalArgumentException if {@code description} is blank
   * @throws NullPointerException if {@code f} returns null
   */
  public <Z, W> Dataset<Z, W> map(
      String description, Function<? super Example<X, Y>, Example<Z, W>> f) {
    Objects.requireNonNull(f, "f");
    List<Example<Z, W>> out = new ArrayList<>(examples.size());
    for (Example<X, Y> e : examples) {
      out.add(Objects.requireNonNull(f.apply(e), "f returned null for example " + e.id()));
    }
    return new Dataset<>(name, out, provenance.withStep("map: " + description));
  }

  /**
   * This dataset followed by another.
   *
   * @param other the dataset to append
   * @return a new dataset whose provenance names the appended part, its size and source (its
   *     content is covered by the new dataset's own {@link #fingerprint()}, computed on demand)
   */
  public Dataset<X, Y> concat(Dataset<X, Y> other) {
    Objects.requireNonNull(other, "other");
    List<Example<X, Y>> out = new ArrayList<>(examples.size() + other.examples.size());
    out.addAll(examples);
    out.addAll(other.examples);
    return new Dataset<>(
        name,
        out,
        provenance.withStep(
            "concat: " + other.name + " (" + other.size() + " examples from "
                + other.provenance.source() + " " + other.provenance.location() + ")"));
  }

  /**
   * A copy with another name and provenance, for readers and transformations that record
   * provenance themselves.
   *
   * @param step the step to add to the provenance, not blank
   * @return a new dataset with the same examples
   */
  public Dataset<X, Y> withStep(String step) {
    return new Dataset<>(name, examples, provenance.withStep(step));
  }

  /**
   * The SHA-256 of the content, as 64 lower-case hex digits; computed on the first call, then
   * kept.
   *
   * <p>The bytes hashed are the number of examples, then for each example in order its id,
   * target, group, tags (a set) and metadata (a map), and its input. Every count and length is an
   * unsigned LEB128 varint (one byte below 128). A string is its UTF-8 length and bytes. Any other
   * value is a one-byte type tag and then: 0 null; 1 a {@link Fingerprintable}, what it writes;
   * 2 a string; 3 a double or float, its {@link Double#doubleToLongBits} as 8 big-endian bytes;
   * 4 another number, its {@code toString()}; 5 true, 6 false; 7 an enum, its class name, a dot
   * and its name; 8 to 13 an array of doubles, floats, ints, longs, bytes or shorts, its length
   * and then each element widened to 8 big-endian bytes (bytes as they are); 14 a map, its size
   * and its entries sorted by key text, key then value; 15 a set, the count and then the sorted
   * hex SHA-256s of its elements, so that iteration order does not matter; 16 another
   * collection, its size and its elements in order; 17 a record, its class name and then each
   * component's name and value. A {@link dev.ciclo.api.features.FeatureVector} writes the
   * SHA-256 of its names and then its values; an {@link AudioClip} writes {@code "AudioClip"},
   * its sample rate and its samples.
   *
   * <p>This format changed during the 0.1.0 snapshots (counts and lengths were 8-byte longs, and
   * a feature vector wrote all its names): fingerprints from earlier snapshots differ.
   *
   * @return the fingerprint
   * @throws IllegalArgumentException if an input or target is of a type the fingerprint cannot
   *     read (see {@link Fingerprintable})
   */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      MessageDigest d = ContentDigest.sha256();
      ContentDigest.putLength(d, examples.size());
      for (Example<X, Y> e : examples) {
        ContentDigest.putString(d, e.id());
        ContentDigest.put(d, e.target());
        ContentDigest.putString(d, e.group());
        ContentDigest.putSet(d, e.tags());
        ContentDigest.putMap(d, e.metadata());
        ContentDigest.put(d, e.input());
      }
      f = ContentDigest.hex(d);
      fingerprint = f;
    }
    return f;
  }

  @Override
  public String toString() {
    return "Dataset[" + name + ", " + examples.size() + " examples, from " + provenance.source()
        + "]";
  }
}
