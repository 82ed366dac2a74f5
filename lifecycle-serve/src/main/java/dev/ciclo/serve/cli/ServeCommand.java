package dev.ciclo.serve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.serve.AliasFollower;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.serve.internal.ServeJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * Serves a model from a registry folder or a KServe-style model directory: Open Inference
 * Protocol v2 over REST on port 8080 and over gRPC on port 8081 by default. From a registry it
 * serves the version the alias ({@code champion}) names and follows the alias: several replicas
 * (separate JVMs) started on one shared registry folder each serve a promotion within their poll
 * interval.
 *
 * <p>Callable as a plain method ({@link #start(ServeOptions)}, which returns a running handle)
 * or from the command line ({@link #main}):
 *
 * <pre>
 * java -cp ... dev.ciclo.serve.cli.ServeCommand --registry ./ciclo-workspace --model digits
 * java -cp ... dev.ciclo.serve.cli.ServeCommand --model-dir /mnt/models --port 8080
 * </pre>
 *
 * <p>Options: {@code --registry DIR}, {@code --model-dir DIR} (default {@code /mnt/models}),
 * {@code --model NAME}, {@code --alias NAME} (default champion), {@code --host ADDR} (default
 * 0.0.0.0), {@code --port N} (default 8080), {@code --grpc-port N} (default 8081, -1 for none),
 * {@code --poll-ms N} (default 2000), {@code --token T} (or the environment variable
 * {@code CICLO_TOKEN}). The served models are Tribuo classifiers over named numeric features (a
 * tensor row in the schema's order).
 */
public final class ServeCommand {

  private ServeCommand() {}

  /** A running serve command: its server and, from a registry, its alias follower. */
  public static final class Running implements AutoCloseable {
    private final InferenceServer server;
    private final AliasFollower follower;
    private final ScheduledExecutorService scheduler;

    Running(InferenceServer server, AliasFollower follower, ScheduledExecutorService scheduler) {
      this.server = server;
      this.follower = follower;
      this.scheduler = scheduler;
    }

    /** @return the server */
    public InferenceServer server() {
      return server;
    }

    /** @return the base URI of the REST endpoints */
    public URI uri() {
      return server.uri();
    }

    /** Stops following and serving. */
    @Override
    public void close() {
      if (follower != null) {
        follower.close();
      }
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
      server.close();
    }
  }

  /**
   * Starts serving as the options say.
   *
   * @param options what to serve and how
   * @return the running command; close it to stop
   * @throws CicloException if the model cannot be found or loaded, or the port bound
   */
  public static Running start(ServeOptions options) {
    Objects.requireNonNull(options, "options");
    InferenceServer.Builder b = InferenceServer.builder().bindAddress(options.host())
        .port(options.port());
    if (options.grpcPort() >= 0) {
      b.grpcPort(options.grpcPort());
    }
    options.token().ifPresent(b::bearerToken);
    if (options.registry().isPresent()) {
      return fromRegistry(options, b);
    }
    Path dir = options.modelDir().orElseThrow();
    Loaded m = fromDirectory(dir, options);
    InferenceServer server = b.serve(ServedModel.features(m.name, m.predictor, m.features,
        List.of(zeros(m.features)))).build().start();
    return new Running(server, null, null);
  }

  private static Running fromRegistry(ServeOptions options, InferenceServer.Builder b) {
    Path given = options.registry().orElseThrow();
    Path root = Files.isDirectory(given.resolve("models")) ? given.resolve("models") : given;
    if (!Files.isDirectory(root)) {
      throw new CicloException("registry folder " + root + " does not exist");
    }
    FileModelRegistry registry = FileModelRegistry.builder(root)
        .loader(TribuoModelLoader.of(FeatureExtractor.identity())).build();
    String name = options.model().orElseGet(() -> onlyModel(root));
    ModelVersion v = registry.aliased(name, options.alias()).or(() -> {
      List<ModelVersion> all = registry.versions(name);
      return all.isEmpty() ? java.util.Optional.empty()
          : java.util.Optional.of(all.get(all.size() - 1));
    }).orElseThrow(() -> new CicloException("model '" + name + "' has no version in " + root));
    Model<?, ?> model = registry.load(v);
    List<String> features = featureNames(root.resolve(name).resolve("v" + v.version())
        .resolve("model.bin"));
    @SuppressWarnings("unchecked")
    Predictor<FeatureVector, ?> p = (Predictor<FeatureVector, ?>) model;
    InferenceServer server = b.serve(ServedModel.features(name, p, features,
        List.of(zeros(features)))).build().start();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ciclo-serve-follower");
      t.setDaemon(true);
      return t;
    });
    AliasFollower follower = AliasFollower.start(server, name, registry, options.alias(),
        scheduler, options.pollInterval());
    return new Running(server, follower, scheduler);
  }

  private static String onlyModel(Path root) {
    try (Stream<Path> s = Files.list(root)) {
      List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .sorted().toList();
      if (names.size() != 1) {
        throw new CicloException("registry " + root + " holds " + names.size() + " models "
            + names + "; name one with --model");
      }
      return names.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Loaded(String name, Predictor<FeatureVector, String> predictor,
      List<String> features) {}

  /** One version's files: {@code model.bin} with its manifest, and maybe {@code version.json}. */
  private static Loaded fromDirectory(Path dir, ServeOptions options) {
    Path file = dir.resolve("model.bin");
    if (!Files.isRegularFile(file)) {
      try (Stream<Path> s = Files.walk(dir, 4)) {
        file = s.filter(p -> p.getFileName().toString().equals("model.bin"))
            .sorted(Comparator.comparing(Path::toString)).findFirst()
            .orElseThrow(() -> new CicloException("no model.bin under " + dir));
      } catch (IOException e) {
        throw new CicloException("cannot read model directory " + dir, e);
      }
    }
    TribuoClassifierModel<FeatureVector> m = tribuo(file);
    String version = m.metadata().version();
    Path versionJson = file.resolveSibling("version.json");
    if (Files.isRegularFile(versionJson)) {
      try {
        JsonNode n = ServeJson.MAPPER.readTree(versionJson.toFile());
        version = Integer.toString(n.required("version").asInt());
      } catch (IOException | IllegalArgumentException e) {
        throw new CicloException("cannot read " + versionJson, e);
      }
    }
    String name = options.model().orElse(m.metadata().name());
    ModelMetadata md = new ModelMetadata(name, version, m.metadata().framework(),
        m.metadata().properties());
    return new Loaded(name, new Renamed(m, md), m.featureSchema().required());
  }

  @SuppressWarnings("unchecked")
  private static TribuoClassifierModel<FeatureVector> tribuo(Path file) {
    Model<FeatureVector, String> m = ModelFiles.load(file,
        TribuoModelLoader.of(FeatureExtractor.identity()));
    return (TribuoClassifierModel<FeatureVector>) m;
  }

  private static List<String> featureNames(Path file) {
    return tribuo(file).featureSchema().required();
  }

  private static FeatureVector zeros(List<String> names) {
    return FeatureVector.of(names, new double[names.size()]);
  }

  /** A predictor that reports other metadata (the registered version). */
  private static final class Renamed implements Predictor<FeatureVector, String> {
    private final Predictor<FeatureVector, String> inner;
    private final ModelMetadata metadata;

    Renamed(Predictor<FeatureVector, String> inner, ModelMetadata metadata) {
      this.inner = inner;
      this.metadata = metadata;
    }

    @Override
    public Prediction<String> predict(FeatureVector input) {
      return inner.predict(input);
    }

    @Override
    public List<Prediction<String>> predictBatch(List<? extends FeatureVector> inputs) {
      return inner.predictBatch(inputs);
    }

    @Override
    public ModelMetadata metadata() {
      return metadata;
    }
  }

  /**
   * Parses command-line arguments into options.
   *
   * @param args the arguments
   * @return the options
   * @throws IllegalArgumentException for an unknown option or a missing value
   */
  public static ServeOptions parse(String... args) {
    ServeOptions.Builder b = ServeOptions.builder();
    String envToken = System.getenv("CICLO_TOKEN");
    if (envToken != null && !envToken.isBlank()) {
      b.bearerToken(envToken);
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--registry" -> b.registry(Path.of(v));
        case "--model-dir" -> b.modelDir(Path.of(v));
        case "--model" -> b.model(v);
        case "--alias" -> b.alias(v);
        case "--port" -> b.port(Integer.parseInt(v));
        case "--grpc-port" -> b.grpcPort(Integer.parseInt(v));
        case "--poll-ms" -> b.pollInterval(Duration.ofMillis(Long.parseLong(v)));
        case "--token" -> b.bearerToken(v);
        case "--host" -> {
          try {
            b.host(InetAddress.getByName(v));
          } catch (IOException e) {
            throw new IllegalArgumentException("--host must be an address but was '" + v + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'; options:"
            + " --registry DIR, --model-dir DIR, --model NAME, --alias NAME, --host ADDR,"
            + " --port N, --grpc-port N, --poll-ms N, --token T");
      }
    }
    return b.build();
  }

  /**
   * Serves until the process is stopped. Prints {@code listening on <uri>} when ready.
   *
   * @param args the options (see the class documentation)
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    ServeOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Running running = start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "ciclo-serve-shutdown"));
    String grpc = options.grpcPort() >= 0 ? " grpc " + running.server().grpcPort() : "";
    out.println("listening on " + running.uri() + grpc + " serving version "
        + running.server().servedVersion(options.model().orElse(onlyServed(running))));
    out.flush();
    stopped.await();
  }

  private static String onlyServed(Running running) {
    return running.server().modelNames().get(0);
  }
}
