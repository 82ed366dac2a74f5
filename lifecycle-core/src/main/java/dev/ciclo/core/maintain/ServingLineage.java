package dev.ciclo.core.maintain;

import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Lineage;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lineage of the model a workspace serves, read from its files alone (the registry's alias
 * history and version files, the run store): which version, trained by which run, on which data,
 * with which recipe, promoted by which decision, and the same for the models before it.
 *
 * @param serving the version the alias points at
 * @param run the run that trained it
 * @param ancestors the runs of the champions it replaced, newest first, as far back as their run
 *     records name a replaced champion
 */
public record ServingLineage(ModelVersion serving, RunRecord run, List<RunRecord> ancestors) {
  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public ServingLineage {
    Objects.requireNonNull(serving, "serving");
    Objects.requireNonNull(run, "run");
    ancestors = List.copyOf(ancestors);
  }

  /**
   * Reads the lineage of the version an alias points at, from a workspace's files.
   *
   * @param workspace the workspace
   * @param modelName the model's name
   * @param alias the alias, for example {@code champion}
   * @return the lineage, or empty if the alias is not set
   * @throws IllegalArgumentException if the name is not valid or a run record is missing
   * @throws dev.ciclo.api.CicloException if a file cannot be read
   */
  public static Optional<ServingLineage> of(Workspace workspace, String modelName, String alias) {
    Objects.requireNonNull(workspace, "workspace");
    FileModelRegistry registry = FileModelRegistry.builder(workspace).build();
    RunStore runs = RunStore.in(workspace);
    Optional<ModelVersion> v = registry.aliased(modelName, alias);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    RunRecord run = runs.get(v.get().runId());
    List<RunRecord> ancestors = new ArrayList<>();
    RunRecord at = run;
    while (at.lineage().isPresent() && ancestors.size() < 100) {
      at = runs.get(at.lineage().get().replacedRunId());
      ancestors.add(at);
    }
    return Optional.of(new ServingLineage(v.get(), run, ancestors));
  }

  /**
   * The serving model's lineage, if a maintenance cycle made it.
   *
   * @return the lineage, empty for a model registered by hand
   */
  public Optional<Lineage> lineage() {
    return run.lineage();
  }

  /**
   * A few lines for people.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(serving.modelName()).append(" version ").append(serving.version())
        .append(", trained by run ").append(run.runId()).append(" (").append(run.trainer())
        .append(' ').append(new TreeMap<>(run.parameters())) // sorted: Map.copyOf's order varies
        .append(", seed ").append(run.seed()).append(")\n");
    if (run.lineage().isEmpty()) {
      b.append("  registered by hand, not by a maintenance cycle\n");
      return b.toString();
    }
    Lineage l = run.lineage().get();
    Lineage.TrainingData d = l.data();
    Lineage.Decision g = l.decision();
    b.append("  replaced version ").append(l.replacedVersion()).append(" (run ")
        .append(l.replacedRunId()).append(")\n");
    b.append("  trigger: ").append(l.trigger().kind())
        .append(l.trigger().alertId().isEmpty() ? "" : " " + l.trigger().alertId())
        .append(" at ").append(l.trigger().at()).append('\n');
    b.append("  data: log ").append(d.logFrom()).append(" to ").append(d.logTo()).append(", ")
        .append(d.rawInputs()).append(" raw logged inputs, training set ").append(d.trainSize())
        .append(" (").append(abbrev(d.trainFingerprint())).append("), fresh ")
        .append(d.freshSize()).append(" (").append(abbrev(d.freshFingerprint()))
        .append("), payloads ").append(abbrev(d.payloadFingerprint())).append('\n');
    b.append("  decision: ").append(g.verdict()).append(String.format(Locale.ROOT,
        " on %s %.4f -> %.4f (margin %.4f)", g.metric(), g.champion(), g.challenger(),
        g.margin()));
    for (Lineage.SliceCheck s : g.slices()) {
      b.append(String.format(Locale.ROOT, "; slice '%s' %s", s.slice(),
          s.judged() ? String.format(Locale.ROOT, "%.4f -> %.4f %s", s.champion(),
              s.challenger(), s.passed() ? "ok" : "worse") : "not judged"));
    }
    b.append('\n');
    for (RunRecord a : ancestors) {
      b.append("  before it: run ").append(a.runId()).append(" (").append(a.trainer())
          .append(")\n");
    }
    return b.toString();
  }

  private static String abbrev(String fingerprint) {
    return fingerprint.isEmpty() ? "none" : fingerprint.substring(0, Math.min(12,
        fingerprint.length()));
  }
}
