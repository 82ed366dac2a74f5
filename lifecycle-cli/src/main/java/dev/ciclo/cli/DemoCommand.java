package dev.ciclo.cli;

import dev.ciclo.examples.Main;
import dev.ciclo.examples.cycle.FullCycle;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.data.FsddDownloader;
import dev.ciclo.examples.data.SpeechData;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ciclo demo}: the full cycle on spoken digits, as the README's first command runs it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the whole cycle on spoken digits: scope, collect, train and analyse,"
        + " augment, deploy, monitor, retrain and replace the model under live traffic.",
        "Every run uses a fresh folder (ciclo-demo/run-<time>) unless --workspace names one."})
final class DemoCommand implements Runnable {
  enum Recipe { fast, speech }

  @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
      description = "the workspace to use (registry, runs, log; the report goes to"
          + " DIR/reports/demo); a workspace with models from earlier runs is continued, with a"
          + " warning. Default: a fresh ciclo-demo/run-<time>/workspace")
  Path workspace;

  @Option(names = {"-r", "--recipe"}, paramLabel = "RECIPE", defaultValue = "speech",
      description = "fast (MFCC summaries and logistic regression, seconds) or speech (Ciclo's"
          + " speech recipe, an MLP, minutes). Default: ${DEFAULT-VALUE}")
  Recipe recipe;

  @Option(names = {"-d", "--data"}, paramLabel = "DIR",
      description = "the data folder with fsdd/ and noise/ (default: $CICLO_DATA_DIR, else"
          + " ../shared/data)")
  Path data;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "the seed of every random choice (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--no-download", description = "never download FSDD; without the data the"
      + " demo runs on synthetic digits and says so")
  boolean noDownload;

  @Override
  public void run() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Main.routeJavaUtilLogging();
    FullCycle.Builder b = FullCycle.builder()
        .recipe(recipe == Recipe.fast ? DigitRecipe.fast() : DigitRecipe.speech())
        .dataDir(data != null ? data : SpeechData.defaultDataDir())
        .seed(seed);
    if (workspace != null) {
      b.workspace(workspace).outDir(workspace.resolve("reports").resolve("demo"));
    } else {
      b.outDir(FullCycle.freshFolder(Path.of("ciclo-demo")));
    }
    if (!noDownload && !"false".equalsIgnoreCase(System.getenv("CICLO_DOWNLOAD"))) {
      b.downloader(FsddDownloader.builder(
          Path.of(System.getProperty("user.home"), ".cache", "ciclo")).build());
    }
    b.build().run();
  }
}
