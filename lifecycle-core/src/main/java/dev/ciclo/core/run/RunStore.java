package dev.ciclo.core.run;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.workspace.AtomicFiles;
import dev.ciclo.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Run records as readable JSON files, one per run: {@code <workspace>/runs/<runId>.json},
 * written atomically. Times and durations are ISO-8601 text, maps have sorted keys, so two runs
 * diff cleanly.
 *
 * <p>Thread-safe: each save is one atomic file replacement.
 */
public final class RunStore {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private final Path folder;

  private RunStore(Path folder) {
    this.folder = folder;
  }

  /**
   * The store of a workspace, in its {@code runs/} folder.
   *
   * @param workspace the workspace
   * @return the store
   * @throws NullPointerException if {@code workspace} is null
   */
  public static RunStore in(Workspace workspace) {
    return new RunStore(Objects.requireNonNull(workspace, "workspace").runs());
  }

  /**
   * The folder the records are in.
   *
   * @return the folder
   */
  public Path folder() {
    return folder;
  }

  /**
   * The file a run's record is in.
   *
   * @param runId the run's id: letters, digits, '.', '_' and '-', starting with a letter or
   *     digit, at most 200 characters
   * @return the path
   * @throws IllegalArgumentException if the id is not of that form
   */
  public Path fileOf(String runId) {
    Objects.requireNonNull(runId, "runId");
    if (!ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("runId must be letters, digits, '.', '_' or '-' (at most"
          + " 200, starting with a letter or digit) but was '" + runId + "'");
    }
    return folder.resolve(runId + ".json");
  }

  /**
   * Saves a record, replacing an earlier record of the same run.
   *
   * @param record the record
   * @return the file written
   * @throws IllegalArgumentException if the run id cannot be a file name (see {@link #fileOf})
   * @throws CicloException if the file cannot be written, naming it
   */
  public Path save(RunRecord record) {
    Objects.requireNonNull(record, "record");
    Path file = fileOf(record.runId());
    AtomicFiles.write(file, out -> out.write(RunRecordJson.write(record)));
    return file;
  }

  /**
   * Reads one run's record.
   *
   * @param runId the run's id
   * @return the record
   * @throws IllegalArgumentException if there is no record of that run, naming the file looked
   *     for
   * @throws CicloException if the file is unreadable or not a run record, naming it
   */
  public RunRecord get(String runId) {
    Path file = fileOf(runId);
    try {
      return RunRecordJson.read(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no run '" + runId + "': " + file + " does not exist", e);
    } catch (IOException | RuntimeException e) {
      throw new CicloException("cannot read run record " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every run's record, oldest start first (ties by id). Temporary files of interrupted writes
   * are ignored.
   *
   * @return the records
   * @throws CicloException if the folder or a record cannot be read, naming it
   */
  public List<RunRecord> list() {
    List<RunRecord> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".")) {
          out.add(get(name.substring(0, name.length() - ".json".length())));
        }
      }
    } catch (IOException e) {
      throw new CicloException("cannot list run records in " + folder + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(RunRecord::start).thenComparing(RunRecord::runId));
    return out;
  }

  /**
   * Compares runs side by side.
   *
   * @param runIds the runs, at least one
   * @return the comparison, columns in the order given
   * @throws IllegalArgumentException if the list is empty or a run does not exist
   */
  public RunComparison compare(List<String> runIds) {
    Objects.requireNonNull(runIds, "runIds");
    return RunComparison.of(runIds.stream().map(this::get).toList());
  }
}
