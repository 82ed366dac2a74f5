package dev.ciclo.examples;

import dev.ciclo.examples.cycle.FullCycle;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.data.FsddDownloader;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The main job: the full cycle on spoken digits ({@link FullCycle}), printing what happens at
 * each step and writing a report folder. The walking skeleton that came before it is still
 * {@link dev.ciclo.examples.skeleton.SkeletonCycle}.
 *
 * <p>Settings: {@code CICLO_DATA_DIR} (default {@code ../shared/data}); when that folder lacks
 * FSDD, FSDD is downloaded into {@code ~/.cache/ciclo} (base URL {@code CICLO_FSDD_BASE_URL},
 * expected archive hash {@code CICLO_FSDD_SHA256}; {@code CICLO_DOWNLOAD=false} skips it), and
 * without it the demo runs on synthetic digits and says so. {@code CICLO_DEMO_RECIPE=fast} trains
 * the quick recipe (MFCC summary and logistic regression, seconds) instead of Ciclo's speech
 * recipe (an MLP, minutes).
 */
public final class Main {
  private Main() {}

  /**
   * Runs the cycle.
   *
   * @param args optional: the output folder (default a new {@code target/ciclo-demo/run-<time>},
   *     so that every run starts clean) and the seed
   *     (default 42)
   */
  public static void main(String[] args) {
    // the library's own INFO lines (server started, model swapped) would interleave with the
    // story; the demo prints those events itself
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    routeJavaUtilLogging();
    FullCycle.Builder b = FullCycle.builder();
    if ("fast".equalsIgnoreCase(System.getenv("CICLO_DEMO_RECIPE"))) {
      b.recipe(DigitRecipe.fast());
    }
    if (args.length > 0) {
      b.outDir(Path.of(args[0]));
    }
    if (args.length > 1) {
      b.seed(Long.parseLong(args[1]));
    }
    if (!"false".equalsIgnoreCase(System.getenv("CICLO_DOWNLOAD"))) {
      FsddDownloader.Builder d = FsddDownloader.builder(
          Path.of(System.getProperty("user.home"), ".cache", "ciclo"));
      String base = System.getenv("CICLO_FSDD_BASE_URL");
      if (base != null && !base.isBlank()) {
        d.baseUri(URI.create(base));
      }
      String sha = System.getenv("CICLO_FSDD_SHA256");
      d.sha256(sha == null || sha.isBlank() ? null : sha);
      b.downloader(d.build());
    }
    b.build().run();
  }

  /**
   * Sends java.util.logging (Tribuo logs every model and, for ensembles, every tree there at
   * INFO) through SLF4J, so the application's SLF4J configuration decides what is shown: with
   * the demo's level (warn) Tribuo's per-tree lines are not printed. A host does the same once
   * at start-up with {@code org.slf4j:jul-to-slf4j}.
   */
  public static void routeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
