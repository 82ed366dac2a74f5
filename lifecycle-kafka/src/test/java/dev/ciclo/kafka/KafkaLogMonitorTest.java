package dev.ciclo.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaLogMonitorTest {
  private static final Pattern ALERT_ID = Pattern.compile("\"alertId\":\"([0-9a-f-]+)\"");
  @RegisterExtension static final Broker broker = new Broker();
  @TempDir static Path dir;

  /** Whole minutes, half an hour ago: every window is complete by the clock. */
  private static Instant t0() {
    return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
  }

  private static KafkaPredictionLog log(String topic) {
    return KafkaPredictionLog.builder(broker.bootstrap(), topic,
        SubjectKeyStore.directory(dir.resolve("keys-" + topic))).build();
  }

  private static List<Alert> runToEnd(KafkaLogMonitor m, int windows) {
    List<Alert> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((m.windowsClosed() < windows || m.openWindows() > 0)
        && System.nanoTime() < deadline) {
      out.addAll(m.poll());
    }
    assertEquals(windows, m.windowsClosed(), "windows closed before the deadline");
    return out;
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  private static Process child(String topic, Path results, String group, long pause, Path out)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        MonitorChild.class.getName(), broker.bootstrap(), topic, results.toString(), group,
        Integer.toString(MonitorChild.WINDOWS), Long.toString(pause))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }

  /** The alert ids in the results directory's window reports, in window order. */
  private static List<String> alertIds(Path results) throws Exception {
    List<String> out = new ArrayList<>();
    for (int w = 0; w < MonitorChild.WINDOWS; w++) {
      Matcher m = ALERT_ID.matcher(Files.readString(results.resolve(
          MonitorResults.windowFile(w))));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  @Test
  @DisplayName("a monitor JVM killed with destroyForcibly mid-window and restarted closes every"
      + " window once: the same reports and alerts as an uninterrupted run, none duplicated,"
      + " a drift episode that spans the crash alerting once")
  void killedMidWindow() throws Exception {
    String topic = "monitored";
    broker.createTopic(topic, 3);
    Instant t0 = t0();
    try (KafkaPredictionLog log = log(topic)) {
      for (int i = 0; i < MonitorChild.WINDOWS * MonitorChild.PER_WINDOW; i++) {
        log.append(MonitorChild.record(t0, i));
      }
      log.flush();
    }

    Path calm = dir.resolve("uninterrupted");
    List<Alert> expected;
    try (KafkaLogMonitor m = MonitorChild.kafkaMonitor(broker.bootstrap(), topic, calm,
        "uninterrupted").build()) {
      expected = runToEnd(m, MonitorChild.WINDOWS);
      assertEquals(List.of(), m.poll(), "nothing more to close");
    }
    // the stream's story: rms drifts in windows 4-6 (one alert) and 10-11 (one more), window 8
    // carries no signal at all, new words from window 5 alarm the vocabulary test in window 6
    // (its statistic carried from window 5: across the kill below)
    List<String> story = story(expected);
    assertTrue(story.containsAll(List.of("4 feature:rms", "10 feature:rms", "8 "
        + LogMonitor.NO_DATA)), story.toString());
    assertEquals(2, expected.stream().filter(a -> a.subject().equals("feature:rms")).count(),
        story.toString());
    assertEquals(List.of("6 vocabulary:transcript"), vocabulary(story));
    assertEquals(expected.stream().map(a -> a.details().get(KafkaLogMonitor.ALERT_ID)).toList(),
        alertIds(calm));

    Path crashy = dir.resolve("crashy");
    Path out1 = dir.resolve("first.out");
    Process first = child(topic, crashy, "crashy", 25, out1);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!lines(out1).contains("CLOSED 5") && first.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(60); // into window 6's reading: the episode started in 4 is still on
    } finally {
      first.destroyForcibly();
    }
    assertTrue(first.waitFor(20, TimeUnit.SECONDS), "child did not die");
    List<String> output = lines(out1);
    assertTrue(output.contains("CLOSED 5"), String.join("\n", output));
    assertFalse(output.contains("DONE"), "the child finished before it was killed");
    MonitorResults.State atKill = new MonitorResults(crashy).load();
    assertTrue(atKill.windows() < MonitorChild.WINDOWS, "killed with windows left: " + atKill);

    Path out2 = dir.resolve("second.out");
    Process second = child(topic, crashy, "crashy", 0, out2);
    try {
      assertTrue(second.waitFor(60, TimeUnit.SECONDS), "restarted child did not finish");
    } finally {
      second.destroyForcibly();
    }
    List<String> output2 = lines(out2);
    assertEquals(0, second.exitValue(), String.join("\n", output2));
    assertEquals("STARTED " + atKill.windows(), output2.stream()
        .filter(l -> l.startsWith("STARTED")).findFirst().orElse("none"), "resumed after the last window"
        + " made durable");
    assertTrue(output2.contains("DONE"), String.join("\n", output2));

    for (int w = 0; w < MonitorChild.WINDOWS; w++) {
      String name = MonitorResults.windowFile(w);
      assertEquals(Files.readString(calm.resolve(name)), Files.readString(crashy.resolve(name)),
          "window " + w + " differs from the uninterrupted run's");
    }
    List<String> ids = alertIds(crashy);
    assertEquals(alertIds(calm), ids);
    assertEquals(ids.size(), new HashSet<>(ids).size(), "an alert is written twice");
    List<String> heard = new ArrayList<>();
    for (String line : output) {
      if (line.startsWith("ALERT ")) {
        heard.add(line.substring(6));
      }
    }
    for (String line : output2) {
      if (line.startsWith("ALERT ")) {
        heard.add(line.substring(6));
      }
    }
    int heardTimes = heard.size();
    assertEquals(Set.copyOf(ids), Set.copyOf(heard), "listeners heard every alert");
    // a listener hears an alert twice only if the kill fell between telling it and saving state
    assertTrue(heardTimes - ids.size() <= 1, "heard " + heardTimes + " for " + ids.size());
  }

  /** Windows 0-5 read with polls of at most {@code maxPoll} records: the state after them. */
  private static MonitorResults.State firstSix(String topic, Instant t0, Path results,
      int maxPoll, int maxFetchBytes) {
    Instant sixth = t0.plus(MonitorChild.WINDOW.multipliedBy(6));
    try (KafkaLogMonitor m = MonitorChild.kafkaMonitor(broker.bootstrap(), topic, results,
        results.getFileName().toString()).clock(() -> sixth)
        .consumerProperty("max.poll.records", maxPoll)
        .consumerProperty("max.partition.fetch.bytes", maxFetchBytes).build()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (m.windowsClosed() < 6 && System.nanoTime() < deadline) {
        m.poll();
      }
      assertEquals(6, m.windowsClosed());
    }
    return new MonitorResults(results).load();
  }

  private static List<String> story(List<Alert> alerts) {
    return alerts.stream().map(a -> a.details().get("window") + " " + a.subject()).toList();
  }

  private static List<String> vocabulary(List<String> story) {
    return story.stream().filter(s -> s.endsWith(" vocabulary:transcript")).toList();
  }

  private static void sameWindows(Path expected, Path actual) throws Exception {
    for (int w = 0; w < MonitorChild.WINDOWS; w++) {
      String name = MonitorResults.windowFile(w);
      assertEquals(Files.readString(expected.resolve(name)), Files.readString(actual.resolve(name)),
          "window " + w + " of " + actual.getFileName() + " differs from "
          + expected.getFileName() + "'s");
    }
  }

  @Test
  @DisplayName("a text field whose vocabulary shifts across four partitions raises the vocabulary"
      + " alert; its windows are byte-equal whatever the consumer's interleaving"
      + " (max.poll.records) and after a restart between windows, which resumes the saved"
      + " statistic (without it the window after the restart differs)")
  void vocabularyAcrossPartitions() throws Exception {
    String topic = "texts";
    broker.createTopic(topic, 4);
    Instant t0 = t0();
    try (KafkaPredictionLog log = log(topic)) {
      for (int i = 0; i < MonitorChild.WINDOWS * MonitorChild.PER_WINDOW; i++) {
        log.append(MonitorChild.record(t0, i));
      }
      log.flush();
    }
    Path whole = dir.resolve("texts-whole");
    try (KafkaLogMonitor m = MonitorChild.kafkaMonitor(broker.bootstrap(), topic, whole,
        "texts-whole").build()) {
      List<String> story = story(runToEnd(m, MonitorChild.WINDOWS));
      assertEquals(List.of("6 vocabulary:transcript"), vocabulary(story), story.toString());
    }
    Path small = dir.resolve("texts-small-polls");
    try (KafkaLogMonitor m = MonitorChild.kafkaMonitor(broker.bootstrap(), topic, small,
        "texts-small-polls").consumerProperty("max.poll.records", 3)
        .consumerProperty("max.partition.fetch.bytes", 2048).build()) {
      runToEnd(m, MonitorChild.WINDOWS);
    }
    sameWindows(whole, small);

    // a restart after window 5, whose statistic (about 13 of 20) the alarm in window 6 needs
    Path restarted = dir.resolve("texts-restarted");
    MonitorResults.State saved = firstSix(topic, t0, restarted, 17, 1 << 20);
    double carried = saved.vocabulary().get("transcript");
    assertTrue(carried > 10 && carried < 20, "statistic after window 5: " + carried);
    // the statistic itself (not in the reports) is the same to the bit when the partitions are
    // interleaved otherwise (small fetches); one summary in arrival order would differ here
    assertEquals(saved.vocabulary(),
        firstSix(topic, t0, dir.resolve("texts-tiny-polls"), 2, 1024).vocabulary());
    Path forgot = dir.resolve("texts-forgot");
    Files.createDirectories(forgot);
    for (int w = 0; w < 6; w++) {
      String name = MonitorResults.windowFile(w);
      Files.copy(restarted.resolve(name), forgot.resolve(name));
    }
    new MonitorResults(forgot).saveState(new MonitorResults.State(saved.windows(),
        saved.doneUntil(), saved.drifting(), saved.starved(), saved.noDataAlerts(),
        saved.offsets(), Map.of()));
    try (KafkaLogMonitor m = MonitorChild.kafkaMonitor(broker.bootstrap(), topic, restarted,
        "texts-restarted").consumerProperty("max.poll.records", 17).build()) {
      assertEquals(6, m.windowsClosed());
      runToEnd(m, MonitorChild.WINDOWS);
    }
    sameWindows(whole, restarted);
    try (KafkaLogMonitor m = MonitorChild.kafkaMonitor(broker.bootstrap(), topic, forgot,
        "texts-forgot").build()) {
      List<String> story = story(runToEnd(m, MonitorChild.WINDOWS));
      assertEquals(List.of(), vocabulary(story), "the statistic was not carried: "
          + story);
    }
  }

  @Test
  @DisplayName("a text field whose tokenizer is not Serializable is refused at build time,"
      + " naming the field")
  void unserializableTokenizer() {
    Function<String, List<String>> tokenizer =
        new Function<>() {
          @Override
          public List<String> apply(String t) {
            return List.of(t.split(" "));
          }
        };
    LogMonitor.Builder monitor = LogMonitor.builder("speech").textField("transcript",
        VocabularyDrift.builder(Set.of("yes")).tokenizer(tokenizer).build());
    IllegalStateException e = assertThrows(
        IllegalStateException.class, () -> KafkaLogMonitor.builder(broker.bootstrap(), "any",
            monitor, dir.resolve("unserializable")).build());
    assertTrue(e.getMessage().startsWith("monitor speech: text field 'transcript' needs a"
        + " Serializable tokenizer to be summarised per partition: tokenizer must be"
        + " Serializable"), e.getMessage());
  }

  @Test
  @DisplayName("records that carry none of the watched signals raise one 'no data' alert, as the"
      + " file monitor does; an empty topic raises nothing; undecodable messages and second"
      + " copies of a message are skipped and counted")
  void noData() throws Exception {
    String topic = "silent";
    broker.createTopic(topic, 2);
    Path results = dir.resolve("silent");
    Instant t0 = t0();
    try (KafkaLogMonitor m = MonitorChild.kafkaMonitor(broker.bootstrap(), topic, results,
        "silent").build()) {
      for (int i = 0; i < 5; i++) {
        assertEquals(List.of(), m.poll(), "an empty topic reads nothing and raises nothing");
      }
      assertEquals(0, m.windowsClosed());
      try (KafkaPredictionLog log = log(topic)) {
        for (int i = 0; i < 90; i++) { // three windows of 30 records without signals
          log.append(PredictionRecord.of("s" + i, t0.plusSeconds(i * 2L), "speech", "1",
              Map.of(), "yes", Map.of("yes", 0.9), Duration.ofMillis(2), Consent.MONITORING,
              "user-" + i % 5));
        }
        log.flush();
      }
      broker.sendRaw(topic, "x".getBytes(StandardCharsets.UTF_8),
          "not a record".getBytes(StandardCharsets.UTF_8), t0.toEpochMilli());
      // a message of the first window written twice, as the producer does after an epoch bump
      ConsumerRecord<byte[], byte[]> first = broker.readRaw(topic).stream()
          .filter(r -> r.timestamp() == t0.plusSeconds(2).toEpochMilli()).findFirst()
          .orElseThrow(); // record s1
      broker.sendRaw(topic, first.key(), first.value(), first.timestamp());
      List<Alert> alerts = runToEnd(m, 3);
      assertEquals(1, alerts.size(), alerts.toString());
      Alert a = alerts.get(0);
      assertEquals(LogMonitor.NO_DATA, a.subject());
      assertEquals(Severity.WARNING, a.severity());
      assertEquals("none of the 30 records read carries the signals this monitor reads"
          + " [rms, device, transcript]: the served model declares no such signal, or the log's"
          + " privacy policy drops them", a.message());
      assertEquals(t0, a.since());
      assertEquals(1, m.undecodable());
      assertEquals(1, m.repeated(), "the second copy is not counted among the 30 records");
    }
    MonitorResults.State s = new MonitorResults(results).load();
    assertEquals(1, s.noDataAlerts());
    assertTrue(s.starved());
  }
}
