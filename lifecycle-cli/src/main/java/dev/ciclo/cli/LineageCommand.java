package dev.ciclo.cli;

import dev.ciclo.core.maintain.ServingLineage;
import dev.ciclo.core.workspace.Workspace;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ciclo lineage MODEL}: where the served model came from. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = {"Where the model an alias serves came from: the run that trained it, the"
        + " version it replaced, the trigger, the logged data, the gate's decision, and the runs"
        + " before it, read from the workspace's files."})
final class LineageCommand implements Runnable {
  @Parameters(paramLabel = "MODEL", description = "the model's name in the registry")
  String model;

  @Option(names = {"-a", "--alias"}, paramLabel = "ALIAS", defaultValue = "champion",
      description = "the alias to follow (default: ${DEFAULT-VALUE})")
  String alias;

  @picocli.CommandLine.Mixin
  RunsCommand.WorkspaceOption ws;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    if (!Files.isDirectory(ws.workspace.resolve("models"))) {
      throw new IllegalArgumentException("no workspace at " + ws.workspace.toAbsolutePath()
          + " (no models/ folder); give one with --workspace DIR (ciclo demo writes"
            + " ciclo-demo/run-<time>/workspace)");
    }
    ServingLineage lineage = ServingLineage.of(Workspace.open(ws.workspace), model, alias)
        .orElseThrow(() -> new IllegalArgumentException("model '" + model + "' has no alias '"
            + alias + "' in " + ws.workspace.toAbsolutePath()));
    spec.commandLine().getOut().print(lineage.describe());
    spec.commandLine().getOut().flush();
  }
}
