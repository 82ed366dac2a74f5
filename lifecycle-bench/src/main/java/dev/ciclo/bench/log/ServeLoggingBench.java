package dev.ciclo.bench.log;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.predict.Predictors;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A server's throughput with raw logging on and off, same run: two {@link InferenceServer}s in
 * one JVM serve the same model on {@code POST /models/digits/predict} (a 1 s, 8 kHz WAV body
 * decoded to a clip; a cheap level-threshold model, so the server and the log, not the model,
 * dominate). {@code loggingOff}: the server has no prediction log. {@code rawLoggingOn}: every
 * request carries training consent and the server logs the record, its signals and the WAV clip
 * (each body differs in four bytes, so the store never deduplicates). Four client threads.
 * Goal: {@code rawLoggingOn} at least 0.8x {@code loggingOff}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
public class ServeLoggingBench {
  private final AtomicLong counter = new AtomicLong();
  private byte[] wav;
  private Path dir;
  private FilePredictionLog log;
  private InferenceServer off;
  private InferenceServer on;
  private HttpClient client;
  private URI offUri;
  private URI onUri;

  /** A client's own copy of the clip. */
  @State(Scope.Thread)
  public static class Body {
    byte[] bytes;

    /**
     * Copies the clip.
     *
     * @param b the shared state
     */
    @Setup(Level.Trial)
    public void copy(ServeLoggingBench b) {
      bytes = b.wav.clone();
    }
  }

  private static ServedModel<AudioClip> model() {
    return ServedModel.builder("digits", Predictors.of(
            new ModelMetadata("digits", "1", "host", Map.of()),
            (AudioClip c) -> Prediction.of(c.rms() > 0.1 ? "loud" : "quiet")))
        .bytesInput(b -> Wav.decode(b, "request body"))
        .signals(c -> Map.of("rms", Signal.of(c.rms()),
            "duration_ms", Signal.of(c.duration().toMillis())))
        .warmUp(List.of(AudioClip.of(new float[800], 8_000))).build();
  }

  /**
   * Starts both servers.
   *
   * @throws IOException if the log folder cannot be made
   */
  @Setup(Level.Trial)
  public void start() throws IOException {
    float[] samples = new float[8_000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 8_000.0));
    }
    wav = Wav.encode(AudioClip.of(samples, 8_000), SampleFormat.PCM_16);
    dir = Files.createTempDirectory("ciclo-serve-logging-bench");
    log = FilePredictionLog.builder(dir).build();
    off = InferenceServer.builder().port(0).threads(4).serve(model()).build().start();
    on = InferenceServer.builder().port(0).threads(4).predictionLog(log).serve(model()).build()
        .start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    offUri = URI.create(off.uri() + "/models/digits/predict");
    onUri = URI.create(on.uri() + "/models/digits/predict");
  }

  /**
   * Stops both servers and deletes the log.
   *
   * @throws IOException if a file cannot be deleted
   */
  @TearDown(Level.Trial)
  public void stop() throws IOException {
    off.close();
    on.close();
    log.close();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private int post(URI uri, Body body, String consent) throws Exception {
    long n = counter.incrementAndGet();
    byte[] b = body.bytes;
    b[100] = (byte) n;
    b[101] = (byte) (n >> 8);
    b[102] = (byte) (n >> 16);
    b[103] = (byte) (n >> 24);
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "audio/wav").header("Ciclo-Consent", consent)
        .header("Ciclo-Subject", "user-" + (n % 50))
        .POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("status " + r.statusCode());
    }
    return r.body().length;
  }

  /**
   * A request to the server without a log.
   *
   * @param body this thread's clip
   * @return the answer's length
   * @throws Exception if the request fails
   */
  @Benchmark
  public int loggingOff(Body body) throws Exception {
    return post(offUri, body, "none");
  }

  /**
   * A request with training consent to the server that logs the raw clip.
   *
   * @param body this thread's clip
   * @return the answer's length
   * @throws Exception if the request fails
   */
  @Benchmark
  public int rawLoggingOn(Body body) throws Exception {
    return post(onUri, body, "training");
  }
}
