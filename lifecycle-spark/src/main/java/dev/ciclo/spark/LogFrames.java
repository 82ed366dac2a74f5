package dev.ciclo.spark;

import static org.apache.spark.sql.functions.col;

import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.core.log.MessageCopies;
import dev.ciclo.core.log.PredictionRecordJson;
import dev.ciclo.core.log.RecordMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.zip.CRC32;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Prediction logs as Spark frames: the file log's segments, a Kafka log's topic (Spark's own
 * Kafka source) and Parquet files, all read into one schema, {@link #SCHEMA}, one row per logged
 * record.
 *
 * <p>Columns: {@code request_id}, {@code time} (timestamp), {@code model}, {@code version},
 * {@code subject}, {@code consent} ({@code MONITORING} or {@code TRAINING}), {@code prediction},
 * {@code confidence} (the top score, null when the record has none), {@code numeric} (the
 * numeric signals, a map), {@code categorical} (the category signals, a map), {@code input_sha256}
 * and {@code input_media_type} (the raw input's reference, null unless the record has one), and
 * {@code record}: the record itself in Ciclo's versioned record format ({@link
 * PredictionRecordJson}), from which executors rebuild it exactly (to read its payload, for
 * example). A frame in this schema written with {@code frame.write().parquet(path)} reads back
 * with {@link #parquet}.
 *
 * <p><b>Bad input.</b> A line or message that does not decode (torn, damaged, another format
 * version, not Ciclo's) is never fatal: it is left out of {@link LogFrame#records()} and counted
 * by {@link LogFrame#undecodable()}.
 *
 * <p>For {@link SparkDrift}, {@link LogFrame#signals} turns the signal maps into one column per
 * watched feature.
 */
public final class LogFrames {
  /** The schema of a log frame's records. */
  public static final StructType SCHEMA = new StructType()
      .add("request_id", DataTypes.StringType, false)
      .add("time", DataTypes.TimestampType, false)
      .add("model", DataTypes.StringType, false)
      .add("version", DataTypes.StringType, false)
      .add("subject", DataTypes.StringType, false)
      .add("consent", DataTypes.StringType, false)
      .add("prediction", DataTypes.StringType, false)
      .add("confidence", DataTypes.DoubleType, true)
      .add("numeric", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false),
          false)
      .add("categorical",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), false)
      .add("input_sha256", DataTypes.StringType, true)
      .add("input_media_type", DataTypes.StringType, true)
      .add("record", DataTypes.BinaryType, false);

  /**
   * Decoded rows plus the message they came in (a Kafka message's value; null for other
   * sources) and the reason a line or message did not decode (null when it did).
   */
  private static final StructType DECODED = SCHEMA.add("__message", DataTypes.BinaryType, true)
      .add("__error", DataTypes.StringType, true);

  private LogFrames() {}

  /**
   * A log read into a frame.
   *
   * @param decoded every line or message, with the message it came in and the reason it did
   *     not decode (internal columns {@code __message} and {@code __error})
   */
  public record LogFrame(Dataset<Row> decoded) {
    /**
     * Checks the frame.
     *
     * @throws NullPointerException if it is null
     */
    public LogFrame {
      Objects.requireNonNull(decoded, "decoded");
    }

    /**
     * The records that decoded, in {@link #SCHEMA}. Lazy, as Spark frames are.
     *
     * @return the frame
     */
    public Dataset<Row> records() {
      return decoded.where(col("__error").isNull()).drop("__message", "__error");
    }

    /**
     * The records that decoded with one more column, {@code message} (binary): the Kafka
     * message's value each record came in, whose raw input {@link SparkFeatures#messagePayloads}
     * opens on the executors without going back to the broker; null for the file log and
     * Parquet. Lazy.
     *
     * @return the frame, {@link #SCHEMA} plus {@code message}
     */
    public Dataset<Row> recordsWithMessages() {
      return decoded.where(col("__error").isNull()).drop("__error")
          .withColumnRenamed("__message", "message");
    }

    /**
     * How many lines or messages did not decode (runs a Spark job).
     *
     * @return the count
     */
    public long undecodable() {
      return decoded.where(col("__error").isNotNull()).count();
    }

    /**
     * The records with one column per watched signal, as {@link SparkDrift} reads them: the
     * numeric features as doubles (null when the record has no numeric signal of that name), the
     * categorical ones as text (null when it has no category signal of that name), and
     * {@code time}, {@code prediction}, {@code confidence} and the other columns kept.
     *
     * @param numeric the numeric features
     * @param categorical the categorical features
     * @return the frame
     */
    public Dataset<Row> signals(List<String> numeric, List<String> categorical) {
      Dataset<Row> r = records();
      List<Column> cols = new ArrayList<>();
      for (String f : SCHEMA.fieldNames()) {
        cols.add(col(f));
      }
      for (String f : numeric) {
        cols.add(col("numeric").getItem(f).as(f));
      }
      for (String f : categorical) {
        cols.add(col("categorical").getItem(f).as(f));
      }
      return r.select(cols.toArray(new Column[0]));
    }
  }

  /**
   * The file log in a folder ({@code dev.ciclo.core.log.FilePredictionLog}'s segments,
   * {@code predictions-*.jsonl}), read by Spark's text source: each line is the record's JSON, a
   * tab and its CRC-32; a line whose checksum does not match (torn by a crash, damaged) or that
   * does not parse is counted as undecodable. Unlike the log's own reader this applies no
   * retention limit: filter on {@code time}. The folder must be readable by every executor (a
   * shared file system on a cluster).
   *
   * @param spark the session
   * @param directory the log's folder
   * @return the log as a frame
   */
  public static LogFrame fileLog(SparkSession spark, Path directory) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(directory, "directory");
    Dataset<Row> lines = spark.read()
        .text(directory.toAbsolutePath().resolve("predictions-*.jsonl").toString());
    MapPartitionsFunction<Row, Row> f = it -> map(it, r -> line(r.getString(0)));
    return new LogFrame(lines.mapPartitions(f, Encoders.row(DECODED)));
  }

  /**
   * A Kafka log's topic ({@code dev.ciclo.kafka.KafkaPredictionLog}'s messages), read as a batch
   * by Spark's Kafka source ({@code spark-sql-kafka-0-10}, which the application adds as Spark
   * itself), from the earliest to the latest offsets. Each message's value is the log's envelope:
   * {@code 'C'}, version 1, the record's JSON length and the JSON; the raw input after it stays
   * sealed (read it with the log's own {@code payload}). A value that is not such an envelope
   * is counted as undecodable. A message Kafka's producer appended twice (after an epoch bump;
   * see {@link MessageCopies}) gives one row: the copy is skipped, as the log's own reads skip
   * it (they also count it; here it is not counted). Read with {@code minPartitions} or {@code
   * maxRecordsPerPartition}, which split a Kafka partition between tasks, a copy on the other
   * side of a split is kept.
   *
   * @param spark the session
   * @param bootstrapServers the brokers
   * @param topic the log's topic
   * @param options more options for Spark's Kafka source ({@code kafka.*} consumer settings,
   *     {@code startingOffsets}, ...)
   * @return the log as a frame
   */
  public static LogFrame kafka(SparkSession spark, String bootstrapServers, String topic,
      Map<String, String> options) {
    Objects.requireNonNull(spark, "spark");
    Map<String, String> o = kafkaOptions(bootstrapServers, topic, options, true);
    return messages(spark.read().format("kafka").options(o).load());
  }

  /**
   * A Kafka log's topic as a <em>streaming</em> frame (Spark's Kafka source with {@code
   * readStream}), decoded as {@link #kafka} decodes it (a copy that arrives in a later
   * micro-batch than its original is kept), from the earliest offsets unless
   * {@code startingOffsets} says otherwise. Write it with a checkpoint and the {@code
   * availableNow} trigger to take what the topic holds now and stop, each run continuing where
   * the last one ended (exactly once, by the checkpoint's offsets); for example into a Parquet
   * table that {@link #parquet} reads for the drift job:
   *
   * <pre>{@code
   * LogFrames.kafkaStream(spark, servers, "predictions", Map.of()).records().writeStream()
   *     .format("parquet").option("path", table).option("checkpointLocation", checkpoint)
   *     .trigger(Trigger.AvailableNow()).start().awaitTermination();
   * SparkDrift.builder(monitor)...run(LogFrames.parquet(spark, table).signals(...));
   * }</pre>
   *
   * <p>{@link LogFrame#undecodable()} runs a batch count, which a streaming frame cannot: write
   * {@link LogFrame#decoded()} (its {@code __error} column) to keep the count.
   *
   * @param spark the session
   * @param bootstrapServers the brokers
   * @param topic the log's topic
   * @param options more options for Spark's Kafka source ({@code kafka.*} consumer settings,
   *     {@code maxOffsetsPerTrigger}, ...)
   * @return the log as a streaming frame
   */
  public static LogFrame kafkaStream(SparkSession spark, String bootstrapServers, String topic,
      Map<String, String> options) {
    Objects.requireNonNull(spark, "spark");
    Map<String, String> o = kafkaOptions(bootstrapServers, topic, options, false);
    return messages(spark.readStream().format("kafka").options(o).load());
  }

  /** Spark's Kafka source options: the topic from the earliest offsets, then the caller's. */
  private static Map<String, String> kafkaOptions(String bootstrapServers, String topic,
      Map<String, String> options, boolean batch) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(options, "options");
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.bootstrap.servers", bootstrapServers);
    o.put("subscribe", topic);
    o.put("startingOffsets", "earliest");
    if (batch) {
      o.put("endingOffsets", "latest"); // a streaming source refuses an end
    }
    o.putAll(options);
    return o;
  }

  /**
   * The Kafka source's messages decoded as log envelopes, batch or streaming alike; a second
   * copy of a message shortly after the first on its partition is skipped ({@link
   * MessageCopies}: Spark's Kafka source reads each Kafka partition's range in one task, in
   * offset order).
   */
  private static LogFrame messages(Dataset<Row> source) {
    MapPartitionsFunction<Row, Row> f = it -> {
      Map<Integer, MessageCopies> copies = new HashMap<>();
      return map(it, r -> copies.computeIfAbsent(r.getInt(0), p -> new MessageCopies())
          .first((byte[]) r.get(1)) ? envelope((byte[]) r.get(1), true) : null);
    };
    return new LogFrame(source.select("partition", "value").mapPartitions(f,
        Encoders.row(DECODED)));
  }

  /**
   * Log records kept as Parquet in {@link #SCHEMA} (for example a frame from {@link #fileLog} or
   * {@link #kafka} written with {@code records().write().parquet(path)}).
   *
   * @param spark the session
   * @param path the Parquet file or folder
   * @return the log as a frame (nothing undecodable)
   * @throws IllegalArgumentException if the files do not hold the schema's columns
   */
  public static LogFrame parquet(SparkSession spark, String path) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(path, "path");
    Dataset<Row> p = spark.read().parquet(path);
    List<Column> cols = new ArrayList<>();
    for (String f : SCHEMA.fieldNames()) {
      if (!List.of(p.schema().fieldNames()).contains(f)) {
        throw new IllegalArgumentException("Parquet at " + path + " has no column '" + f
            + "': it is not a Ciclo log frame");
      }
      cols.add(col(f));
    }
    cols.add(org.apache.spark.sql.functions.lit(null).cast(DataTypes.BinaryType).as("__message"));
    cols.add(org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType).as("__error"));
    return new LogFrame(p.select(cols.toArray(new Column[0])));
  }

  /**
   * The row of a record, in {@link #SCHEMA}.
   *
   * @param r the record
   * @return the row
   */
  public static Row row(PredictionRecord r) {
    return RowFactory.create(values(r, PredictionRecordJson.toJson(r)).toArray());
  }

  /**
   * The record a row of a log frame holds.
   *
   * @param row a row with the {@code record} column
   * @return the record
   */
  public static PredictionRecord record(Row row) {
    byte[] json = row.getAs("record");
    return PredictionRecordJson.fromJson(json, 0, json.length);
  }

  /** Decodes one input row; null skips it. */
  private interface Decode {
    Row apply(Row in);
  }

  private static Iterator<Row> map(Iterator<Row> in, Decode d) {
    return new Iterator<>() {
      private Row next;

      @Override
      public boolean hasNext() {
        while (next == null && in.hasNext()) {
          next = d.apply(in.next());
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
      }
    };
  }

  private static List<Object> values(PredictionRecord r, byte[] json) {
    Map<String, Double> numeric = new LinkedHashMap<>();
    Map<String, String> categorical = new LinkedHashMap<>();
    r.signals().forEach((k, v) -> {
      if (v instanceof Signal.Numeric n) {
        numeric.put(k, n.value());
      } else if (v instanceof Signal.Category c) {
        categorical.put(k, c.value());
      }
    });
    Double confidence = null;
    for (double s : r.scores().values()) {
      confidence = confidence == null ? s : Math.max(confidence, s);
    }
    PayloadRef in = r.input().orElse(null);
    List<Object> v = new ArrayList<>(List.of(r.requestId(), Timestamp.from(r.time()),
        r.modelName(), r.modelVersion(), r.subjectId(), r.consent().name(), r.prediction()));
    v.add(confidence);
    v.add(scala.jdk.javaapi.CollectionConverters.asScala(numeric));
    v.add(scala.jdk.javaapi.CollectionConverters.asScala(categorical));
    v.add(in == null ? null : in.sha256());
    v.add(in == null ? null : in.mediaType());
    v.add(json);
    return v;
  }

  private static Row bad(String error) {
    Object[] v = new Object[DECODED.size()];
    v[DECODED.size() - 1] = error;
    v[1] = new Timestamp(0);
    v[12] = new byte[0];
    for (int i : new int[] {0, 2, 3, 4, 5, 6}) {
      v[i] = "";
    }
    v[8] = scala.jdk.javaapi.CollectionConverters.asScala(new LinkedHashMap<String, Double>());
    v[9] = scala.jdk.javaapi.CollectionConverters.asScala(new LinkedHashMap<String, String>());
    return RowFactory.create(v);
  }

  /** One segment line: JSON, a tab, 8 hex digits of CRC-32. */
  static Row line(String text) {
    if (text == null || text.isEmpty()) {
      return bad("empty line");
    }
    int tab = text.lastIndexOf('\t');
    if (tab < 0 || text.length() - tab - 1 != 8) {
      return bad("no checksum: torn or not a log line");
    }
    byte[] json = text.substring(0, tab).getBytes(StandardCharsets.UTF_8);
    long expected;
    try {
      expected = Long.parseLong(text.substring(tab + 1), 16);
    } catch (NumberFormatException e) {
      return bad("checksum is not hex");
    }
    CRC32 crc = new CRC32();
    crc.update(json);
    if (crc.getValue() != expected) {
      return bad("checksum mismatch: damaged line");
    }
    return parsed(json, null);
  }

  /** A Kafka log message's value: the envelope's record part. */
  static Row envelope(byte[] v) {
    return envelope(v, false);
  }

  /** A Kafka log message's value: the envelope's record part, and the value when asked. */
  static Row envelope(byte[] v, boolean keep) {
    RecordMessage.Frame f;
    try {
      f = RecordMessage.frame(v); // the one definition of the frame, which the Kafka log writes
    } catch (IllegalArgumentException e) {
      return bad(e.getMessage());
    }
    byte[] json = Arrays.copyOfRange(v, f.jsonOffset(), f.jsonOffset() + f.jsonLength());
    return parsed(json, keep ? v : null);
  }

  private static Row parsed(byte[] json, byte[] message) {
    PredictionRecord r;
    try {
      r = PredictionRecordJson.fromJson(json, 0, json.length);
    } catch (RuntimeException e) {
      return bad("record does not parse: " + e.getMessage());
    }
    List<Object> v = values(r, json);
    v.add(message);
    v.add(null);
    return RowFactory.create(v.toArray());
  }
}
