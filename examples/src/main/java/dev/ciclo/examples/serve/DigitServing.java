package dev.ciclo.examples.serve;

import dev.ciclo.api.log.Signal;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.log.PrivacyPolicy;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * The deploy step of the story on real data: MFCC-summary features and a Tribuo logistic
 * regression on FSDD; version 1 trained on recordings 5-24 of each digit and speaker, version 2
 * on 5-49 (more data); both registered in a workspace; version 1 promoted to {@code champion}
 * and served on {@code POST /models/digits/predict}, which takes a WAV file.
 *
 * <pre>{@code
 * try (DigitServing d = DigitServing.start(dataDir, workspaceDir, System.out)) {
 *   // POST a WAV to d.server().uri() + "/models/digits/predict"
 *   d.promote(2);   // the new champion takes traffic with no failed request
 * }
 * }</pre>
 */
public final class DigitServing implements AutoCloseable {
  /** The served model's name. */
  public static final String MODEL = "digits";

  private final MfccSummary extractor;
  private final FileModelRegistry registry;
  private final FilePredictionLog log;
  private final InferenceServer server;

  private DigitServing(MfccSummary extractor, FileModelRegistry registry, FilePredictionLog log,
      InferenceServer server) {
    this.extractor = extractor;
    this.registry = registry;
    this.log = log;
    this.server = server;
  }

  /**
   * Trains and registers both versions, promotes version 1 and starts the server on a free
   * loopback port.
   *
   * @param dataDir the shared data folder holding {@code fsdd/recordings}
   * @param workspaceDir the workspace folder
   * @param out where to print progress
   * @return the running deployment
   */
  public static DigitServing start(Path dataDir, Path workspaceDir, PrintStream out) {
    Path recordings = dataDir.resolve("fsdd").resolve("recordings");
    MfccSummary extractor = MfccSummary.builder().build();
    Workspace ws = Workspace.open(workspaceDir);
    FileModelRegistry registry = FileModelRegistry.builder(ws)
        .loader(TribuoModelLoader.of(AudioClip.class, extractor)).build();
    long t0 = System.nanoTime();
    Dataset<AudioClip, String> small = load(recordings, i -> i >= 5 && i < 25);
    Dataset<AudioClip, String> full = load(recordings, i -> i >= 5);
    out.printf("read %d and %d training clips in %d ms%n", small.size(), full.size(),
        (System.nanoTime() - t0) / 1_000_000);
    TribuoClassifierTrainer<AudioClip> trainer =
        TribuoClassifierTrainer.logisticRegression(extractor);
    TribuoClassifierModel<AudioClip> v1 = trainer.train(small, 1);
    TribuoClassifierModel<AudioClip> v2 = trainer.train(full, 1);
    registry.register(MODEL, v1, run("digits-small", small, trainer));
    registry.register(MODEL, v2, run("digits-full", full, trainer));
    registry.setAlias(MODEL, "champion", 1, "first deployment");
    out.println("registered versions " + registry.versions(MODEL).stream()
        .map(ModelVersion::version).toList() + ", champion = 1");

    Model<AudioClip, String> champion = registry.load(
        registry.aliased(MODEL, "champion").orElseThrow(), AudioClip.class, String.class);
    FilePredictionLog log = FilePredictionLog.builder(ws)
        .privacyPolicy(PrivacyPolicy.builder().keep("duration_ms").bucket("rms", 0.05).build())
        .build();
    AudioClip warm = small.stream().findFirst().orElseThrow().input();
    InferenceServer server = InferenceServer.builder().port(0)
        .maxRequestBytes(1 << 20)
        .predictionLog(log)
        .serve(ServedModel.builder(MODEL, champion)
            .bytesInput(DigitServing::decodeRequest)
            .warmUp(List.of(warm))
            .signals(clip -> Map.of(
                "duration_ms", Signal.of(clip.duration().toMillis()),
                "rms", Signal.of(clip.rms())))
            .build())
        .build().start();
    out.println("serving " + MODEL + " v" + server.servedVersion(MODEL) + " at " + server.uri()
        + "/models/" + MODEL + "/predict");
    return new DigitServing(extractor, registry, log, server);
  }

  /**
   * Points {@code champion} at a version and swaps it into the server (loaded, hash-checked and
   * warmed up first).
   *
   * @param version the registered version
   */
  public void promote(int version) {
    registry.setAlias(MODEL, "champion", version, "promoted by the example");
    server.swapTo(MODEL, registry, "champion");
  }

  /**
   * The running server.
   *
   * @return the server
   */
  public InferenceServer server() {
    return server;
  }

  /**
   * The registry.
   *
   * @return the registry
   */
  public FileModelRegistry registry() {
    return registry;
  }

  /**
   * The prediction log.
   *
   * @return the log
   */
  public FilePredictionLog log() {
    return log;
  }

  /**
   * The extractor used in training and serving.
   *
   * @return the extractor
   */
  public FeatureExtractor<AudioClip> extractor() {
    return extractor;
  }

  /**
   * The FSDD files whose index passes a test, sorted by name.
   *
   * @param recordings the recordings folder
   * @param index which recording indexes (0-49) to take
   * @return the files
   */
  public static List<Path> files(Path recordings, IntPredicate index) {
    try (Stream<Path> s = Files.list(recordings)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d_[a-z]+_\\d+\\.wav"))
          .filter(p -> index.test(Integer.parseInt(
              p.getFileName().toString().replaceAll(".*_(\\d+)\\.wav", "$1"))))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The digit a file holds, from its name.
   *
   * @param file an FSDD file
   * @return the digit as text
   */
  public static String digitOf(Path file) {
    return file.getFileName().toString().substring(0, 1);
  }

  private static Dataset<AudioClip, String> load(Path recordings, IntPredicate index) {
    List<Example<AudioClip, String>> examples = new ArrayList<>();
    for (Path p : files(recordings, index)) {
      examples.add(Example.of(p.getFileName().toString(), Wav.read(p), digitOf(p)));
    }
    return Dataset.of("fsdd", examples);
  }

  private static RunRecord run(String id, Dataset<AudioClip, String> data,
      TribuoClassifierTrainer<AudioClip> trainer) {
    return new RunRecord(id, trainer.name(), trainer.parameters(), 1,
        Map.of("train", data.fingerprint()), List.of(), Map.of(), Map.of(),
        Instant.now(), Duration.ZERO, RunOutcome.COMPLETED, List.of());
  }

  /** Stops the server and closes the log. */
  @Override
  public void close() {
    server.close();
    log.close();
  }

  /**
   * Decodes a request body as a WAV clip for the digit model: a clip with no samples is the
   * client's mistake (answered 400), not something to guess a digit for.
   *
   * @param body the request body
   * @return the clip, with at least one sample
   * @throws IllegalArgumentException if the body is not a WAV file or holds no samples
   */
  public static AudioClip decodeRequest(byte[] body) {
    AudioClip clip = Wav.decode(body, "request body");
    if (clip.length() == 0) {
      throw new IllegalArgumentException("the WAV file holds 0 samples; send a clip of speech");
    }
    return clip;
  }
}
