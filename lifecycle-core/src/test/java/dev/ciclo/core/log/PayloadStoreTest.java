package dev.ciclo.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadStoreTest {
  private static final ThreadFactory DAEMONS = r -> {
    Thread t = new Thread(r, "test-pack-writer");
    t.setDaemon(true);
    return t;
  };

  @TempDir Path dir;

  private static RawPayload clip(int i, int size) {
    byte[] b = new byte[size];
    for (int j = 0; j < size; j++) {
      b[j] = (byte) (j * 7 + i * 13);
    }
    b[0] = (byte) i;
    b[1] = (byte) (i >> 8);
    return RawPayload.of("audio/wav", b);
  }

  private static PayloadStore store(Path dir, boolean helper, PayloadStore.WriteHook hook) {
    return new PayloadStore(dir, false, hook, helper ? DAEMONS : null);
  }

  private static long packBytes(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      long sum = 0;
      for (Path p : s.toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }

  /** An entry as versions before the trailing hash wrote it: CPK1, hash, length, content. */
  private static byte[] cpk1(byte[] content) {
    ByteBuffer b = ByteBuffer.allocate(40 + content.length);
    b.put(new byte[] {'C', 'P', 'K', '1'})
        .put(HexFormat.of().parseHex(PayloadStore.sha256(content)))
        .putInt(content.length).put(content);
    return b.array();
  }

  @ParameterizedTest(name = "helper thread {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("new entries trail their hash (CPK2: magic, length, content, SHA-256); a repeated"
      + " content is stored once and leaves no bytes behind, also when the helper had written it"
      + " before the hash said it was known")
  void formatAndDedup(boolean helper) throws IOException {
    RawPayload a = clip(1, 5_000);
    RawPayload b = clip(2, 3_000);
    try (PayloadStore s = store(dir, helper, null)) {
      PayloadRef ra = s.put(a);
      assertEquals(ra, s.put(a));
      PayloadRef rb = s.put(b);
      assertEquals(rb, s.put(b));
      assertEquals(ra, s.put(a));
      assertEquals(2, s.size());
      assertEquals(Optional.of(a), s.get(ra));
      assertEquals(Optional.of(b), s.get(rb));
    }
    assertEquals(2L * (8 + 32) + 5_000 + 3_000, packBytes(dir), "no bytes of repeats remain");
    byte[] pack = Files.readAllBytes(dir.resolve("pack-000000001.bin"));
    ByteBuffer p = ByteBuffer.wrap(pack);
    assertEquals("CPK2", new String(pack, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(5_000, p.getInt(4));
    assertArrayEquals(a.bytes(), java.util.Arrays.copyOfRange(pack, 8, 5_008));
    assertEquals(PayloadStore.sha256(a.bytes()),
        HexFormat.of().formatHex(pack, 5_008, 5_040));
    try (PayloadStore again = store(dir, helper, null)) {
      assertEquals(2, again.size());
      assertEquals(Optional.of(b), again.get(new PayloadRef(PayloadStore.sha256(b.bytes()),
          "audio/wav", 3_000)));
    }
  }

  @Test
  @DisplayName("packs written before the trailing hash (CPK1 entries) are still read and deduplicated"
      + " against; a rewrite keeps their entries as they are, beside CPK2 entries")
  void readsFormerPacks() throws IOException {
    RawPayload old1 = clip(1, 2_000);
    RawPayload old2 = clip(2, 1_500);
    ByteArrayOutputStream former = new ByteArrayOutputStream();
    former.write(cpk1(old1.bytes()));
    former.write(cpk1(old2.bytes()));
    Files.createDirectories(dir);
    Files.write(dir.resolve("pack-000000001.bin"), former.toByteArray());
    RawPayload fresh = clip(3, 1_000);
    PayloadRef r1 = new PayloadRef(PayloadStore.sha256(old1.bytes()), "audio/wav", 2_000);
    PayloadRef r2 = new PayloadRef(PayloadStore.sha256(old2.bytes()), "audio/wav", 1_500);
    PayloadRef r3;
    try (PayloadStore s = store(dir, true, null)) {
      assertEquals(2, s.size());
      assertEquals(Optional.of(old1), s.get(r1));
      assertEquals(Optional.of(old2), s.get(r2));
      assertEquals(r1, s.put(old1));
      r3 = s.put(fresh);
      assertEquals(3, s.size());
      assertFalse(Files.exists(dir.resolve("pack-000000003.bin")));
      assertEquals(1, s.retainOnly(Set.of(r1.sha256(), r3.sha256())));
      assertEquals(Optional.of(old1), s.get(r1));
      assertEquals(Optional.empty(), s.get(r2));
      assertEquals(Optional.of(fresh), s.get(r3));
    }
    assertArrayEquals(cpk1(old1.bytes()), Files.readAllBytes(dir.resolve("pack-000000001.bin")),
        "the former entry is kept byte for byte");
    try (PayloadStore again = store(dir, false, null)) {
      assertEquals(2, again.size());
      assertEquals(Optional.of(old1), again.get(r1));
      assertEquals(Optional.of(fresh), again.get(r3));
      assertEquals(0, again.corrupt());
    }
  }

  @ParameterizedTest(name = "{0} bytes of the last entry lost")
  @ValueSource(ints = {32, 10, 1, 33, 600})
  @DisplayName("an entry cut anywhere (content or trailing hash) is torn: not indexed, the entries"
      + " before it are, and a reopened store writes to a new pack")
  void tornEntry(int cut) throws IOException {
    List<PayloadRef> refs = new ArrayList<>();
    try (PayloadStore s = store(dir, true, null)) {
      for (int i = 0; i < 3; i++) {
        refs.add(s.put(clip(i, 1_000)));
      }
    }
    Path pack = dir.resolve("pack-000000001.bin");
    try (FileChannel ch = FileChannel.open(pack, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - cut);
    }
    try (PayloadStore s = store(dir, true, null)) {
      assertEquals(2, s.size());
      assertEquals(Optional.of(clip(0, 1_000)), s.get(refs.get(0)));
      assertEquals(Optional.of(clip(1, 1_000)), s.get(refs.get(1)));
      assertEquals(Optional.empty(), s.get(refs.get(2)));
      assertEquals(refs.get(2), s.put(clip(2, 1_000)));
      assertTrue(Files.exists(dir.resolve("pack-000000002.bin")));
      assertEquals(Optional.of(clip(2, 1_000)), s.get(refs.get(2)));
      assertEquals(0, s.corrupt());
    }
  }

  @ParameterizedTest(name = "helper thread {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("a failing disk, on the helper thread or on the caller, fails the put with the"
      + " payload and pack named, cuts the entry back out, and the next put goes on")
  void failingDisk(boolean helper) throws IOException {
    AtomicBoolean full = new AtomicBoolean();
    try (PayloadStore s = store(dir, helper, (pack, n) -> {
      if (full.get()) {
        throw new IOException("No space left on device");
      }
    })) {
      PayloadRef ok = s.put(clip(1, 4_000));
      long before = packBytes(dir);
      full.set(true);
      // a large clip takes long to hash, so the helper (when there is one) writes it
      for (int i = 0; i < 3; i++) {
        RawPayload big = clip(10 + i, PayloadStore.MAX_DIRECT);
        CicloException e = assertThrows(CicloException.class, () -> s.put(big));
        assertTrue(e.getMessage().startsWith("cannot write payload "
            + PayloadStore.sha256(big.bytes()) + " to "), e.getMessage());
        assertTrue(e.getMessage().endsWith("pack-000000001.bin"), e.getMessage());
        assertEquals("No space left on device", e.getCause().getMessage());
        assertEquals(before, packBytes(dir), "the failed entry was cut back");
        assertFalse(s.contains(PayloadStore.sha256(big.bytes())));
      }
      full.set(false);
      PayloadRef next = s.put(clip(3, 4_000));
      assertEquals(Optional.of(clip(1, 4_000)), s.get(ok));
      assertEquals(Optional.of(clip(3, 4_000)), s.get(next));
    }
    try (PayloadStore again = store(dir, helper, null)) {
      assertEquals(2, again.size());
    }
  }

  @ParameterizedTest(name = "helper thread {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("the step run once the hash is known (encoding the record) gets the reference; if"
      + " it fails, the put fails and nothing of the entry stays unless it was already complete")
  void stepAfterHash(boolean helper) throws IOException {
    try (PayloadStore s = store(dir, helper, null)) {
      RawPayload a = clip(1, 20_000);
      String line = s.put(ByteBuffer.wrap(a.bytes()), "audio/wav", ref -> "line " + ref.sha256());
      assertEquals("line " + PayloadStore.sha256(a.bytes()), line);
      long before = packBytes(dir);
      RawPayload b = clip(2, 20_000);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> s.put(ByteBuffer.wrap(b.bytes()), "audio/wav", ref -> {
            throw new IllegalStateException("cannot encode");
          }));
      assertEquals("cannot encode", e.getMessage());
      boolean kept = s.contains(PayloadStore.sha256(b.bytes()));
      assertEquals(kept ? before + 8 + 20_000 + 32 : before, packBytes(dir));
      PayloadRef c = s.put(clip(3, 20_000));
      assertEquals(Optional.of(clip(3, 20_000)), s.get(c));
      assertEquals(Optional.of(a), s.get(new PayloadRef(PayloadStore.sha256(a.bytes()),
          "audio/wav", 20_000)));
    }
  }

  @Test
  @DisplayName("several threads appending new and repeated clips to one log through the helper:"
      + " every record's payload reads back, each content is stored once, and the packs hold"
      + " exactly those entries")
  void concurrentAppends() throws Exception {
    int threads = 4;
    int each = 150;
    int distinct = 97;
    Map<String, byte[]> expected = new ConcurrentHashMap<>();
    try (FilePredictionLog log = FilePredictionLog.builder(dir).build()) {
      List<Thread> ts = new ArrayList<>();
      List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        ts.add(new Thread(() -> {
          try {
            for (int i = 0; i < each; i++) {
              int c = (id * each + i) % distinct;
              RawPayload p = clip(c, 800 + c * 10);
              String rid = "t" + id + "-" + i;
              expected.put(rid, p.bytes());
              AppendOutcome o = log.append(PredictionRecord.of(rid, Instant.ofEpochSecond(i),
                  "digits", "1", Map.of("c", Signal.of(c)), "7", Map.of("7", 1.0),
                  Duration.ofNanos(1), Consent.TRAINING, "s" + id), p);
              assertEquals(AppendOutcome.LOGGED, o);
            }
          } catch (Throwable e) {
            errors.add(e);
          }
        }));
      }
      ts.forEach(Thread::start);
      for (Thread t : ts) {
        t.join();
      }
      assertEquals(List.of(), errors);
      assertEquals(distinct, log.storedPayloads());
      List<PredictionRecord> rs = log.scan(Instant.EPOCH, Instant.MAX).records();
      assertEquals(threads * each, rs.size());
      for (PredictionRecord r : rs) {
        Payload p = log.payload(r).orElseThrow(() -> new AssertionError(r.requestId()));
        assertArrayEquals(expected.get(r.requestId()), ((RawPayload) p).bytes());
      }
      assertEquals(0, log.corruptPayloads());
    }
    long sum = 0;
    for (int c = 0; c < distinct; c++) {
      sum += 8 + 800 + c * 10 + 32;
    }
    assertEquals(sum, packBytes(dir.resolve("payloads")));
  }
}
