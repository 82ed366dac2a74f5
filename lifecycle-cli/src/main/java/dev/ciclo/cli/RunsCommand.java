package dev.ciclo.cli;

import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ciclo runs list|show|compare}: the run records of a workspace. */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "The run records of a workspace (its runs/ folder).",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class})
final class RunsCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: list, show or compare");
  }

  /** The workspace option every subcommand takes. */
  static final class WorkspaceOption {
    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
        description = "the workspace folder (default: ${DEFAULT-VALUE})",
        defaultValue = "ciclo-workspace")
    Path workspace;

    /** Opens the workspace, refusing a folder that is not one (rather than creating it). */
    RunStore runs() {
      if (!Files.isDirectory(workspace.resolve("runs"))) {
        throw new IllegalArgumentException("no workspace at " + workspace.toAbsolutePath()
            + " (no runs/ folder); give one with --workspace DIR (ciclo demo writes"
            + " ciclo-demo/run-<time>/workspace)");
      }
      return RunStore.in(Workspace.open(workspace));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "One line per run: id, start, trainer, outcome, duration.")
  static final class ListRuns implements Runnable {
    @picocli.CommandLine.Mixin
    WorkspaceOption ws;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      List<RunRecord> all = ws.runs().list();
      var out = spec.commandLine().getOut();
      if (all.isEmpty()) {
        out.println("no runs in " + ws.workspace.toAbsolutePath());
        return;
      }
      out.printf(Locale.ROOT, "%-40s %-24s %-10s %9s  %s%n", "run", "start", "outcome",
          "seconds", "trainer");
      for (RunRecord r : all) {
        out.printf(Locale.ROOT, "%-40s %-24s %-10s %9.1f  %s%n", r.runId(), r.start(),
            r.outcome(), r.duration().toMillis() / 1000.0, r.trainer());
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "A run's record: trainer, seed, parameters, data, metrics, environment.")
  static final class Show implements Runnable {
    @picocli.CommandLine.Mixin
    WorkspaceOption ws;
    @Parameters(paramLabel = "RUN", description = "the run's id (see 'ciclo runs list')")
    String runId;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      RunRecord r = ws.runs().get(runId);
      var out = spec.commandLine().getOut();
      out.println("run       " + r.runId());
      out.println("trainer   " + r.trainer());
      out.println("outcome   " + r.outcome());
      out.println("seed      " + r.seed());
      out.println("start     " + r.start());
      out.printf(Locale.ROOT, "duration  %.1f s%n", r.duration().toMillis() / 1000.0);
      section(out, "parameters", r.parameters());
      section(out, "data", r.datasetFingerprints());
      section(out, "metrics", r.metrics());
      if (!r.epochs().isEmpty()) {
        out.println("epochs    " + r.epochs().size());
      }
      section(out, "environment", r.environment());
      r.notes().forEach(n -> out.println("note      " + n));
    }

    private static void section(java.io.PrintWriter out, String title, Map<String, ?> values) {
      if (values.isEmpty()) {
        return;
      }
      out.println(title + ":");
      new java.util.TreeMap<>(values).forEach((k, v) -> out.println("  " + k + " = "
          + (v instanceof Double d ? String.format(Locale.ROOT, "%.5f", d) : v)));
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Runs side by side: the parameters that differ and every metric.")
  static final class Compare implements Runnable {
    @picocli.CommandLine.Mixin
    WorkspaceOption ws;
    @Parameters(paramLabel = "RUN", arity = "2..*", description = "two or more run ids")
    List<String> runIds;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().print(ws.runs().compare(runIds).toTable());
      spec.commandLine().getOut().flush();
    }
  }
}
