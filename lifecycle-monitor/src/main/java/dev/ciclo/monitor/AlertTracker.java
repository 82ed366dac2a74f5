package dev.ciclo.monitor;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftState;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.monitor.Severity;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns window results and error-detector states into alerts, one per start of a drift. */
final class AlertTracker {
  private static final String DATASET = "dataset";
  private static final String ERROR = "error";

  private final String monitor;
  private final InstantSource clock;
  private final Set<String> drifting = new HashSet<>();
  private static final int QUIET_VALUES = 1_000;

  private DriftState errorState = DriftState.NONE;
  private boolean errorEpisode;
  private long quiet;

  AlertTracker(String monitor, InstantSource clock) {
    this.monitor = monitor;
    this.clock = clock;
  }

  List<Alert> onWindow(WindowAccumulator.Closed closed) {
    WindowReport w = closed.report();
    List<Alert> out = new ArrayList<>();
    if (!w.tested()) {
      return out;
    }
    for (Map.Entry<String, DriftTestResult> e : w.results().entrySet()) {
      String subject = e.getKey();
      DriftTestResult r = e.getValue();
      if (!r.drifted()) {
        drifting.remove(subject);
        continue;
      }
      if (!drifting.add(subject)) {
        continue;
      }
      Map<String, String> details = new LinkedHashMap<>();
      details.put("test", r.test());
      details.put("statistic", Double.toString(r.statistic()));
      r.pValue().ifPresent(p -> details.put("pValue", Double.toString(p)));
      details.put("threshold", Double.toString(r.threshold()));
      details.put("window", Integer.toString(w.index()));
      details.put("records", Long.toString(w.records()));
      details.putAll(closed.details().getOrDefault(subject, Map.of()));
      String how = r.pValue().isPresent()
          ? " (p = " + fmt(r.pValue().getAsDouble()) + ", threshold " + fmt(r.threshold()) + ")"
          : " (threshold " + fmt(r.threshold()) + ")";
      String extra = details.containsKey("unseenCategories")
          ? "; unseen categories: " + details.get("unseenCategories")
          : details.containsKey("emerging") ? "; emerging terms: " + details.get("emerging") : "";
      out.add(new Alert(monitor, subject, r.test(), Severity.CRITICAL, r.statistic(), w.start(),
          clock.instant(), subject + " drifted in the window from " + w.start() + ": "
          + r.test() + " " + fmt(r.statistic()) + how + extra, details));
    }
    if (w.datasetDrifted() && drifting.add(DATASET)) {
      long drifted = w.results().entrySet().stream()
          .filter(e -> e.getKey().startsWith(WindowAccumulator.FEATURE) && e.getValue().drifted())
          .count();
      long all = w.results().keySet().stream()
          .filter(k -> k.startsWith(WindowAccumulator.FEATURE)).count();
      double share = all == 0 ? 0 : (double) drifted / all;
      out.add(new Alert(monitor, DATASET, "dataset-drift", Severity.CRITICAL, share, w.start(),
          clock.instant(), "the dataset drifted in the window from " + w.start() + ": "
          + drifted + " of " + all + " features", Map.of("driftedFeatures", drifted + "/" + all)));
    } else if (!w.datasetDrifted()) {
      drifting.remove(DATASET);
    }
    return out;
  }

  /**
   * An alert when the error detector enters WARNING or starts a DRIFT episode, else null. An
   * episode ends after 1,000 values without DRIFT, so a detector that confirms the same change
   * several times (ADWIN cuts its window in steps) raises one alert.
   */
  Alert onErrorState(DriftState s, double errorRate, Instant since, String detector) {
    DriftState before = errorState;
    errorState = s;
    if (s == DriftState.DRIFT) {
      quiet = 0;
      if (errorEpisode) {
        return null;
      }
      errorEpisode = true;
    } else {
      if (++quiet >= QUIET_VALUES) {
        errorEpisode = false;
      }
      if (s == DriftState.NONE || s == before || errorEpisode) {
        return null;
      }
    }
    Severity sev = s == DriftState.DRIFT ? Severity.CRITICAL : Severity.WARNING;
    return new Alert(monitor, ERROR, detector, sev, errorRate, since, clock.instant(),
        "the error rate " + (s == DriftState.DRIFT ? "changed" : "may be changing")
            + " (now about " + fmt(errorRate) + ") after the prediction made at " + since,
        Map.of("state", s.name(), "errorRate", Double.toString(errorRate)));
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
