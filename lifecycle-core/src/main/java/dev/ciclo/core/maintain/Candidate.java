package dev.ciclo.core.maintain;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.RunRecord;
import java.time.Instant;
import java.util.Map;

/**
 * A registered challenger and what it was measured on: the state a cycle carries from training
 * to the gate, through a shadow window, into a watch.
 *
 * @param trigger why the cycle started
 * @param trained the challenger's run record as trained (before any decision notes)
 * @param champion the champion it was compared with
 * @param challenger its own registry version
 * @param evidence the offline evidence
 * @param train the training set it was trained on
 * @param since the start of the log window read
 * @param cutoff the end of that window (excluded)
 * @param start when it was registered
 * @param <X> the input type
 * @param <Y> the label type
 */
record Candidate<X, Y>(Trigger trigger, RunRecord trained, ModelVersion champion,
    ModelVersion challenger, Map<String, Double> evidence, Dataset<X, Y> train,
    Instant since, Instant cutoff, Instant start, MaintenanceEvent.DatasetBuilt data) {

  String window() {
    return "log window: from " + since + " to " + cutoff + " (end excluded)";
  }

  String runId() {
    return trained.runId();
  }
}
