package dev.ciclo.serve.cli;

import dev.ciclo.serve.testing.ListeningProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link ServeCommand} in a child JVM on loopback, on free ports. */
final class ServeProcess {
  private ServeProcess() {}

  /**
   * Starts {@code ServeCommand.main} with these arguments after the loopback host and free
   * ports, and waits until it listens.
   */
  static ListeningProcess start(String... args) throws Exception {
    return start(List.of(), args);
  }

  /** The same, with these options for the child JVM after its own. */
  static ListeningProcess start(List<String> jvm, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ServeCommand.class.getName(), "--host", "127.0.0.1", "--port", "0", "--grpc-port", "0"));
    cmd.addAll(List.of(args));
    return new ListeningProcess("serve command", cmd, Duration.ofSeconds(60),
        Duration.ofSeconds(10));
  }
}
