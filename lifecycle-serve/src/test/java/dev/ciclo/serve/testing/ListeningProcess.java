package dev.ciclo.serve.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A serve command in a child JVM, read until it prints {@code listening on URI grpc PORT}; its
 * later output is drained so that the pipe never fills. {@link #close()} sends SIGTERM and, if
 * the process has not ended within the stop timeout, kills it.
 *
 * <p>Both serve fronts print that line when ready: {@code ServeCommand.main} (lifecycle-serve's
 * tests) and {@code java -jar ciclo.jar serve} (lifecycle-cli's {@code ServeJarIT}).
 */
public final class ListeningProcess implements AutoCloseable {
  private static final String READY = "listening on ";

  /** The child process. */
  public final Process process;
  /** The REST address it listens on, {@code http://host:port}. */
  public final URI uri;
  /** The gRPC port it listens on. */
  public final int grpcPort;
  private final String what;
  private final Duration stopTimeout;
  private final List<String> output = new ArrayList<>();

  /**
   * Starts the command and waits until it says where it listens.
   *
   * @param what the command's name in failure messages, such as {@code "ciclo serve"}
   * @param command the command line
   * @param startTimeout how long to wait for the line
   * @param stopTimeout how long {@link #close()} waits after SIGTERM
   * @throws IOException if the process cannot be started
   * @throws IllegalStateException if it ends or times out before listening (with its output)
   */
  public ListeningProcess(String what, List<String> command, Duration startTimeout,
      Duration stopTimeout) throws IOException {
    this.what = Objects.requireNonNull(what, "what");
    this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (output) {
            output.add(line);
          }
          if (line.startsWith(READY)) {
            Thread drain = new Thread(() -> {
              try {
                // keep the pipe empty, and the lines for output() (the first 10,000)
                for (String more; (more = r.readLine()) != null; ) {
                  synchronized (output) {
                    if (output.size() < 10_000) {
                      output.add(more);
                    }
                  }
                }
              } catch (IOException e) {
                // the child ended
              }
            });
            drain.setDaemon(true);
            drain.start();
            return line;
          }
        }
        throw new IllegalStateException(what + " ended before listening: " + output());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      // "listening on http://127.0.0.1:PORT grpc PORT"
      String[] words = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS).split(" ");
      uri = URI.create(words[2]);
      grpcPort = Integer.parseInt(words[4]);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException(what + " did not start: " + output(), e);
    }
  }

  /**
   * What the process has printed so far (its first 10,000 lines).
   *
   * @return the lines, joined by newlines
   */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Sends SIGTERM and waits for the end; kills the process if it does not end in time. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return what + " at " + uri;
  }
}
