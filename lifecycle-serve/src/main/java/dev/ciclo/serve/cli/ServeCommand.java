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
import dev.ciclo.core.persist.SavedModel;
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
 * {@code --poll-ms N} (default 2000), {@code --token-file PATH} (the token on the file's first
 * line), {@code --token T} (shows in {@code ps}) or the environment variable {@code CICLO_TOKEN};
 * the server's limits, each with the default of {@link InferenceServer.Builder}:
 * {@code --threads N}, {@code --max-in-flight N}, {@code --max-connections N},
 * {@code --max-request-bytes N}, {@code --max-buffered-bytes N}, {@code --max-rows N},
 * {@code --idle-timeout-ms N},
 * {@code --header-timeout-ms N}, {@code --body-timeout-ms N}, {@code --inline-micros N}.
 * It prints {@code listening on <uri> grpc <port> serving <name> version <v>} when ready.
 *
 * <p>Served here: Tribuo classifiers over named numeric features (a tensor row in the schema's
 * order). Other saved formats are served when the options name a {@link ServedFormat} for them
 * ({@code java -jar ciclo.jar serve} adds lifecycle-speech's {@code ciclo-speech-v1}: WAV bodies
 * and feature rows). From a model directory the model is served under the name in its
 * {@code version.json} (the registry's model name) unless {@code --model} gives one.
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
    options.server().accept(b);
    if (options.registry().isPresent()) {
      return fromRegistry(options, b);
    }
    Path dir = options.modelDir().orElseThrow();
    InferenceServer server = b.serve(fromDirectory(dir, options)).build().start();
    return new Running(server, null, null);
  }

  private static Running fromRegistry(ServeOptions options, InferenceServer.Builder b) {
    Path given = options.registry().orElseThrow();
    Path root = Files.isDirectory(given.resolve("models")) ? given.resolve("models") : given;
    if (!Files.isDirectory(root)) {
      throw new CicloException("registry folder " + root + " does not exist");
    }
    FileModelRegistry.Builder rb = FileModelRegistry.builder(root)
        .loader(TribuoModelLoader.of(FeatureExtractor.identity()));
    options.formats().forEach(f -> rb.loader(f.loader()));
    FileModelRegistry registry = rb.build();
    String name = options.model().orElseGet(() -> onlyModel(root));
    ModelVersion v = registry.aliased(name, options.alias()).or(() -> {
      List<ModelVersion> all = registry.versions(name);
      return all.isEmpty() ? java.util.Optional.empty()
          : java.util.Optional.of(all.get(all.size() - 1));
    }).orElseThrow(() -> new CicloException("model '" + name + "' has no version in " + root));
    Path file = root.resolve(name).resolve("v" + v.version()).resolve("model.bin");
    String what = "version " + v.version() + " of model '" + name + "' in " + root;
    if (!v.format().equals(TribuoClassifierModel.FORMAT)) {
      formatOf(v.format(), options, what); // says which formats are served before loading
    }
    ServedModel<?> served = served(name, v.format(), registry.load(v), file, options, what);
    InferenceServer server = b.serve(served).build().start();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ciclo-serve-follower");
      t.setDaemon(true);
      return t;
    });
    AliasFollower follower = AliasFollower.start(server, name, registry, options.alias(),
        scheduler, options.pollInterval());
    return new Running(server, follower, scheduler);
  }

  /**
   * The served form of a loaded model: a Tribuo classifier takes tensor rows of its features;
   * another format is served as the options' {@link ServedFormat} of that name says.
   */
  private static ServedModel<?> served(String name, String format, Predictor<?, ?> model,
      Path file, ServeOptions options, String what) {
    if (format.equals(TribuoClassifierModel.FORMAT)) {
      @SuppressWarnings("unchecked") // the Tribuo loader reads models over feature vectors
      Predictor<FeatureVector, ?> p = (Predictor<FeatureVector, ?>) model;
      List<String> features = featureNames(file);
      return ServedModel.features(name, p, features, List.of(zeros(features)));
    }
    ServedFormat<?> f = formatOf(format, options, what);
    return serveAs(f, name, model);
  }

  private static ServedFormat<?> formatOf(String format, ServeOptions options, String what) {
    for (ServedFormat<?> f : options.formats()) {
      if (f.loader().format().equals(format)) {
        return f;
      }
    }
    List<String> known = new java.util.ArrayList<>();
    known.add(TribuoClassifierModel.FORMAT);
    options.formats().forEach(f -> known.add(f.loader().format()));
    throw new CicloException(what + " has format '" + format + "' but this serve command"
        + " serves the formats " + known);
  }

  @SuppressWarnings("unchecked") // the format's own loader read the model: it takes X
  private static <X> ServedModel<X> serveAs(ServedFormat<X> f, String name,
      Predictor<?, ?> model) {
    return f.serve(name, (Predictor<X, ?>) model);
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

  /**
   * One version's files: {@code model.bin} with its manifest, and maybe {@code version.json},
   * whose model name and version are served (the names clients used with the registry).
   */
  private static ServedModel<?> fromDirectory(Path dir, ServeOptions options) {
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
    SavedModel saved = ModelFiles.describe(file);
    Model<?, ?> m;
    if (saved.format().equals(TribuoClassifierModel.FORMAT)) {
      m = tribuo(file);
    } else {
      m = ModelFiles.load(file, formatOf(saved.format(), options, "model file " + file)
          .loader());
    }
    String version = m.metadata().version();
    String registered = null;
    Path versionJson = file.resolveSibling("version.json");
    if (Files.isRegularFile(versionJson)) {
      try {
        JsonNode n = ServeJson.MAPPER.readTree(versionJson.toFile());
        version = Integer.toString(n.required("version").asInt());
        registered = n.path("model").asText(null);
      } catch (IOException | IllegalArgumentException e) {
        throw new CicloException("cannot read " + versionJson, e);
      }
    }
    String name = options.model().orElse(registered != null ? registered
        : m.metadata().name());
    ModelMetadata md = new ModelMetadata(name, version, m.metadata().framework(),
        m.metadata().properties());
    return served(name, saved.format(), renamed(m, md), file, options, "model file " + file);
  }

  private static <X, Y> Predictor<X, Y> renamed(Predictor<X, Y> inner, ModelMetadata md) {
    return new Renamed<>(inner, md);
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

  /** A predictor that reports other metadata (the registered name and version). */
  private static final class Renamed<X, Y> implements Predictor<X, Y> {
    private final Predictor<X, Y> inner;
    private final ModelMetadata metadata;

    Renamed(Predictor<X, Y> inner, ModelMetadata metadata) {
      this.inner = inner;
      this.metadata = metadata;
    }

    @Override
    public Prediction<Y> predict(X input) {
      return inner.predict(input);
    }

    @Override
    public List<Prediction<Y>> predictBatch(List<? extends X> inputs) {
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
        case "--port" -> b.port(ServerFlag.integer(a, v));
        case "--grpc-port" -> b.grpcPort(ServerFlag.integer(a, v));
        case "--poll-ms" -> b.pollInterval(Duration.ofMillis(ServerFlag.whole(a, v)));
        case "--token" -> b.bearerToken(v);
        case "--token-file" -> b.bearerTokenFile(Path.of(v));
        case "--host" -> {
          try {
            b.host(InetAddress.getByName(v));
          } catch (IOException e) {
            throw new IllegalArgumentException("--host must be an address but was '" + v + "'");
          }
        }
        default -> {
          ServerFlag limit = ServerFlag.of(a);
          if (limit == null) {
            StringBuilder limits = new StringBuilder();
            for (ServerFlag f : ServerFlag.values()) {
              limits.append(", ").append(f.flag()).append(" N");
            }
            throw new IllegalArgumentException("unknown option '" + a + "'; options:"
                + " --registry DIR, --model-dir DIR, --model NAME, --alias NAME, --host ADDR,"
                + " --port N, --grpc-port N, --poll-ms N, --token T, --token-file PATH" + limits);
          }
          b.server(s -> limit.apply(s, v));
        }
      }
    }
    return b.build();
  }

  /**
   * Serves until the process is stopped. Prints {@code listening on <uri> grpc <port> serving <name> version <v>}
   * when ready.
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
    String served = onlyServed(running);
    out.println("listening on " + running.uri() + grpc + " serving " + served + " version "
        + running.server().servedVersion(served));
    out.flush();
    stopped.await();
  }

  private static String onlyServed(Running running) {
    return running.server().modelNames().get(0);
  }
}
