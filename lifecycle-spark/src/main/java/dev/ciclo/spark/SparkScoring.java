package dev.ciclo.spark;

import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.persist.ModelLoader;
import dev.ciclo.core.persist.SavedModel;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Batch scoring of any Ciclo {@link Predictor} over a Spark DataFrame: the model is broadcast once
 * and opened once per executor JVM (then reused by every task there), each partition is read in
 * batches handed to {@link Predictor#predictBatch}, and every row comes back with its
 * {@code prediction} (text) and {@code confidence} (the score of the predicted value, or null
 * when the model gives none) appended. The answers are the predictor's own: the same as calling
 * it in process.
 */
public final class SparkScoring<X, Y> {
  /** Opened predictors, per executor JVM, by broadcast id. */
  private static final Map<Long, Predictor<?, ?>> OPENED = new ConcurrentHashMap<>();

  /**
   * How a row becomes the model's input. Runs on executors, so it must be serializable.
   *
   * @param <X> the model's input type
   */
  @FunctionalInterface
  public interface RowInput<X> extends Serializable {
    /**
     * The input of one row.
     *
     * @param row the row
     * @return the input, not null
     */
    X apply(Row row);
  }

  /**
   * How an executor opens the model: shipped once to each executor (by a Spark broadcast), called
   * once per executor JVM. See {@link #savedModel(Path, LoaderFactory)}.
   *
   * @param <X> the model's input type
   * @param <Y> the model's output type
   */
  @FunctionalInterface
  public interface ModelSource<X, Y> extends Serializable {
    /**
     * Opens the predictor.
     *
     * @return the predictor, thread-safe
     */
    Predictor<X, Y> open();
  }

  /**
   * Makes the loader for a saved model on the executor (loaders themselves need not be
   * serializable).
   *
   * @param <X> the model's input type
   * @param <Y> the model's output type
   */
  @FunctionalInterface
  public interface LoaderFactory<X, Y> extends Serializable {
    /**
     * A new loader.
     *
     * @return the loader
     */
    ModelLoader<X, Y> loader();
  }

  private final ModelSource<X, Y> source;
  private final RowInput<X> input;
  private final int batchSize;

  private SparkScoring(ModelSource<X, Y> source, RowInput<X> input, int batchSize) {
    this.source = source;
    this.input = input;
    this.batchSize = batchSize;
  }

  /**
   * A scoring job.
   *
   * @param source how executors open the model
   * @param input how a row becomes the model's input
   * @param batchSize rows per {@code predictBatch} call, at least 1 (for example 1,024)
   * @param <X> the model's input type
   * @param <Y> the model's output type
   * @return the job
   * @throws IllegalArgumentException if {@code batchSize} is below 1
   */
  public static <X, Y> SparkScoring<X, Y> of(ModelSource<X, Y> source, RowInput<X> input,
      int batchSize) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(input, "input");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1 but was " + batchSize);
    }
    return new SparkScoring<>(source, input, batchSize);
  }

  /**
   * A model source that carries a model file saved with {@link ModelFiles#save} (its bytes and
   * manifest are read here, once, and travel in the broadcast); executors check its SHA-256
   * against the manifest and load it with the factory's loader.
   *
   * @param file the model file (its manifest beside it)
   * @param loaders makes the loader on the executor
   * @param <X> the model's input type
   * @param <Y> the model's output type
   * @return the source
   * @throws dev.ciclo.api.CicloException if the file or its manifest cannot be read
   */
  public static <X, Y> ModelSource<X, Y> savedModel(Path file, LoaderFactory<X, Y> loaders) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(loaders, "loaders");
    SavedModel saved = ModelFiles.describe(file);
    byte[] model;
    byte[] manifest;
    try {
      model = Files.readAllBytes(file);
      manifest = Files.readAllBytes(saved.manifest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file, e);
    }
    String name = file.getFileName().toString();
    return () -> {
      try {
        Path dir = Files.createTempDirectory("ciclo-model");
        Path f = dir.resolve(name);
        Files.write(f, model);
        Files.write(ModelFiles.manifestOf(f), manifest);
        try {
          return ModelFiles.load(f, loaders.loader());
        } finally {
          Files.deleteIfExists(ModelFiles.manifestOf(f));
          Files.deleteIfExists(f);
          Files.deleteIfExists(dir);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot unpack model " + name + " on this executor", e);
      }
    };
  }

  /**
   * Scores every row of the frame.
   *
   * @param frame the rows
   * @return the frame's columns plus {@code prediction} (string) and {@code confidence}
   *     (double, nullable); lazily computed, as Spark frames are
   */
  public Dataset<Row> score(Dataset<Row> frame) {
    Objects.requireNonNull(frame, "frame");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
    Broadcast<ModelSource<X, Y>> model = jsc.broadcast(source);
    StructType schema = frame.schema()
        .add("prediction", DataTypes.StringType, false)
        .add("confidence", DataTypes.DoubleType, true);
    RowInput<X> in = input;
    int batch = batchSize;
    MapPartitionsFunction<Row, Row> f = rows -> new Scored<>(rows, predictor(model), in, batch);
    return frame.mapPartitions(f, Encoders.row(schema));
  }

  @SuppressWarnings("unchecked")
  private static <X, Y> Predictor<X, Y> predictor(Broadcast<ModelSource<X, Y>> model) {
    return (Predictor<X, Y>) OPENED.computeIfAbsent(model.id(), id -> model.value().open());
  }

  /** A partition's rows, scored batch by batch as they are pulled. */
  private static final class Scored<X, Y> implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Predictor<X, Y> predictor;
    private final RowInput<X> input;
    private final int batchSize;
    private final List<Row> pending = new ArrayList<>();
    private final List<X> inputs = new ArrayList<>();
    private List<Prediction<Y>> answers = List.of();
    private int next;

    Scored(Iterator<Row> rows, Predictor<X, Y> predictor, RowInput<X> input, int batchSize) {
      this.rows = rows;
      this.predictor = predictor;
      this.input = input;
      this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
      if (next < pending.size()) {
        return true;
      }
      pending.clear();
      inputs.clear();
      next = 0;
      while (pending.size() < batchSize && rows.hasNext()) {
        Row r = rows.next();
        pending.add(r);
        inputs.add(Objects.requireNonNull(input.apply(r), "input of a row"));
      }
      answers = pending.isEmpty() ? List.of() : predictor.predictBatch(inputs);
      return !pending.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = pending.get(next);
      Prediction<Y> p = answers.get(next);
      next++;
      Object[] values = new Object[r.size() + 2];
      for (int i = 0; i < r.size(); i++) {
        values[i] = r.get(i);
      }
      values[r.size()] = p.value().toString();
      values[r.size() + 1] = p.confidence().isPresent() ? p.confidence().getAsDouble() : null;
      return RowFactory.create(values);
    }
  }
}
