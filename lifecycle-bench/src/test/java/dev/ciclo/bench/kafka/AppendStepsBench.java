package dev.ciclo.bench.kafka;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import dev.ciclo.core.log.PayloadStore;
import dev.ciclo.core.log.PredictionRecordJson;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The steps a training-consent Kafka append adds to a raw producer's send, each alone, in this
 * thread's CPU time per record (steadier than wall time on a shared machine): the input's SHA-256,
 * AES-256-GCM sealing (as {@code Sealing} does it, through {@code javax.crypto}) under the same
 * key as the previous record and under a different key each record (5000 subjects in turn, as in
 * {@link KafkaAppendBench}), a {@code PayloadRef}, and the record's JSON with its input reference.
 * Prints one line per round; the last rounds are warm.
 *
 * <pre>
 * java -cp lifecycle-bench/target/test-classes:$(cat /tmp/bench.cp) \
 *     dev.ciclo.bench.kafka.AppendStepsBench 100000 2048
 * </pre>
 */
public final class AppendStepsBench {
  private AppendStepsBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int inputBytes = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
    SplittableRandom random = new SplittableRandom(7);
    SecretKey[] keys = new SecretKey[5000];
    for (int i = 0; i < keys.length; i++) {
      byte[] k = new byte[32];
      random.nextBytes(k);
      keys[i] = new SecretKeySpec(k, "AES");
    }
    byte[][] inputs = new byte[1000][inputBytes];
    PredictionRecord[] records = new PredictionRecord[1000];
    Instant t0 = Instant.parse("2026-12-06T00:00:00Z");
    for (int i = 0; i < inputs.length; i++) {
      random.nextBytes(inputs[i]);
      records[i] = PredictionRecord.of("r" + i, t0.plusMillis(i), "digits", "3",
          Map.of("rms", Signal.of(0.001 * i), "snr_db", Signal.of(i % 30),
              "device", Signal.of(i % 2 == 0 ? "android" : "ios")),
          Integer.toString(i % 10), Map.of(Integer.toString(i % 10), 0.9),
          Duration.ofMillis(3), Consent.TRAINING, "user-" + i);
    }
    String sha = PayloadStore.sha256(inputs[0]);
    PayloadRef ref = new PayloadRef(sha, "audio/wav", inputBytes);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] out = new byte[inputBytes + 64];
    byte[] iv = new byte[12];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int round = 0; round < 6; round++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += PayloadStore.sha256(inputs[i % 1000]).length();
      }
      long c1 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += seal(cipher, keys[7], iv, i, inputs[i % 1000], out);
      }
      long c2 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += seal(cipher, keys[i % keys.length], iv, i, inputs[i % 1000], out);
      }
      long c3 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += new PayloadRef(sha, "audio/wav", inputBytes).size();
      }
      long c4 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += PredictionRecordJson.toJson(records[i % 1000], ref).length;
      }
      long c5 = cpu.getCurrentThreadCpuTime();
      System.out.printf("round %d, us/record: SHA-256 %.2f, seal (same key) %.2f, seal (other"
          + " key) %.2f, PayloadRef %.2f, JSON %.2f%n", round, (c1 - c0) / 1e3 / n,
          (c2 - c1) / 1e3 / n, (c3 - c2) / 1e3 / n, (c4 - c3) / 1e3 / n, (c5 - c4) / 1e3 / n);
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static int seal(Cipher c, SecretKey key, byte[] iv, int i, byte[] plain, byte[] out)
      throws Exception {
    iv[0] = (byte) i; // a new IV per record (GCM refuses to reuse one with the same key)
    iv[1] = (byte) (i >>> 8);
    iv[2] = (byte) (i >>> 16);
    iv[3] = (byte) (i >>> 24);
    c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    c.updateAAD(new byte[] {'r', '1'});
    return c.doFinal(plain, 0, plain.length, out, 0);
  }
}
