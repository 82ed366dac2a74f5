package dev.ciclo.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BrokerFaultsTest {
  @RegisterExtension static final Broker broker = new Broker();
  @TempDir static Path dir;

  @Test
  @DisplayName("the broker restarts while a writer streams: every record it acknowledged is read"
      + " back once, and every other one is counted as not logged")
  void restartLosesNothingAcknowledged() throws Exception {
    broker.createTopic("restart", 2);
    int n = 1500;
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(broker.bootstrap(), "restart",
        SubjectKeyStore.directory(dir.resolve("keys1")))
        .deliveryTimeout(Duration.ofSeconds(60)).maxBlock(Duration.ofSeconds(1)).build()) {
      AtomicInteger sent = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      Thread writer = new Thread(() -> {
        for (int i = 0; i < n; i++) {
          try {
            log.append(KafkaPredictionLogTest.record(i, "user-" + (i % 7), Consent.MONITORING));
          } catch (CicloException e) {
            refused.incrementAndGet();
          }
          sent.incrementAndGet();
          LockSupport.parkNanos(2_000_000);
        }
      });
      writer.start();
      while (sent.get() < 300) {
        Thread.sleep(10);
      }
      broker.stopBroker();
      Thread.sleep(1_000);
      broker.startBroker();
      writer.join();
      try {
        log.flush();
      } catch (CicloException e) {
        // counted in notLogged
      }
      List<String> ids = log.read(KafkaPredictionLogTest.T0,
          KafkaPredictionLogTest.T0.plusSeconds(3600)).map(PredictionRecord::requestId).toList();
      // the producer may have appended a batch again after the restart (an epoch bump): read
      // once, and every message on the topic is an acknowledged record or a counted copy
      assertEquals(ids.size(), new HashSet<>(ids).size(), "a record was read twice");
      assertEquals(log.acknowledged(), ids.size(), "acknowledged records read back");
      assertEquals(broker.readRaw("restart").size(), log.acknowledged() + log.repeated(),
          log.repeated() + " copies");
      assertEquals(n, log.acknowledged() + log.notLogged());
      assertTrue(log.acknowledged() > 1_000, log.acknowledged() + " acknowledged");
    }
  }

  @Test
  @DisplayName("the broker goes away mid-stream: after the delivery timeout flush names the"
      + " error, the unlogged records are counted, and the acknowledged ones are all there")
  void brokerGoneMidStream() throws Exception {
    broker.createTopic("gone", 1);
    Set<String> acked = ConcurrentHashMap.newKeySet();
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(broker.bootstrap(), "gone",
        SubjectKeyStore.directory(dir.resolve("keys2")))
        .deliveryTimeout(Duration.ofSeconds(3)).maxBlock(Duration.ofMillis(500)).build()) {
      for (int i = 0; i < 100; i++) {
        log.append(KafkaPredictionLogTest.record(i, "u", Consent.MONITORING));
      }
      log.flush();
      for (int i = 0; i < 100; i++) {
        acked.add("r" + i);
      }
      broker.stopBroker();
      int handed = 0;
      int refused = 0;
      for (int i = 100; i < 120; i++) {
        try {
          log.append(KafkaPredictionLogTest.record(i, "u", Consent.MONITORING));
          handed++;
        } catch (CicloException e) {
          refused++; // the caller (a server) counts it and keeps answering
          assertTrue(e.getMessage().startsWith("Kafka at " + broker.bootstrap()
              + " did not take record r" + i), e.getMessage());
        }
      }
      if (handed > 0) {
        // taken while the metadata was still cached: they fail after the delivery timeout
        CicloException e = assertThrows(CicloException.class, log::flush);
        assertTrue(e.getMessage().startsWith("Kafka at " + broker.bootstrap()
            + " did not acknowledge some records on topic gone"), e.getMessage());
      } else {
        log.flush(); // every one was refused at once, with its own error
      }
      assertEquals(20, log.notLogged(), handed + " handed over, " + refused + " refused");
      assertEquals(100, log.acknowledged());
      broker.startBroker();
      Set<String> read = new HashSet<>(log.read(KafkaPredictionLogTest.T0,
          KafkaPredictionLogTest.T0.plusSeconds(3600)).map(PredictionRecord::requestId).toList());
      assertTrue(read.containsAll(acked), "an acknowledged record was lost");
    }
  }

  @Test
  @DisplayName("no broker at start: append fails fast with a clear error and counts the record")
  void noBrokerAtStart() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free once closed: nobody listens there
    }
    String bootstrap = "127.0.0.1:" + port;
    try (KafkaPredictionLog log = KafkaPredictionLog.builder(bootstrap, "t",
        SubjectKeyStore.directory(dir.resolve("keys3")))
        .deliveryTimeout(Duration.ofSeconds(2)).maxBlock(Duration.ofMillis(300)).build()) {
      CicloException e = assertThrows(CicloException.class,
          () -> log.append(KafkaPredictionLogTest.record(1, "u", Consent.MONITORING)));
      assertTrue(e.getMessage().startsWith("Kafka at " + bootstrap + " did not take record r1 "
          + "for topic t: "), e.getMessage());
      assertEquals(1, log.notLogged());
    }
  }
}
