package dev.ciclo.serve.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link ServeCommand} in a child JVM on loopback, on a free port. */
final class ServeProcess implements AutoCloseable {
  final Process process;
  final URI uri;
  final int grpcPort;
  private final List<String> output = new ArrayList<>();

  ServeProcess(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), ServeCommand.class.getName(),
        "--host", "127.0.0.1", "--port", "0", "--grpc-port", "0"));
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (output) {
            output.add(line);
          }
          if (line.startsWith("listening on ")) {
            String u = line.substring("listening on ".length()).split(" ")[0]
                + "#" + line.split(" grpc ")[1].split(" ")[0];
            Thread drain = new Thread(() -> {
              try {
                while (r.readLine() != null) {
                  // keep the pipe empty
                }
              } catch (IOException e) {
                // the child ended
              }
            });
            drain.setDaemon(true);
            drain.start();
            return URI.create(u);
          }
        }
        throw new IllegalStateException("serve command ended before listening: " + output());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      URI both = ready.get(60, TimeUnit.SECONDS);
      uri = URI.create(both.toString().substring(0, both.toString().indexOf('#')));
      grpcPort = Integer.parseInt(both.getFragment());
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("serve command did not start: " + output(), e);
    }
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
