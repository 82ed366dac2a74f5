package dev.ciclo.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.core.log.PayloadStore;
import dev.ciclo.core.maintain.TrainingInputs;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feature extraction over a log's raw inputs, as a Spark job: the records with training consent
 * and a raw input are read from a log frame ({@link LogFrames}), each executor reads their
 * payloads from the log's store, decodes them with the maintenance loop's decoder and runs any
 * Ciclo {@link FeatureExtractor} on them, partition by partition. The result is a frame of
 * feature vectors (one per request) which {@link #trainingSet} joins with labels into the Ciclo
 * {@link Dataset} a {@code MaintenanceLoop} starts from (its {@code trainingSet}), or which can be
 * written as Parquet.
 *
 * <p>The same rules as the maintenance loop's own reading of the log: only
 * {@link Consent#TRAINING} records of the model are used (monitoring-only records have no raw
 * input and are never read), one per request id (a shadow's copy of a request is the same
 * request), a record whose payload is missing or damaged is counted as {@code no-payload}, one
 * whose decoder throws or answers null as {@code undecodable}; neither is fatal.
 *
 * <p>The payload source, the decoder and the extractor factory travel to executors in one Spark
 * broadcast; each executor JVM opens the payload reader and builds the extractor once and reuses
 * them in every task (extractors are thread-safe by their contract).
 *
 * @param <X> the decoded input type (for audio, {@code AudioClip})
 */
public final class SparkFeatures<X> {
  private static final Logger LOG = LoggerFactory.getLogger(SparkFeatures.class);

  /** Status of a row whose features were extracted. */
  public static final String OK = "ok";
  /** Status of a row whose payload was missing or damaged. */
  public static final String NO_PAYLOAD = "no-payload";
  /** Status of a row whose payload did not decode. */
  public static final String UNDECODABLE = "undecodable";

  /** The schema of {@link #extract}'s frame. */
  public static final StructType SCHEMA = new StructType()
      .add("request_id", DataTypes.StringType, false)
      .add("subject", DataTypes.StringType, false)
      .add("time", DataTypes.TimestampType, false)
      .add("input_sha256", DataTypes.StringType, false)
      .add("input_media_type", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("feature_names", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), true);

  /** Opened readers and built extractors, per executor JVM, by broadcast id. */
  private static final Map<Long, Opened<?>> OPENED = new ConcurrentHashMap<>();

  /** Reads the raw input a record references. Thread-safe. */
  @FunctionalInterface
  public interface PayloadReader {
    /**
     * The record's raw input.
     *
     * @param record a training-consent record with an input reference
     * @return the payload, or empty when it is gone or damaged
     */
    Optional<Payload> payload(PredictionRecord record);

    /**
     * The record's raw input, given the log message the record came in ({@link
     * LogFrames.LogFrame#recordsWithMessages()}); readers that open inputs from the message
     * itself override this. By default, {@link #payload(PredictionRecord)}.
     *
     * @param record a training-consent record with an input reference
     * @param message the message's value, or null when the frame has none for the record
     * @return the payload, or empty when it is gone, damaged or erased
     */
    default Optional<Payload> payload(PredictionRecord record, byte[] message) {
      return payload(record);
    }
  }

  /** Opens a raw input from the log message it came in. Thread-safe. */
  @FunctionalInterface
  public interface MessageReader {
    /**
     * The raw input a message holds.
     *
     * @param message the message's value
     * @return the payload, or empty when it has none or it cannot be read (erased, damaged)
     */
    Optional<Payload> payload(byte[] message);
  }

  /** How an executor opens a {@link MessageReader}; serializable, called once per executor JVM. */
  @FunctionalInterface
  public interface MessageSource extends Serializable {
    /**
     * Opens a reader.
     *
     * @return the reader
     */
    MessageReader open();
  }

  /** How an executor opens the log's payloads; serializable, called once per executor JVM. */
  @FunctionalInterface
  public interface PayloadSource extends Serializable {
    /**
     * Opens a reader.
     *
     * @return the reader
     */
    PayloadReader open();
  }

  /**
   * How a payload becomes the extractor's input: the maintenance loop's decoder.
   *
   * @param <X> the input type
   */
  @FunctionalInterface
  public interface Decoder<X> extends Serializable {
    /**
     * Decodes a payload.
     *
     * @param payload the raw input read back from the log
     * @return the input; null or an exception marks the record undecodable
     */
    X decode(Payload payload);
  }

  /**
   * Builds the feature extractor on an executor (extractors need not be serializable).
   *
   * @param <X> the input type
   */
  @FunctionalInterface
  public interface ExtractorFactory<X> extends Serializable {
    /**
     * A new extractor.
     *
     * @return the extractor, thread-safe
     */
    FeatureExtractor<X> create();
  }

  /** How an executor opens a whole log (for logs whose payloads only the log can read). */
  @FunctionalInterface
  public interface LogOpener extends Serializable {
    /**
     * Opens the log (read side only is used).
     *
     * @return the log
     */
    PredictionLog open();
  }

  private record Job<X>(PayloadSource payloads, Decoder<X> decoder,
      ExtractorFactory<X> extractor) implements Serializable {}

  private record Opened<X>(PayloadReader reader, Decoder<X> decoder,
      FeatureExtractor<X> extractor) {}

  private final Job<X> job;

  private SparkFeatures(Job<X> job) {
    this.job = job;
  }

  /**
   * A feature-extraction job.
   *
   * @param payloads how executors read raw inputs (see {@link #fileLogPayloads} and {@link
   *     #logPayloads})
   * @param decoder the maintenance loop's decoder, from payload to input
   * @param extractor builds the feature extractor on each executor
   * @param <X> the input type
   * @return the job
   */
  public static <X> SparkFeatures<X> of(PayloadSource payloads, Decoder<X> decoder,
      ExtractorFactory<X> extractor) {
    return new SparkFeatures<>(new Job<>(Objects.requireNonNull(payloads, "payloads"),
        Objects.requireNonNull(decoder, "decoder"),
        Objects.requireNonNull(extractor, "extractor")));
  }

  /**
   * The payload store of a file log's folder ({@code payloads/} in it), opened read-only on each
   * executor; contents are checked against their hash on every read. The folder must be
   * readable by every executor (a shared file system on a cluster).
   *
   * @param logDirectory the file log's folder
   * @return the source
   */
  public static PayloadSource fileLogPayloads(Path logDirectory) {
    String dir = logDirectory.toAbsolutePath().toString();
    return () -> {
      PayloadStore store = PayloadStore.open(Path.of(dir).resolve("payloads"));
      return r -> r.input().flatMap(store::get);
    };
  }

  /**
   * Any log's own payload reading ({@link PredictionLog#payload}), opened on each executor: for
   * example a Kafka log, whose raw inputs are sealed with their subject's key (an erased
   * subject's inputs then read as missing).
   *
   * @param opener opens the log on the executor
   * @return the source
   */
  public static PayloadSource logPayloads(LogOpener opener) {
    Objects.requireNonNull(opener, "opener");
    return () -> {
      PredictionLog log = opener.open();
      return log::payload;
    };
  }

  /**
   * Raw inputs opened from the log messages the records came in, on the executors, with no
   * round trip to the log: for a Kafka log read by Spark's Kafka source ({@link
   * LogFrames.LogFrame#recordsWithMessages()}), lifecycle-kafka's {@code
   * KafkaPredictionLog.openMessage} with the subject key store (and payload store) that the
   * source opens once per executor:
   *
   * <pre>{@code
   * SparkFeatures.messagePayloads(() -> {
   *   SubjectKeyStore keys = SubjectKeyStore.directory(Path.of(keyDir));
   *   PayloadStore store = PayloadStore.open(Path.of(payloadDir));
   *   return message -> KafkaPredictionLog.openMessage(message, keys, store);
   * })
   * }</pre>
   *
   * <p>A record whose row has no message (a file log or Parquet frame, or {@link
   * LogFrames.LogFrame#records()} without the column) is counted as {@link #NO_PAYLOAD}; so is one
   * whose message the reader cannot open.
   *
   * @param opener opens the reader on each executor
   * @return the source
   */
  public static PayloadSource messagePayloads(MessageSource opener) {
    Objects.requireNonNull(opener, "opener");
    return () -> {
      MessageReader reader = opener.open();
      return new PayloadReader() {
        @Override
        public Optional<Payload> payload(PredictionRecord record) {
          return Optional.empty();
        }

        @Override
        public Optional<Payload> payload(PredictionRecord record, byte[] message) {
          return message == null ? Optional.empty() : reader.payload(message);
        }
      };
    };
  }

  /**
   * Extracts the features of a model's training-consent records.
   *
   * @param records a log frame's records ({@link LogFrames.LogFrame#records()}, or {@link
   *     LogFrames.LogFrame#recordsWithMessages()} for a {@link #messagePayloads} source)
   * @param modelName the model whose records are used
   * @return one row per request in {@link #SCHEMA}: its status and, when {@link #OK}, the
   *     feature vector's names and values; lazily computed
   */
  public org.apache.spark.sql.Dataset<Row> extract(org.apache.spark.sql.Dataset<Row> records,
      String modelName) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(modelName, "modelName");
    JavaSparkContext jsc =
        JavaSparkContext.fromSparkContext(records.sparkSession().sparkContext());
    Broadcast<Job<X>> b = jsc.broadcast(job);
    org.apache.spark.sql.Dataset<Row> training = records
        .where(col("model").equalTo(modelName)
            .and(col("consent").equalTo(Consent.TRAINING.name()))
            .and(col("input_sha256").isNotNull()))
        .dropDuplicates("request_id");
    boolean messages = List.of(records.schema().fieldNames()).contains("message");
    MapPartitionsFunction<Row, Row> f = rows -> new Extracted<>(rows, opened(b), messages);
    return training.mapPartitions(f, Encoders.row(SCHEMA));
  }

  /**
   * This job as the source of a maintenance loop's training inputs ({@code
   * MaintenanceLoop.Builder.trainingInputs}): on each cycle, the records the loop asks for are
   * picked out of a fresh frame of the log (by request id, within the cycle's window), their
   * features extracted on the executors, and the vectors collected to the driver. A record whose
   * raw input is missing, damaged or erased is left out (the loop counts it as without payload);
   * one that does not decode is answered as undecodable. The loop's model then takes the
   * extractor's {@link FeatureVector}s as its input: its recipes train over them with {@link
   * FeatureExtractor#identity()}, and the server computes the same features before it predicts.
   *
   * @param records makes a fresh frame of the log's records for each cycle (the log grows between
   *     cycles), for example {@code () -> LogFrames.kafka(spark, servers, topic,
   *     Map.of()).recordsWithMessages()}
   * @return the source
   */
  public TrainingInputs<FeatureVector> trainingInputs(
      Supplier<org.apache.spark.sql.Dataset<Row>> records) {
    Objects.requireNonNull(records, "records");
    return (modelName, from, to, wanted) -> {
      org.apache.spark.sql.Dataset<Row> frame =
          Objects.requireNonNull(records.get(), "the records frame");
      List<Row> ids = new ArrayList<>(wanted.size());
      for (PredictionRecord r : wanted) {
        ids.add(RowFactory.create(r.requestId()));
      }
      org.apache.spark.sql.Dataset<Row> asked = frame.sparkSession().createDataFrame(ids,
          new StructType().add("request_id", DataTypes.StringType, false));
      org.apache.spark.sql.Dataset<Row> window = frame
          .where(col("time").geq(lit(Timestamp.from(from)))
              .and(col("time").lt(lit(Timestamp.from(to)))))
          .join(broadcast(asked), "request_id", "left_semi");
      List<Row> rows = extract(window, modelName)
          .select("request_id", "status", "feature_names", "features").collectAsList();
      Map<String, FeatureVector> inputs = new HashMap<>();
      Set<String> undecodable = new HashSet<>();
      for (Row r : rows) {
        String id = r.getString(0);
        String status = r.getString(1);
        if (OK.equals(status)) {
          List<String> names = r.getList(2);
          List<Double> values = r.getList(3);
          double[] v = new double[values.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
          }
          inputs.put(id, FeatureVector.of(names, v));
        } else if (UNDECODABLE.equals(status)) {
          undecodable.add(id);
        }
      }
      LOG.debug("model {}: {} of {} asked inputs extracted, {} undecodable", modelName,
          inputs.size(), wanted.size(), undecodable.size());
      return new TrainingInputs.Inputs<>(inputs, undecodable);
    };
  }

  /**
   * Joins extracted features with labels into the Ciclo dataset a maintenance loop (or any
   * trainer over {@link FeatureVector}s with {@link FeatureExtractor#identity()}) trains on: one
   * example per labelled request whose features were extracted, sorted by request id, grouped by
   * subject (the request id when there is none), with the payload's hash and media type in its
   * metadata, as the loop's own examples carry them. Collects the examples to the driver.
   *
   * @param features {@link #extract}'s frame
   * @param labels a frame with {@code request_id} and {@code label} (text) columns
   * @param name the dataset's name
   * @return the dataset
   */
  public static Dataset<FeatureVector, String> trainingSet(
      org.apache.spark.sql.Dataset<Row> features, org.apache.spark.sql.Dataset<Row> labels,
      String name) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    List<Row> rows = features.where(col("status").equalTo(OK))
        .join(labels.select(col("request_id"), col("label").cast(DataTypes.StringType))
            .dropDuplicates("request_id"), "request_id")
        .orderBy("request_id")
        .collectAsList();
    List<Example<FeatureVector, String>> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      List<String> names = r.getList(r.fieldIndex("feature_names"));
      List<Double> values = r.getList(r.fieldIndex("features"));
      double[] v = new double[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = values.get(i);
      }
      String id = r.getAs("request_id");
      String subject = r.getAs("subject");
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("payload.sha256", r.getAs("input_sha256"));
      meta.put("payload.media_type", r.getAs("input_media_type"));
      out.add(new Example<>(id, FeatureVector.of(names, v), r.getAs("label"),
          subject.isBlank() ? id : subject, Set.of(), meta));
    }
    return Dataset.of(name, out);
  }

  @SuppressWarnings("unchecked")
  private static <X> Opened<X> opened(Broadcast<Job<X>> b) {
    return (Opened<X>) OPENED.computeIfAbsent(b.id(), id -> {
      Job<X> j = b.value();
      return new Opened<>(j.payloads().open(), j.decoder(), j.extractor().create());
    });
  }

  /** A partition's records, extracted as they are pulled. */
  private static final class Extracted<X> implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Opened<X> o;
    private final boolean messages;

    Extracted(Iterator<Row> rows, Opened<X> o, boolean messages) {
      this.rows = rows;
      this.o = o;
      this.messages = messages;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public Row next() {
      Row row = rows.next();
      PredictionRecord r = LogFrames.record(row);
      String sha = row.getAs("input_sha256");
      String media = row.getAs("input_media_type");
      Object[] base = {r.requestId(), r.subjectId(), row.getAs("time"), sha, media};
      Optional<Payload> p;
      try {
        p = messages ? o.reader().payload(r, row.<byte[]>getAs("message"))
            : o.reader().payload(r);
      } catch (RuntimeException e) {
        LOG.debug("payload of {} cannot be read: {}", r.requestId(), e.toString());
        p = Optional.empty();
      }
      if (p.isEmpty()) {
        return out(base, NO_PAYLOAD, null, null);
      }
      X input;
      try {
        input = o.decoder().decode(p.get());
      } catch (RuntimeException e) {
        LOG.debug("payload of {} cannot be decoded: {}", r.requestId(), e.toString());
        input = null;
      }
      if (input == null) {
        return out(base, UNDECODABLE, null, null);
      }
      FeatureVector v = o.extractor().extract(input);
      double[] a = v.toArray();
      Double[] boxed = new Double[a.length];
      for (int i = 0; i < a.length; i++) {
        boxed[i] = a[i];
      }
      return out(base, OK, v.names().toArray(new String[0]), boxed);
    }

    private static Row out(Object[] base, String status, String[] names, Double[] values) {
      return RowFactory.create(base[0], base[1], base[2], base[3], base[4], status, names,
          values);
    }
  }
}
