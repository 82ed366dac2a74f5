package dev.ciclo.jupyter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Executes a notebook headless with Jupyter's {@code nbconvert} on {@link CicloKernel}, as CI
 * does: the kernel spec is installed into a private Jupyter data folder, so nothing is written
 * to the user's own Jupyter set-up.
 *
 * <p>Needs Jupyter's {@code jupyter-nbconvert} (Debian: {@code jupyter-nbconvert},
 * {@code python3-nbclient}, {@code python3-ipykernel}); see {@link #find()}.
 *
 * <p>Immutable and thread-safe; each call starts its own processes.
 */
public final class NotebookRunner {
  /** The kernel name notebooks run by this runner must name in their metadata. */
  public static final String KERNEL_NAME = "ciclo-java";

  private final Path nbconvert;
  private final String classPath;
  private final Duration cellTimeout;

  private NotebookRunner(Path nbconvert, String classPath, Duration cellTimeout) {
    this.nbconvert = nbconvert;
    this.classPath = classPath;
    this.cellTimeout = cellTimeout;
  }

  /**
   * Finds {@code jupyter-nbconvert}: {@code /usr/bin/jupyter-nbconvert} first, then the
   * {@code PATH}.
   *
   * @return its path, or empty when Jupyter is not installed
   */
  public static Optional<Path> find() {
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/usr/bin/jupyter-nbconvert"));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "jupyter-nbconvert"));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /**
   * A runner whose kernel sees {@code classPath}.
   *
   * @param nbconvert the {@code jupyter-nbconvert} executable (see {@link #find()})
   * @param classPath the class path of the kernel and its cells
   * @param cellTimeout how long one cell may run, from 1 second to 1 hour
   * @return the runner
   * @throws IllegalArgumentException if the class path is blank or the timeout out of range
   */
  public static NotebookRunner of(Path nbconvert, String classPath, Duration cellTimeout) {
    Objects.requireNonNull(nbconvert, "nbconvert");
    Objects.requireNonNull(classPath, "classPath");
    Objects.requireNonNull(cellTimeout, "cellTimeout");
    if (classPath.isBlank()) {
      throw new IllegalArgumentException("classPath must not be blank");
    }
    if (cellTimeout.getSeconds() < 1 || cellTimeout.getSeconds() > 3600) {
      throw new IllegalArgumentException(
          "cellTimeout must be between 1 s and 1 h but was " + cellTimeout);
    }
    return new NotebookRunner(nbconvert, classPath, cellTimeout);
  }

  /**
   * What one execution gave.
   *
   * @param exitCode {@code nbconvert}'s exit code: 0 when every cell ran
   * @param executed the executed notebook, with its outputs (absent if nbconvert wrote none)
   * @param log what nbconvert printed
   */
  public record Result(int exitCode, Path executed, String log) {
    /**
     * Whether every cell ran without error.
     *
     * @return {@code exitCode == 0}
     */
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  /**
   * Executes every cell of a notebook, stopping at the first that fails.
   *
   * @param notebook the {@code .ipynb} file; its kernel spec name must be {@value #KERNEL_NAME}
   * @param workDir a folder for the kernel spec, the executed notebook and the log
   * @return the exit code, the executed notebook and the log
   * @throws IOException if the processes cannot be started or the files written
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the run takes longer than 20 cell timeouts
   */
  public Result execute(Path notebook, Path workDir) throws IOException, InterruptedException {
    return execute(notebook, workDir, Map.of());
  }

  /**
   * Executes every cell of a notebook, stopping at the first that fails, with environment
   * variables for the kernel and its cells added to this process's own.
   *
   * @param notebook the {@code .ipynb} file; its kernel spec name must be {@value #KERNEL_NAME}
   * @param workDir a folder for the kernel spec, the executed notebook and the log
   * @param environment variables to set, such as {@code CICLO_DATA_DIR}
   * @return the exit code, the executed notebook and the log
   * @throws IOException if the processes cannot be started or the files written
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the run takes longer than 20 cell timeouts
   */
  public Result execute(Path notebook, Path workDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    Objects.requireNonNull(notebook, "notebook");
    Objects.requireNonNull(environment, "environment");
    Path jupyterPath = Files.createDirectories(workDir.resolve("jupyter"));
    KernelSpec.install(jupyterPath.resolve("kernels"), KERNEL_NAME, classPath);
    String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "") + ".executed";
    Path log = workDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(nbconvert.toString(), "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=" + cellTimeout.getSeconds(),
        "--ExecutePreprocessor.kernel_name=" + KERNEL_NAME,
        "--output-dir", workDir.toString(), "--output", name, notebook.toString());
    pb.environment().putAll(environment);
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    pb.environment().put("JUPYTER_RUNTIME_DIR", Files.createDirectories(workDir.resolve("runtime")).toString());
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(cellTimeout.getSeconds() * 20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("nbconvert did not finish on " + notebook + " in time");
    }
    return new Result(p.exitValue(), workDir.resolve(name + ".ipynb"),
        Files.readString(log, StandardCharsets.UTF_8));
  }
}
