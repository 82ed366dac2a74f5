package dev.ciclo.examples.cycle;

import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.scope.ProjectSpec;
import dev.ciclo.api.scope.TaskType;
import dev.ciclo.core.analysis.BiasVarianceDiagnoser;
import dev.ciclo.core.analysis.LearningCurves;
import dev.ciclo.core.maintain.MaintenanceEvent;
import dev.ciclo.core.maintain.MaintenanceLoop;
import dev.ciclo.core.maintain.ServingLineage;
import dev.ciclo.core.train.RunRecorder;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.data.FsddDownloader;
import dev.ciclo.examples.data.NoisePlan;
import dev.ciclo.examples.data.SpeakerSplit;
import dev.ciclo.examples.data.SpeechData;
import dev.ciclo.examples.monitor.FsddMonitorExample;
import dev.ciclo.examples.monitor.SpeechTraffic;
import dev.ciclo.monitor.LogMonitor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The full cycle of the lecture in one program, on FSDD: scope, collect, train and analyse,
 * augment the weak slice's kind of data, deploy behind the inference server with a simulated
 * mobile app, monitor, and maintain (a drift alert and labelled feedback produce a challenger
 * that passes the gate and replaces the champion under live traffic). It prints each step and
 * writes a report folder ({@code report.txt}, {@code report.html}, PNG charts, the monitor's
 * report, and the workspace with registry, runs and prediction log).
 *
 * <pre>{@code
 * CycleResult r = FullCycle.builder().outDir(Path.of("target/cycle")).build().run();
 * }</pre>
 */
public final class FullCycle {
  private final Path dataDir;
  private final Path outDir;
  private final Path workspace;
  private final long seed;
  private final FsddDownloader downloader;
  private final PrintStream console;
  private final DigitRecipe recipe;

  private FullCycle(Builder b) {
    recipe = b.recipe;
    dataDir = b.dataDir;
    outDir = b.outDir;
    workspace = b.workspace != null ? b.workspace : b.outDir.resolve("workspace");
    seed = b.seed;
    downloader = b.downloader;
    console = b.out;
  }

  /**
   * Starts configuring a run.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every step.
   *
   * @return what happened
   * @throws dev.ciclo.api.CicloException if data cannot be read or the report not written
   */
  public CycleResult run() {
    CycleLog out = new CycleLog(console);
    Map<String, Double> seconds = new LinkedHashMap<>();
    long start = System.nanoTime();
    long t = start;

    out.step(1, "Scope");
    ProjectSpec spec = new ProjectSpec("spoken-digits",
        "recognise a spoken digit 0-9 from a short clip, for voice input in a mobile app",
        TaskType.CLASSIFICATION, "accuracy", 0.10, "a person listening (assumed)", 0.01);
    out.line("task: " + spec.task());
    out.f("metric: %s; target error %.2f; baseline: %s, error %.2f", spec.metric(),
        spec.targetError(), spec.baselineName(), spec.baselineError());
    out.line("recipe: " + recipe.describe());
    out.line(workspaceNote(workspace));
    t = lap(seconds, "1 scope", t);

    out.step(2, "Collect");
    SpeechData data = SpeechData.resolve(dataDir, downloader, seed, out.stream());
    out.line("data: " + data.origin());
    SpeakerSplit split = SpeakerSplit.of(data.recordings(), seed);
    NoisePlan noise = NoisePlan.of(data);
    out.f("split by speaker: train %s (%d clips, recordings %d+), dev %s (%d), test speaker %s"
        + " (%d) kept for production", split.train().groups(), split.train().size(),
        SpeakerSplit.FIRST_TRAINING_INDEX, split.devSpeaker(), split.dev().size(),
        split.newSpeaker(), split.newcomer().size());
    out.line("noise kept apart: training " + List.of(noise.carsTrain().names(),
        noise.busesTrain().names(), noise.windy().names()) + "; test "
        + noise.carsTest().names() + "; later in production " + noise.busesLive().names());
    Dataset<AudioClip, String> devAudio = Lab.noisyDev(split.dev(), noise.carsTest(), seed);
    Dataset<FeatureVector, String> trainF = recipe.extract(split.train());
    Dataset<FeatureVector, String> devF = recipe.extract(devAudio);
    out.f("features computed once, in memory: %d + %d vectors of %d features (%s)",
        trainF.size(), devF.size(), recipe.featureNames().size(), recipe.describe());
    t = lap(seconds, "2 collect", t);

    out.step(3, "Train and analyse");
    Trainer<FeatureVector, String> trainer = recipe.trainer();
    Model<FeatureVector, String> first = trainer.train(trainF, seed);
    ErrorAnalysis before = Lab.analyse(first, devF);
    out.f("first model (%s): dev accuracy %.3f", recipe.describe(),
        1 - before.overall().error());
    out.line("slices, most clearly worse first:");
    for (SliceMetrics s : before.slices().subList(0, Math.min(3, before.slices().size()))) {
      out.f("  %-16s n=%-4d error %.3f [%.3f, %.3f]", s.slice(), s.size(), s.error(),
          s.interval().low(), s.interval().high());
    }
    LearningCurve curve = LearningCurves.builder(trainer).fractions(0.1, 0.25, 0.5, 1.0)
        .repeats(1).seed(seed).build().run(trainF, devF);
    out.line("learning curve (training size: train error / dev error): " + curve.points()
        .stream().map(p -> String.format(Locale.ROOT, "%d: %.3f / %.3f", p.trainingSize(),
            p.trainErrorMean(), p.devErrorMean())).toList());
    BiasVariance bv = BiasVarianceDiagnoser.withDefaults().diagnose(spec.baselineError(), curve);
    out.f("bias/variance: baseline %.3f, train %.3f, dev %.3f -> %s", bv.baselineError(),
        bv.trainError(), bv.devError(), bv.diagnosis());
    bv.advice().forEach(a -> out.line("  advice: " + a));
    double noisyBefore = Lab.noisyError(first, devF);
    double cleanBefore = Lab.cleanError(first, devF);
    t = lap(seconds, "3 train and analyse", t);

    out.step(4, "More data of the kind that fails");
    Dataset<AudioClip, String> copies = Lab.vehicleNoise(noise, 2, seed).apply(split.train());
    Dataset<FeatureVector, String> trainAug = trainF.concat(recipe.extract(copies));
    out.f("vehicle noise (training segments only) at 0-10 dB: %d copies; training set %d -> %d",
        copies.size(), trainF.size(), trainAug.size());
    RunRecorder.Result<FeatureVector, String> champion = RunRecorder.builder().build()
        .train(trainer, trainAug, devF, seed);
    ErrorAnalysis after = Lab.analyse(champion.model(), devF);
    double noisyAfter = Lab.noisyError(champion.model(), devF);
    double cleanAfter = Lab.cleanError(champion.model(), devF);
    out.f("dev with car noise: error %.3f -> %.3f; clean dev: error %.3f -> %.3f", noisyBefore,
        noisyAfter, cleanBefore, cleanAfter);
    t = lap(seconds, "4 augment and retrain", t);

    CycleReport report = new CycleReport(outDir.resolve("report"));
    try (Production prod = new Production(workspace, new ServedDigits(recipe),
        champion.model(), champion.record(), split.train().get(0).input())) {
      out.step(5, "Deploy");
      out.line("registered " + ServedDigits.MODEL + " v" + prod.server.servedVersion(
          ServedDigits.MODEL) + " as champion; serving POST " + prod.server.uri() + "/models/"
          + ServedDigits.MODEL + "/predict (a WAV file in, a digit out)");
      SpeechTraffic traffic = new SpeechTraffic(split.known().concat(split.dev()),
          split.newcomer(), noise.carsTest(), noise.busesLive(), seed);
      prod.traffic(traffic, Production.WINDOW * Production.WINDOWS_BEFORE, false);
      out.f("the app sent %d clips of known users and showed the digits it got back: accuracy"
          + " %.3f; %d predictions logged, %d not (their users gave no consent)",
          prod.answers.size(), prod.accuracy(false), prod.log.appended(),
          prod.answers.size() - prod.log.appended());
      t = lap(seconds, "5 deploy", t);

      out.step(6, "Monitor");
      LogMonitor monitor = prod.monitor(champion.model(), traffic);
      prod.clock.advance(Duration.ofSeconds(1));
      List<Alert> alertsBefore = monitor.poll();
      out.f("%d windows of %d logged predictions read: %d alerts", monitor.report().windows()
          .size(), Production.WINDOW, alertsBefore.size());
      out.line("the world changes: a speaker the model has not met, and louder, other street"
          + " noise");
      prod.traffic(traffic, Production.WINDOW * Production.WINDOWS_AFTER, true);
      prod.clock.advance(Duration.ofSeconds(1));
      List<Alert> alertsAfter = monitor.poll();
      List<Integer> windows = new ArrayList<>();
      for (Alert a : alertsAfter) {
        windows.add(FsddMonitorExample.windowOf(monitor.report().windows(), a.since()));
        out.f("  ALERT window %d: %s %s (%s, magnitude %.3f)", windows.get(windows.size() - 1),
            a.severity(), a.subject(), a.detector(), a.magnitude());
      }
      out.f("the app's accuracy: %.3f before the change, %.3f after", prod.accuracy(false),
          prod.accuracy(true));
      t = lap(seconds, "6 monitor", t);

      out.step(7, "Maintain");
      List<MaintenanceEvent> events = new CopyOnWriteArrayList<>();
      MaintenanceLoop<FeatureVector, String> loop = prod.loop(trainAug, "user-" + split.newSpeaker(),
          events);
      out.f("labelled feedback arrives: %d requests whose users allow training", prod.feedback(
          loop));
      Production.Swap swap = alertsAfter.isEmpty() ? new Production.Swap(0, 0, Set.of(),
          null) : prod.maintainUnderLoad(loop, trigger(alertsAfter), traffic, events);
      for (MaintenanceEvent e : events) {
        out.line("  " + CycleReport.describe(e));
      }
      out.f("under live traffic: %d requests answered by versions %s, %d failed; now serving v%s",
          swap.requests(), new TreeSet<>(swap.versions()), swap.failed(),
          prod.server.servedVersion(ServedDigits.MODEL));
      String watch = "none";
      if (loop.state() == MaintenanceLoop.State.WATCHING) {
        int seen = events.size();
        prod.watch(loop, traffic, 200);
        out.line("after the swap the old champion shadows the new one; 200 more labelled"
            + " requests; the watch ends:");
        for (MaintenanceEvent e : events.subList(seen, events.size())) {
          out.line("  " + CycleReport.describe(e));
          watch = e instanceof MaintenanceEvent.WatchPassed ? "passed"
              : e instanceof MaintenanceEvent.RolledBack ? "rolled back" : watch;
        }
        for (MaintenanceEvent e : events) {
          if (e instanceof MaintenanceEvent.GateDecided g) {
            Map<String, Double> m = prod.runs.get(g.runId()).metrics();
            out.f("  watch, on %.0f labelled live requests answered by both: new %.3f, old %.3f",
                m.getOrDefault("gate.watch.count", 0.0), m.getOrDefault("gate.watch.new", 0.0),
                m.getOrDefault("gate.watch.old", 0.0));
          }
        }
      }
      String served = prod.server.servedVersion(ServedDigits.MODEL);
      out.f("now serving v%s; %d requests failed in all", served, prod.app.failed.get());
      out.line("lineage of the serving model, read back from the workspace's files:");
      ServingLineage.of(Workspace.open(outDir.resolve("workspace")), ServedDigits.MODEL,
          "champion").ifPresent(l -> out.line(l.describe().stripTrailing()));
      t = lap(seconds, "7 maintain", t);

      seconds.put("total", (System.nanoTime() - start) / 1e9);
      CycleResult result = new CycleResult(data.synthetic(), 1 - cleanBefore, noisyBefore,
          1 - cleanAfter, noisyAfter, before.slices().isEmpty() ? "none"
              : before.slices().get(0).slice(), bv.diagnosis().toString(),
          prod.accuracy(false), prod.accuracy(true), alertsBefore, alertsAfter, windows,
          Production.WINDOWS_BEFORE, swap.decision(), swap.requests(), swap.failed(),
          new ArrayList<>(new TreeSet<>(swap.versions())), served, watch, seconds,
          report.dir());
      out.line("");
      out.line("step times (s): " + CycleReport.times(seconds));
      report.write(out.text(), spec, before, after, curve, bv, result, monitor.report());
      out.line("report written to " + report.dir().toAbsolutePath().normalize());
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the demo was interrupted", e);
    } catch (Exception e) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("step 7 failed: " + e, e);
    }
  }

  /** The alert that starts the loop: the dataset's drift when raised, else the first. */
  static Alert trigger(List<Alert> alerts) {
    return alerts.stream().filter(a -> a.subject().equals("dataset")).findFirst()
        .orElse(alerts.get(0));
  }

  private static long lap(Map<String, Double> seconds, String step, long since) {
    long now = System.nanoTime();
    seconds.put(step, (now - since) / 1e9);
    return now;
  }

  /** Mutable, not thread-safe builder. */
  public static final class Builder {
    private Path dataDir = SpeechData.defaultDataDir();
    private Path outDir;
    private Path workspace;
    private long seed = 42;
    private FsddDownloader downloader;
    private PrintStream out = System.out;
    private DigitRecipe recipe;

    private Builder() {}

    /**
     * The features and model.
     *
     * @param value the recipe; default {@link DigitRecipe#speech()}, Ciclo's speech recipe
     * @return this builder
     */
    public Builder recipe(DigitRecipe value) {
      recipe = Objects.requireNonNull(value, "recipe");
      return this;
    }

    /**
     * Where FSDD and the noise are read from.
     *
     * @param value the data folder; default {@link SpeechData#defaultDataDir()}
     * @return this builder
     */
    public Builder dataDir(Path value) {
      dataDir = Objects.requireNonNull(value, "dataDir");
      return this;
    }

    /**
     * Where the report folder ({@code report/}) and, unless {@link #workspace} names one, the
     * workspace ({@code workspace/}) are written.
     *
     * @param value the folder; default a new folder {@code target/ciclo-demo/run-<time>}, so
     *     that every run starts clean
     * @return this builder
     */
    public Builder outDir(Path value) {
      outDir = Objects.requireNonNull(value, "outDir");
      return this;
    }

    /**
     * The workspace (registry, runs, prediction log). A workspace that already holds models is
     * used as it is, and the run says so: its versions and log carry on from the earlier runs.
     *
     * @param value the workspace folder; default {@code workspace/} in the output folder
     * @return this builder
     */
    public Builder workspace(Path value) {
      workspace = Objects.requireNonNull(value, "workspace");
      return this;
    }

    /**
     * The seed of the split, the noise, the training and the traffic.
     *
     * @param value the seed; default 42
     * @return this builder
     */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * The downloader to try when the data folder lacks FSDD.
     *
     * @param value the downloader, or {@code null} (the
     *     default) to go straight to the synthetic set
     * @return this builder
     */
    public Builder downloader(FsddDownloader value) {
      downloader = value;
      return this;
    }

    /**
     * Where the story is printed.
     *
     * @param value the stream; default {@code System.out}
     * @return this builder
     */
    public Builder out(PrintStream value) {
      out = Objects.requireNonNull(value, "out");
      return this;
    }

    /**
     * Makes the run.
     *
     * @return the configured run
     */
    public FullCycle build() {
      if (recipe == null) {
        recipe = DigitRecipe.speech();
      }
      if (outDir == null) {
        outDir = freshFolder(Path.of("target", "ciclo-demo"));
      }
      return new FullCycle(this);
    }
  }

  /**
   * A folder under {@code parent} that no earlier run used: {@code run-<UTC time>}, with a
   * suffix if two runs start in the same second. It is not created.
   *
   * @param parent where the run folders go
   * @return the new folder's path
   */
  public static Path freshFolder(Path parent) {
    String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
    Path p = parent.resolve("run-" + stamp);
    for (int i = 2; java.nio.file.Files.exists(p); i++) {
      p = parent.resolve("run-" + stamp + "-" + i);
    }
    return p;
  }

  /** Says which workspace the run uses, and warns when earlier runs left models in it. */
  static String workspaceNote(Path workspace) {
    Path models = workspace.resolve("models");
    long versions = 0;
    if (java.nio.file.Files.isDirectory(models)) {
      try (var s = java.nio.file.Files.walk(models, 2)) {
        versions = s.filter(p -> p.getNameCount() - models.getNameCount() == 2
            && java.nio.file.Files.isDirectory(p)).count();
      } catch (java.io.IOException e) {
        versions = -1;
      }
    }
    return versions == 0 ? "workspace: " + workspace.toAbsolutePath() + " (fresh)"
        : "WARNING: workspace " + workspace.toAbsolutePath() + " already holds "
            + (versions < 0 ? "models" : versions + " model version(s)") + " from earlier runs;"
            + " this run continues from them (versions, log windows and alerts will differ"
            + " from a fresh run; omit the workspace for a fresh one)";
  }

  /** Prints to the console and keeps the text for the report. */
  static final class CycleLog {
    private final PrintStream console;
    private final StringBuilder text = new StringBuilder();
    private final PrintStream stream;

    CycleLog(PrintStream console) {
      this.console = console;
      this.stream = new PrintStream(new java.io.OutputStream() {
        @Override
        public void write(int b) {
          console.write(b);
          text.append((char) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          console.write(b, off, len);
          text.append(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }
      }, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    PrintStream stream() {
      return stream;
    }

    void step(int n, String title) {
      line("");
      line("== " + n + ". " + title + " ==");
    }

    void line(String s) {
      stream.println(s);
    }

    void f(String format, Object... args) {
      stream.println(String.format(Locale.ROOT, format, args));
    }

    String text() {
      stream.flush();
      return text.toString();
    }
  }
}
