package dev.ciclo.core.analysis;

import dev.ciclo.api.analysis.TagReport;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.analysis.ErrorCase;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The manual tagging workflow: a seeded sample of misclassified examples, written to a CSV file
 * that a person fills with tags ("car noise", "mumbled", "label wrong"), read back and counted.
 *
 * <p>The file is UTF-8 CSV (RFC 4180 quoting, one record per line). Its first line is a comment
 * that records the totals, {@code # ciclo tagging sheet: examples=200 errors=37 sampled=20
 * seed=7}; then the header {@code id,actual,predicted,confidence,metadata,known_tags,tags};
 * then one row per sampled error, {@code known_tags} holding the tags the example already had
 * and {@code tags} left empty. The person writes tags in the last column, separated by
 * {@code ;} (or {@code ,} inside quotes); an empty cell means "reviewed, no tag". Only that
 * column is counted. {@link #read} needs only the
 * file, so the filled sheet can come back days later.
 *
 * <pre>{@code
 * TaggingSheet sheet = TaggingSheet.sample(model, dev, 50, 7);
 * sheet.write(Path.of("to-tag.csv"));
 * // ... a person fills the tags column ...
 * TagReport report = TaggingSheet.read(Path.of("to-tag.csv"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TaggingSheet {
  static final String MAGIC = "# ciclo tagging sheet:";
  static final List<String> HEADER =
      List.of("id", "actual", "predicted", "confidence", "metadata", "known_tags", "tags");

  private final List<ErrorCase> rows;
  private final long examples;
  private final long errors;
  private final long seed;

  private TaggingSheet(List<ErrorCase> rows, long examples, long errors, long seed) {
    this.rows = List.copyOf(rows);
    this.examples = examples;
    this.errors = errors;
    this.seed = seed;
  }

  /**
   * Predicts every example and samples misclassified ones.
   *
   * @param predictor the classifier
   * @param data the labelled dev data, not empty
   * @param count how many errors to sample, at least 1 (fewer if there are fewer errors)
   * @param seed the seed of the sample
   * @param <X> the input type
   * @param <Y> the target type
   * @return the sheet
   * @throws IllegalArgumentException if {@code count} is below 1 or the data is empty
   */
  public static <X, Y> TaggingSheet sample(
      Predictor<X, Y> predictor, Dataset<X, Y> data, int count, long seed) {
    Checks.atLeast(count, 1, "count");
    return sample(Scored.predict(predictor, data), count, seed);
  }

  /**
   * Samples misclassified examples from predictions already made.
   *
   * @param data the labelled dev data, not empty
   * @param predictions one per example, in order
   * @param count how many errors to sample, at least 1 (fewer if there are fewer errors)
   * @param seed the seed of the sample
   * @param <X> the input type
   * @param <Y> the target type
   * @return the sheet, rows in dataset order
   * @throws IllegalArgumentException if {@code count} is below 1, the data is empty or the sizes
   *     differ
   */
  public static <X, Y> TaggingSheet sample(
      Dataset<X, Y> data, List<Prediction<Y>> predictions, int count, long seed) {
    Checks.atLeast(count, 1, "count");
    return sample(Scored.of(data, predictions), count, seed);
  }

  private static <X, Y> TaggingSheet sample(Scored<X, Y> s, int count, long seed) {
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if (s.wrong[i]) {
        wrong.add(i);
      }
    }
    Collections.shuffle(wrong, new Random(new SplittableRandom(seed).nextLong()));
    List<Integer> picked = new ArrayList<>(wrong.subList(0, Math.min(count, wrong.size())));
    Collections.sort(picked);
    List<ErrorCase> rows = new ArrayList<>(picked.size());
    for (int i : picked) {
      rows.add(s.errorCase(i));
    }
    return new TaggingSheet(rows, s.size(), s.errors, seed);
  }

  /**
   * The sampled errors, in dataset order.
   *
   * @return an unmodifiable list
   */
  public List<ErrorCase> rows() {
    return rows;
  }

  /**
   * How many examples the dataset held.
   *
   * @return the count
   */
  public long examples() {
    return examples;
  }

  /**
   * How many of them were misclassified.
   *
   * @return the count
   */
  public long errors() {
    return errors;
  }

  /**
   * Writes the sheet atomically (a temporary file renamed into place).
   *
   * @param file where to write; its parent folder must exist
   * @throws CicloException if writing fails, naming the file
   */
  public void write(Path file) {
    Objects.requireNonNull(file, "file");
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(MAGIC + " examples=" + examples + " errors=" + errors + " sampled=" + rows.size()
          + " seed=" + seed);
      w.newLine();
      w.write(Csv.format(HEADER));
      w.newLine();
      for (ErrorCase e : rows) {
        w.write(Csv.format(List.of(e.exampleId(), e.actual(), e.predicted(),
            Double.toString(e.confidence()), metadata(e.metadata()),
            String.join(";", new java.util.TreeSet<>(e.tags())), "")));
        w.newLine();
      }
    } catch (IOException ex) {
      throw new CicloException("could not write tagging sheet " + file + ": " + ex.getMessage(),
          ex);
    }
    try {
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new CicloException("could not move tagging sheet into " + file, ex);
    }
  }

  private static String metadata(Map<String, String> m) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(m).forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(k).append('=').append(v);
    });
    return sb.toString();
  }

  /**
   * Reads a filled sheet and counts its tags.
   *
   * @param file a sheet written by {@link #write} and filled by a person
   * @return the counts and the share of the error each tag accounts for
   * @throws IllegalArgumentException if the file is malformed: the message names the file, the
   *     line and what was expected there
   * @throws CicloException if the file cannot be read
   */
  public static TagReport read(Path file) {
    Objects.requireNonNull(file, "file");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new CicloException("could not read tagging sheet " + file + ": " + ex.getMessage(),
          ex);
    }
    return TagSheetReader.parse(file.toString(), lines);
  }
}
