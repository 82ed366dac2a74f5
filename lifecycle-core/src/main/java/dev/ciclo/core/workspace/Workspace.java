package dev.ciclo.core.workspace;

import dev.ciclo.api.CicloException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The project's folder on disk: {@code runs/} (run records and checkpoints), {@code models/}
 * (saved models and, later, the registry), {@code logs/} (prediction logs) and
 * {@code reports/}. Plain files that a person can read, copy with rsync and diff; write them
 * with {@link AtomicFiles}.
 *
 * <pre>{@code
 * Workspace ws = Workspace.open(Path.of("ciclo-workspace"));
 * Path runs = ws.runs();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Opening creates the folders if they are missing and never
 * deletes anything.
 */
public final class Workspace {
  /** The folder used when the host gives none: {@code ./ciclo-workspace}. */
  public static final Path DEFAULT_ROOT = Path.of("ciclo-workspace");

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  /**
   * Opens a workspace, creating its folders when missing.
   *
   * @param root the workspace folder; created if missing
   * @return the workspace
   * @throws NullPointerException if {@code root} is null
   * @throws IllegalArgumentException if {@code root} exists and is not a folder
   * @throws CicloException if a folder cannot be created, naming it
   */
  public static Workspace open(Path root) {
    Objects.requireNonNull(root, "root");
    Path abs = root.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException(
          "workspace root must be a folder but " + abs + " is a file");
    }
    Workspace ws = new Workspace(abs);
    for (Path p : new Path[] {ws.runs(), ws.models(), ws.logs(), ws.reports()}) {
      try {
        Files.createDirectories(p);
      } catch (IOException e) {
        throw new CicloException("cannot create workspace folder " + p + ": " + e.getMessage(), e);
      }
    }
    return ws;
  }

  /**
   * The workspace folder.
   *
   * @return the absolute, normalised path
   */
  public Path root() {
    return root;
  }

  /**
   * Where run records and checkpoints go.
   *
   * @return {@code root/runs}
   */
  public Path runs() {
    return root.resolve("runs");
  }

  /**
   * Where saved models go.
   *
   * @return {@code root/models}
   */
  public Path models() {
    return root.resolve("models");
  }

  /**
   * Where prediction logs go.
   *
   * @return {@code root/logs}
   */
  public Path logs() {
    return root.resolve("logs");
  }

  /**
   * Where reports go.
   *
   * @return {@code root/reports}
   */
  public Path reports() {
    return root.resolve("reports");
  }

  @Override
  public String toString() {
    return "Workspace[" + root + "]";
  }
}
