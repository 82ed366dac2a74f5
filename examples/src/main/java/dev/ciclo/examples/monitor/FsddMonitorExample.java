package dev.ciclo.examples.monitor;

import dev.ciclo.speech.SpeechSignals;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.log.PrivacyPolicy;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.examples.data.DigitRecipe;
import dev.ciclo.examples.data.NoisePlan;
import dev.ciclo.examples.data.SpeakerSplit;
import dev.ciclo.examples.data.SpeechData;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.MonitorReport;
import dev.ciclo.monitor.WindowReport;
import dev.ciclo.monitor.report.ReportWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 7's example on real data: a model ({@link DigitRecipe#fast()}) trained on three FSDD
 * speakers serves a stream of requests (written to a prediction log, one every 2 seconds);
 * half-way, a speaker it has never met appears and the street gets louder ({@link SpeechTraffic}). A {@link LogMonitor} reads the
 * log in windows of {@value #WINDOW} records and raises alerts on the noise floor, the
 * confidence and the predicted classes; none before the change.
 *
 * <p>Run: {@code java ... dev.ciclo.examples.monitor.FsddMonitorExample OUT_DIR}; the data folder
 * is {@code $CICLO_DATA_DIR}, else {@code ../shared/data}.
 */
public final class FsddMonitorExample {
  /** Records per window. */
  public static final int WINDOW = 100;
  /** Windows in the stream. */
  public static final int WINDOWS = 12;
  /** The first window of the changed world. */
  public static final int CHANGE_WINDOW = 6;
  /** When the stream starts. */
  public static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  private FsddMonitorExample() {}

  /**
   * What the monitor saw.
   *
   * @param alerts the alerts raised, in order
   * @param alertWindows the window each alert was raised in, in the same order
   * @param windows every window's report
   * @param report the monitor's whole report
   * @param accuracyBefore the model's accuracy on the requests before the change
   * @param accuracyAfter its accuracy after
   */
  public record Result(List<Alert> alerts, List<Integer> alertWindows, List<WindowReport> windows,
      MonitorReport report, double accuracyBefore, double accuracyAfter) {
    /**
     * The first window in which each subject alerted.
     *
     * @return subject to window, in order of first alert
     */
    public Map<String, Integer> firstAlertWindow() {
      Map<String, Integer> m = new LinkedHashMap<>();
      for (int i = 0; i < alerts.size(); i++) {
        m.putIfAbsent(alerts.get(i).subject(), alertWindows.get(i));
      }
      return m;
    }
  }

  /**
   * Runs the example from the command line.
   *
   * @param args the output folder
   */
  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "target/monitor-example");
    SpeechData data = SpeechData.resolve(SpeechData.defaultDataDir(), null, 42, System.out);
    Result r = run(data, out, 42, System.out);
    System.out.println("first alert window by subject: " + r.firstAlertWindow());
  }

  /**
   * Trains, streams, monitors and writes the monitor's JSON and HTML reports.
   *
   * @param data the speech data
   * @param outDir where the log and the reports go
   * @param seed the seed of the split, the training and the stream
   * @param out where to print what happens
   * @return what the monitor saw
   */
  public static Result run(SpeechData data, Path outDir, long seed, PrintStream out) {
    SpeakerSplit split = SpeakerSplit.of(data.recordings(), seed);
    NoisePlan noise = NoisePlan.of(data);
    DigitRecipe recipe = DigitRecipe.fast();
    Predictor<AudioClip, String> model = recipe.onAudio(recipe.train(recipe.extract(
        split.train()), seed));
    SpeechTraffic traffic = new SpeechTraffic(split.known().concat(split.dev()),
        split.newcomer(), noise.carsTest(), noise.busesLive(), seed);
    List<AudioClip> reference = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      reference.add(traffic.request("ref", i, false).clip());
    }
    Instant end = T0.plus(Duration.ofSeconds(2L * WINDOW * WINDOWS));
    Clock clock = Clock.fixed(end.plusSeconds(1), ZoneOffset.UTC);
    int[] right = new int[2];
    int[] count = new int[2];
    try (FilePredictionLog log = FilePredictionLog.builder(outDir.resolve("logs"))
        .privacyPolicy(PrivacyPolicy.keepAll()).clock(clock).build()) {
      for (int i = 0; i < WINDOW * WINDOWS; i++) {
        boolean changed = i >= WINDOW * CHANGE_WINDOW;
        SpeechTraffic.Request q = traffic.request("live", i, changed);
        Prediction<String> p = model.predict(q.clip());
        int k = changed ? 1 : 0;
        count[k]++;
        right[k] += p.value().equals(q.digit()) ? 1 : 0;
        log.append(PredictionRecord.of(q.id(), T0.plusSeconds(2L * i), "digits", "1",
            SpeechSignals.signals(q.clip()), p.value(), p.scores(), Duration.ofMillis(3),
            Consent.MONITORING, ""));
      }
      LogMonitor monitor = DigitMonitor.build("fsdd-digits", log, model, reference, clock, T0,
          WINDOW);
      List<Alert> alerts = monitor.poll();
      MonitorReport report = monitor.report();
      List<Integer> at = new ArrayList<>();
      for (Alert a : alerts) {
        at.add(windowOf(report.windows(), a.since()));
      }
      ReportWriter.writeJson(report, outDir.resolve("monitor.json"));
      ReportWriter.writeHtml(report, outDir.resolve("monitor.html"));
      Result r = new Result(alerts, at, report.windows(), report, right[0] / (double) count[0],
          right[1] / (double) count[1]);
      out.printf(Locale.ROOT, "accuracy before the change %.3f, after %.3f%n",
          r.accuracyBefore(), r.accuracyAfter());
      for (int i = 0; i < alerts.size(); i++) {
        Alert a = alerts.get(i);
        out.printf(Locale.ROOT, "window %d: %s %s (%s, magnitude %.3f)%n", at.get(i),
            a.severity(), a.subject(), a.detector(), a.magnitude());
      }
      return r;
    }
  }

  /**
   * The window whose span holds an instant.
   *
   * @param windows the windows
   * @param t the instant
   * @return the window's index, or -1
   */
  public static int windowOf(List<WindowReport> windows, Instant t) {
    for (WindowReport w : windows) {
      if (!t.isBefore(w.start()) && !t.isAfter(w.end())) {
        return w.index();
      }
    }
    return -1;
  }
}
