package dev.ciclo.cli;

import dev.ciclo.examples.Main;
import dev.ciclo.serve.cli.ServeCommand;
import dev.ciclo.serve.cli.ServeOptions;
import dev.ciclo.serve.cli.ServerFlag;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** {@code ciclo serve}: lifecycle-serve's serve command, with this command line's conventions. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves a model over the Open Inference Protocol v2 (REST, and gRPC unless"
        + " --grpc-port -1) from a workspace's registry, following its alias (a promotion is"
        + " served within the poll interval), or from a KServe-style model folder.",
        "Serves Tribuo classifiers (tensor rows of their features) and speech models such as"
        + " the demo's (a WAV body on POST /models/NAME/predict, or rows of the speech"
        + " recipe's features).",
        "Runs until stopped (Ctrl-C); prints 'listening on URI grpc PORT serving NAME version V'"
        + " when ready. Logs at WARN (-Dorg.slf4j.simpleLogger.defaultLogLevel=info for more).",
        "Requests need 'Authorization: Bearer TOKEN' when the environment variable CICLO_TOKEN"
        + " is set or --token-file names a file holding the token (health endpoints need"
        + " none)."},
    footer = {"", "Environment:",
        "  CICLO_TOKEN   the bearer token clients must send (--token-file wins)"})
final class ServeCli implements Runnable {
  @Option(names = {"-w", "--workspace", "--registry"}, paramLabel = "DIR",
      description = "the workspace (or registry folder) to serve from")
  Path registry;

  @Option(names = "--model-dir", paramLabel = "DIR",
      description = "a KServe-style model folder instead (default when no workspace is given:"
          + " /mnt/models)")
  Path modelDir;

  @Option(names = {"-m", "--model"}, paramLabel = "NAME",
      description = "the model's name (default: the registry's only model; with --model-dir,"
          + " the name in version.json)")
  String model;

  @Option(names = {"-a", "--alias"}, paramLabel = "ALIAS", defaultValue = "champion",
      description = "the alias to serve and follow (default: ${DEFAULT-VALUE})")
  String alias;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0",
      description = "the address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = {"-p", "--port"}, paramLabel = "N", defaultValue = "8080",
      description = "the REST port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--grpc-port", paramLabel = "N", defaultValue = "8081",
      description = "the gRPC port, 0 for any free one, -1 for no gRPC (default: ${DEFAULT-VALUE})")
  int grpcPort;

  @Option(names = "--poll-ms", paramLabel = "N", defaultValue = "2000",
      description = "how often the alias is read, in milliseconds (default: ${DEFAULT-VALUE})")
  long pollMs;

  @Option(names = "--token-file", paramLabel = "PATH",
      description = "require the bearer token on this file's first line (a token in an"
          + " option would show in ps; see also CICLO_TOKEN)")
  Path tokenFile;

  @picocli.CommandLine.Spec
  CommandSpec spec;

  /**
   * Adds the server's limits ({@link ServerFlag}, declared once in lifecycle-serve) to this
   * command's options, before the command line is parsed.
   *
   * @param serve this command's spec
   * @return the spec
   */
  static CommandSpec withServerFlags(CommandSpec serve) {
    for (ServerFlag limit : ServerFlag.values()) {
      // typed, so that picocli refuses a value that is not a number as it does for --port
      serve.addOption(OptionSpec.builder(limit.flag()).paramLabel("N").type(limit.type())
          .description(limit.description()).build());
    }
    return serve;
  }

  /** The options object of lifecycle-serve, as these flags say; checks each value. */
  ServeOptions options() {
    ServeOptions.Builder b = ServeOptions.builder().alias(alias).port(port).grpcPort(grpcPort)
        .pollInterval(Duration.ofMillis(pollMs));
    try {
      b.host(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + host + " is not a known address", e);
    }
    if (registry != null) {
      b.registry(registry);
    }
    if (modelDir != null) {
      b.modelDir(modelDir);
    }
    if (model != null) {
      b.model(model);
    }
    String token = System.getenv("CICLO_TOKEN");
    if (tokenFile != null) {
      b.bearerTokenFile(tokenFile);
    } else if (token != null && !token.isBlank()) {
      b.bearerToken(token);
    }
    for (ServerFlag limit : ServerFlag.values()) {
      Number value = spec.findOption(limit.flag()).getValue();
      if (value != null) {
        b.server(s -> limit.apply(s, value.toString()));
      }
    }
    return b.format(new SpeechFormat()).build();
  }

  @Override
  public void run() {
    // an application: it logs at WARN like the demo, unless told otherwise (before the first
    // logger is made, so that slf4j-simple reads it: options() makes the server's classes)
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // gRPC's transport logs each client's oversized or broken message and each stream it
    // resets at WARN with a stack trace, after answering it with a status, and Jetty's parser
    // a line for each request with two Host headers (answered 400): any client could fill the
    // log with a few bytes per line. The server counts those answers in its metrics.
    for (String noisy : List.of("io.grpc.netty.shaded.io.grpc.netty.NettyServerStream",
        "io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler",
        "org.eclipse.jetty.http.HttpParser")) {
      if (System.getProperty("org.slf4j.simpleLogger.log." + noisy) == null) {
        System.setProperty("org.slf4j.simpleLogger.log." + noisy, "error");
      }
    }
    Main.routeJavaUtilLogging();
    ServeOptions options = options();
    ServeCommand.Running running = ServeCommand.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "ciclo-serve-shutdown"));
    String served = running.server().modelNames().get(0);
    spec.commandLine().getOut().println("listening on " + running.uri()
        + (grpcPort >= 0 ? " grpc " + running.server().grpcPort() : "") + " serving "
        + served + " version " + running.server().servedVersion(served));
    spec.commandLine().getOut().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.close();
    }
  }
}
