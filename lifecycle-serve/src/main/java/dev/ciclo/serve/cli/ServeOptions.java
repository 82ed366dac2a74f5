package dev.ciclo.serve.cli;

import dev.ciclo.api.internal.Checks;
import dev.ciclo.serve.InferenceServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@link ServeCommand} serves and how: an immutable value made by {@link #builder()}.
 * Either a registry ({@link Builder#registry}: a workspace or its {@code models/} folder, whose
 * alias the server follows) or a KServe-style model directory ({@link Builder#modelDir}: one
 * registered version's files, as KServe's storage initializer puts them at
 * {@code /mnt/models}); with neither, {@code /mnt/models}.
 */
public final class ServeOptions {
  private final Path registry;
  private final Path modelDir;
  private final String model;
  private final String alias;
  private final InetAddress host;
  private final int port;
  private final int grpcPort;
  private final Duration pollInterval;
  private final String token;
  private final List<ServedFormat<?>> formats;
  private final Consumer<InferenceServer.Builder> server;

  private ServeOptions(Builder b) {
    this.registry = b.registry;
    this.modelDir = b.registry == null && b.modelDir == null ? Path.of("/mnt/models")
        : b.modelDir;
    this.model = b.model;
    this.alias = b.alias;
    this.host = b.host;
    this.port = b.port;
    this.grpcPort = b.grpcPort;
    this.pollInterval = b.pollInterval;
    this.token = b.token;
    this.formats = List.copyOf(b.formats);
    this.server = b.server;
  }

  /**
   * Starts describing a serve command.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the registry folder, if serving from a registry */
  public Optional<Path> registry() {
    return Optional.ofNullable(registry);
  }

  /** @return the model directory, if serving one version's files */
  public Optional<Path> modelDir() {
    return Optional.ofNullable(modelDir);
  }

  /** @return the model's name, if given (else the registry's only model or the file's) */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** @return the registry alias served and followed */
  public String alias() {
    return alias;
  }

  /** @return the address listened on */
  public InetAddress host() {
    return host;
  }

  /** @return the HTTP port (0: a free one) */
  public int port() {
    return port;
  }

  /** @return the gRPC port (0: a free one; -1: no gRPC) */
  public int grpcPort() {
    return grpcPort;
  }

  /** @return how often a registry's alias is checked; a promotion is served within it */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** @return the bearer token required, if any */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /** @return the formats served besides Tribuo classifiers, in the order they were added */
  public List<ServedFormat<?>> formats() {
    return formats;
  }

  /**
   * @return the settings applied to the server's builder after the options' own (host, ports,
   *     token): limits, threads and timeouts; by default none, so the server's defaults hold
   */
  public Consumer<InferenceServer.Builder> server() {
    return server;
  }

  /** Configures {@link ServeOptions}. Not thread-safe. */
  public static final class Builder {
    private Path registry;
    private Path modelDir;
    private String model;
    private String alias = "champion";
    private InetAddress host;
    private int port = 8080;
    private int grpcPort = 8081;
    private Duration pollInterval = Duration.ofSeconds(2);
    private String token;
    private final List<ServedFormat<?>> formats = new ArrayList<>();
    private Consumer<InferenceServer.Builder> server = b -> { };

    private Builder() {
      try {
        host = InetAddress.getByName("0.0.0.0");
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Serves from a registry: a workspace folder (with {@code models/}) or a registry folder.
     * No default.
     *
     * @param folder the folder
     * @return this builder
     */
    public Builder registry(Path folder) {
      this.registry = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Serves one version's files ({@code model.bin}, its manifest and {@code version.json}).
     * Default {@code /mnt/models} when no registry is given.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder modelDir(Path dir) {
      this.modelDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * The model's name. Default: the registry's only model, or the name in the model file.
     *
     * @param name not blank
     * @return this builder
     */
    public Builder model(String name) {
      this.model = Checks.notBlank(name, "model");
      return this;
    }

    /**
     * The registry alias served and followed. Default {@code champion}.
     *
     * @param alias not blank
     * @return this builder
     */
    public Builder alias(String alias) {
      this.alias = Checks.notBlank(alias, "alias");
      return this;
    }

    /**
     * The address to listen on. Default {@code 0.0.0.0} (every interface: a container's port).
     *
     * @param host the address
     * @return this builder
     */
    public Builder host(InetAddress host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The HTTP port. Default 8080 (KServe's); 0 picks a free one.
     *
     * @param port from 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      this.port = Checks.between(port, 0, 65535, "port");
      return this;
    }

    /**
     * The gRPC port (Open Inference Protocol v2, {@code inference.GRPCInferenceService}).
     * Default 8081 (KServe's gRPC port); 0 picks a free one; -1 serves no gRPC.
     *
     * @param port from -1 to 65535
     * @return this builder
     */
    public Builder grpcPort(int port) {
      this.grpcPort = Checks.between(port, -1, 65535, "grpcPort");
      return this;
    }

    /**
     * How often the registry's alias is checked; a promotion reaches this replica within about
     * this time plus the new model's load and warm-up. Default 2 s.
     *
     * @param interval at least 10 ms
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.toMillis() < 10) {
        throw new IllegalArgumentException("pollInterval must be at least 10 ms but was "
            + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Requires {@code Authorization: Bearer <token>} (health endpoints excepted). Default: none.
     *
     * @param token not blank
     * @return this builder
     */
    public Builder bearerToken(String token) {
      this.token = Checks.notBlank(token, "token");
      return this;
    }

    /**
     * Requires the bearer token held in a file (its first line, without surrounding blanks or a
     * UTF-8 byte order mark), which unlike a token on the command line does not show in
     * {@code ps}. Default: none.
     *
     * @param file a readable file whose first line is the token
     * @return this builder
     * @throws IllegalArgumentException if the file cannot be read or its first line is blank
     */
    public Builder bearerTokenFile(Path file) {
      Objects.requireNonNull(file, "file");
      String first;
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        first = r.readLine();
      } catch (IOException e) {
        throw new IllegalArgumentException("token file " + file + " cannot be read: " + e, e);
      }
      if (first != null && first.startsWith("\uFEFF")) {
        first = first.substring(1); // a byte order mark, as Windows editors write UTF-8
      }
      if (first == null || first.isBlank()) {
        throw new IllegalArgumentException("token file " + file
            + " must hold the token on its first line but that line is blank");
      }
      this.token = first.strip();
      return this;
    }

    /**
     * Serves models of one more saved format (for example a speech model on WAV bodies), besides
     * Tribuo classifiers over named features, which are always served. Default: none.
     *
     * @param format the format's loader and served form
     * @return this builder
     * @throws IllegalArgumentException if a format of the same name was added before
     */
    public Builder format(ServedFormat<?> format) {
      Objects.requireNonNull(format, "format");
      String name = format.loader().format();
      for (ServedFormat<?> f : formats) {
        if (f.loader().format().equals(name)) {
          throw new IllegalArgumentException("format '" + name + "' was already added");
        }
      }
      formats.add(format);
      return this;
    }

    /**
     * Adds settings of the server's builder (limits, threads, timeouts: see
     * {@link InferenceServer.Builder}), applied after the options' own host, ports and token and
     * after settings added before; they are checked now, on a builder of their own, so a bad
     * value fails here and not when serving starts. Default: none.
     *
     * @param settings what to set on the server's builder
     * @return this builder
     * @throws IllegalArgumentException if a setting is refused by the server's builder
     */
    public Builder server(Consumer<InferenceServer.Builder> settings) {
      Objects.requireNonNull(settings, "settings");
      settings.accept(InferenceServer.builder());
      this.server = this.server.andThen(settings);
      return this;
    }

    /**
     * Makes the options.
     *
     * @return the options
     * @throws IllegalStateException if both a registry and a model directory were given
     */
    public ServeOptions build() {
      if (registry != null && modelDir != null) {
        throw new IllegalStateException("give a registry or a model directory, not both");
      }
      return new ServeOptions(this);
    }
  }
}
