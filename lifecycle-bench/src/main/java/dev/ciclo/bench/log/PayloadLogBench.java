package dev.ciclo.bench.log;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.core.log.FilePredictionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Logging a 1 s, 8 kHz, 16-bit WAV clip (16,044 bytes) with training consent through
 * {@link FilePredictionLog} ({@code logWithTrainingConsent}: the record's JSON line, the payload
 * hashed with SHA-256 and appended to the content-addressed store) against appending the same
 * bytes to an open {@link FileChannel} ({@code fileChannel}, the baseline). Each operation
 * changes four bytes of the clip first (a number from a counter shared by all threads), in both
 * cases, so every clip is new content and the store's deduplication never skips a write. The log
 * and the channel are shared by the benchmark's threads, as a server's request threads share
 * one log ({@code -t 2}); each thread has its own copy of the clip. {@code logHashThenWrite} is
 * the log without its helper thread (hash, then write, on the caller), for comparison. Files are
 * removed after each iteration. Goal: {@code logWithTrainingConsent} at least 0.5x
 * {@code fileChannel}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PayloadLogBench {
  private Path dir;
  private FilePredictionLog log;
  private FilePredictionLog serialLog;
  private FileChannel channel;
  private final AtomicLong counter = new AtomicLong();

  /** One thread's copy of the clip. */
  @State(Scope.Thread)
  public static class Clip {
    private byte[] wav;

    /** Makes the clip. */
    @Setup(Level.Trial)
    public void make() {
      float[] samples = new float[8_000];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 8_000.0));
      }
      wav = Wav.encode(AudioClip.of(samples, 8_000), SampleFormat.PCM_16);
    }
  }

  /**
   * A fresh folder, logs and channel for each iteration.
   *
   * @throws IOException if the folder cannot be made
   */
  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = Files.createTempDirectory("ciclo-payload-bench");
    log = FilePredictionLog.builder(dir.resolve("log")).build();
    serialLog = FilePredictionLog.builder(dir.resolve("serial")).overlapPayloadWrites(false)
        .build();
    channel = FileChannel.open(dir.resolve("baseline.bin"), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Closes and deletes what the iteration wrote.
   *
   * @throws IOException if a file cannot be deleted
   */
  @TearDown(Level.Iteration)
  public void close() throws IOException {
    log.close();
    serialLog.close();
    channel.close();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private long next(byte[] wav) {
    long n = counter.incrementAndGet();
    wav[100] = (byte) n;
    wav[101] = (byte) (n >> 8);
    wav[102] = (byte) (n >> 16);
    wav[103] = (byte) (n >> 24);
    return n;
  }

  /**
   * The baseline: the clip's bytes appended to an open channel.
   *
   * @param clip this thread's clip
   * @return the bytes written
   * @throws IOException if writing fails
   */
  @Benchmark
  public int fileChannel(Clip clip) throws IOException {
    next(clip.wav);
    ByteBuffer b = ByteBuffer.wrap(clip.wav);
    int written = 0;
    while (b.hasRemaining()) {
      written += channel.write(b);
    }
    return written;
  }

  /**
   * The clip logged with training consent: record and payload.
   *
   * @param clip this thread's clip
   * @return the outcome
   */
  @Benchmark
  public AppendOutcome logWithTrainingConsent(Clip clip) {
    return append(log, clip.wav);
  }

  /**
   * The same through a log without its helper thread.
   *
   * @param clip this thread's clip
   * @return the outcome
   */
  @Benchmark
  public AppendOutcome logHashThenWrite(Clip clip) {
    return append(serialLog, clip.wav);
  }

  private AppendOutcome append(FilePredictionLog to, byte[] wav) {
    long n = next(wav);
    return to.append(PredictionRecord.of("r" + n, Instant.ofEpochSecond(1_800_000_000L),
        "digits", "3", Map.of("rms", Signal.of(0.21)), "7", Map.of("7", 0.9, "1", 0.1),
        Duration.ofMillis(2), Consent.TRAINING, "user-1"), RawPayload.of("audio/wav", wav));
  }
}
