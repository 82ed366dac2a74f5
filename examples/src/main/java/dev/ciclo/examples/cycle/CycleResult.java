package dev.ciclo.examples.cycle;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.core.maintain.GateDecision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the full cycle did, for tests and hosts.
 *
 * @param synthetic whether it ran on synthetic data
 * @param devCleanAccuracyBefore the first model's accuracy on the clean dev clips
 * @param noisyErrorBefore the first model's error on the dev clips with car noise
 * @param devCleanAccuracyAfter the augmented model's accuracy on the clean dev clips
 * @param noisyErrorAfter the augmented model's error on the dev clips with car noise
 * @param firstSlice the slice the first error analysis ranked worst
 * @param diagnosis the bias/variance diagnosis of the first model
 * @param liveAccuracyBefore the app's accuracy before the world changed
 * @param liveAccuracyAfter the app's accuracy after it changed
 * @param alertsBefore alerts raised on the traffic before the change
 * @param alertsAfter alerts raised on the traffic after it
 * @param alertWindows the window of each alert after the change, in order
 * @param changeWindow the first window of changed traffic
 * @param decision the gate's decision, or null when no cycle decided
 * @param swapRequests requests answered while the loop ran
 * @param swapFailures requests that failed while the loop ran
 * @param versionsSeen the model versions that answered while the loop ran
 * @param servedVersion the version served at the end
 * @param watch how the watch after a promotion ended: {@code "passed"}, {@code "rolled back"}
 *     or {@code "none"}
 * @param stepSeconds wall-clock seconds of each step
 * @param reportDir the report folder
 */
public record CycleResult(boolean synthetic, double devCleanAccuracyBefore,
    double noisyErrorBefore, double devCleanAccuracyAfter, double noisyErrorAfter,
    String firstSlice, String diagnosis, double liveAccuracyBefore, double liveAccuracyAfter,
    List<Alert> alertsBefore, List<Alert> alertsAfter, List<Integer> alertWindows,
    int changeWindow, GateDecision decision, int swapRequests, int swapFailures,
    List<String> versionsSeen, String servedVersion, String watch,
    Map<String, Double> stepSeconds,
    Path reportDir) {
  /**
   * Copies the lists and maps.
   *
   * @throws NullPointerException if a list, map or path is null
   */
  public CycleResult {
    alertsBefore = List.copyOf(alertsBefore);
    alertsAfter = List.copyOf(alertsAfter);
    alertWindows = List.copyOf(alertWindows);
    versionsSeen = List.copyOf(versionsSeen);
    stepSeconds = Map.copyOf(stepSeconds);
    Objects.requireNonNull(reportDir, "reportDir");
  }
}
