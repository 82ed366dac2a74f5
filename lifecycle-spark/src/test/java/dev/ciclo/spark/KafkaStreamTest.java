package dev.ciclo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciclo.api.log.RawPayload;
import dev.ciclo.kafka.KafkaPredictionLog;
import dev.ciclo.kafka.SubjectKeyStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaStreamTest {
  @TempDir Path dir;

  /** One availableNow run of the stream into the Parquet table; the decoded rows' errors too. */
  private static void ingest(SparkSession spark, String bootstrap, String table, String errors,
      String checkpoint) throws Exception {
    LogFrames.LogFrame stream = LogFrames.kafkaStream(spark, bootstrap, "streamed",
        Map.of("maxOffsetsPerTrigger", "250"));
    stream.decoded().writeStream().format("parquet").option("path", errors)
        .option("checkpointLocation", checkpoint).trigger(Trigger.AvailableNow()).start()
        .awaitTermination();
    spark.read().parquet(errors).where("__error is null").drop("__message", "__error")
        .write().mode("overwrite").parquet(table);
  }

  @Test
  @DisplayName("Spark's Kafka source as a stream (availableNow, in micro-batches of 250"
      + " messages) takes the topic in two runs, each continuing where the last ended: every"
      + " record once, a foreign message kept as undecodable, and the drift job over what it"
      + " took equals the monitor reading the log itself")
  void availableNowFeedsDrift() throws Exception {
    SparkSession spark = TestSpark.session();
    try (TestKafka broker = new TestKafka()) {
      String bootstrap = broker.bootstrap();
      broker.createTopic("streamed", 3);
      String all = dir.resolve("decoded").toString();
      String table = dir.resolve("table").toString();
      String checkpoint = dir.resolve("checkpoint").toString();
      try (KafkaPredictionLog log = KafkaPredictionLog.builder(bootstrap, "streamed",
          SubjectKeyStore.directory(dir.resolve("keys")))
          .allowMediaType("application/octet-stream").readTimeout(Duration.ofSeconds(30))
          .build()) {
        for (int i = 0; i < LogFramesTest.N / 2; i++) {
          log.append(LogFramesTest.record(i), RawPayload.of("application/octet-stream",
              ("input " + i).getBytes(StandardCharsets.UTF_8)));
        }
        log.flush();
        ingest(spark, bootstrap, table, all, checkpoint);
        assertEquals(LogFramesTest.N / 2, spark.read().parquet(table).count());

        for (int i = LogFramesTest.N / 2; i < LogFramesTest.N; i++) {
          log.append(LogFramesTest.record(i), RawPayload.of("application/octet-stream",
              ("input " + i).getBytes(StandardCharsets.UTF_8)));
        }
        log.flush();
        broker.sendRaw("streamed", "not a Ciclo record".getBytes(StandardCharsets.UTF_8),
            LogFramesTest.T0.toEpochMilli());
        ingest(spark, bootstrap, table, all, checkpoint);

        List<Row> ids = spark.read().parquet(table).select("request_id").distinct()
            .collectAsList();
        assertEquals(LogFramesTest.N, spark.read().parquet(table).count(), "every record once");
        assertEquals(LogFramesTest.N, ids.size());
        assertEquals(1, spark.read().parquet(all).where("__error is not null").count());
        LogFramesTest.assertSameDrift(log, LogFrames.parquet(spark, table));
      }
    }
  }
}
