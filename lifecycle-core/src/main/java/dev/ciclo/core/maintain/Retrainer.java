package dev.ciclo.core.maintain;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.train.RunRecorder;
import dev.ciclo.core.run.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The first half of a cycle: builds the data, trains the challenger with the champion's recipe,
 * measures both and registers the challenger.
 */
final class Retrainer<X, Y> {
  private final String modelName;
  private final Class<X> inputType;
  private final Class<Y> labelType;
  private final ModelRegistry registry;
  private final RunStore runs;
  private final PredictionLog log;
  private final Recipes<X, Y> recipes;
  private final Trainer<X, Y> challengerRecipe;
  private final TrainingInputs<X> inputs;
  private final PromotionGate gate;
  private final Clock clock;
  private final String championAlias;
  private final String challengerAlias;
  private final double freshFraction;
  private final int minFresh;
  private final Map<String, LogJoin.Labelled<Y>> labels;
  private final Consumer<MaintenanceEvent> emit;

  Retrainer(MaintenanceLoop.Builder<X, Y> b, Map<String, LogJoin.Labelled<Y>> labels,
      Consumer<MaintenanceEvent> emit) {
    this.modelName = b.modelName;
    this.inputType = b.inputType;
    this.labelType = b.labelType;
    this.registry = Objects.requireNonNull(b.registry, "registry");
    this.runs = Objects.requireNonNull(b.runs, "runs");
    this.log = Objects.requireNonNull(b.log, "log");
    this.challengerRecipe = b.challengerRecipe;
    this.recipes = b.challengerRecipe != null ? b.recipes
        : Objects.requireNonNull(b.recipes, "recipes");
    if (b.trainingInputs != null) {
      this.inputs = b.trainingInputs;
    } else if (b.decoder != null) {
      this.inputs = LogJoin.perRecord(log, b.decoder);
    } else {
      throw new NullPointerException("decoder (or trainingInputs) is required");
    }
    this.gate = b.gate;
    this.clock = b.clock;
    this.championAlias = b.championAlias;
    this.challengerAlias = b.challengerAlias;
    this.freshFraction = b.freshFraction;
    this.minFresh = b.minFresh;
    this.labels = labels;
    this.emit = emit;
  }

  /** The challenger, or empty when there is too little fresh data (after a Skipped event). */
  Optional<Candidate<X, Y>> retrain(Trigger trigger, Dataset<X, Y> base, Instant since) {
    ModelVersion champion = registry.aliased(modelName, championAlias).orElseThrow(
        () -> new IllegalStateException("alias '" + championAlias + "' of model '" + modelName
            + "' is not set in the registry; register and alias a first model"));
    RunRecord championRun = runs.get(champion.runId());
    Trainer<X, Y> trainer = challengerRecipe != null ? challengerRecipe
        : recipes.find(championRun.trainer(), championRun.parameters())
            .orElseThrow(() -> new IllegalStateException("no recipe for the champion's trainer '"
                + championRun.trainer() + "' with parameters " + championRun.parameters()
                + " (run " + championRun.runId() + ")"));
    Instant cutoff = trigger.at();
    LogJoin.Built<X, Y> built = LogJoin.build(log, since, cutoff, modelName, labels, inputs,
        freshFraction);
    Dataset<X, Y> train = base.concat(Dataset.of(modelName + " log " + since + " to "
        + cutoff, built.train()));
    Dataset<X, Y> fresh = Dataset.of(modelName + " fresh " + since + " to " + cutoff,
        built.fresh());
    MaintenanceEvent.DatasetBuilt data = new MaintenanceEvent.DatasetBuilt(train.fingerprint(),
        train.size(), built.train().size(), fresh.fingerprint(), fresh.size(),
        built.withoutTrainingConsent(), built.withoutLabel(), built.withoutPayload(),
        built.undecodable(), built.payloadFingerprint());
    emit.accept(data);
    if (fresh.size() < minFresh) {
      emit.accept(new MaintenanceEvent.Skipped(trigger, "only " + fresh.size()
          + " fresh labelled examples, fewer than " + minFresh));
      return Optional.empty();
    }
    RunRecorder.Result<X, Y> r = RunRecorder.builder().store(runs).clock(clock).build()
        .train(trainer, train, fresh, championRun.seed());
    emit.accept(new MaintenanceEvent.ChallengerTrained(r.record()));
    Predictor<X, Y> championModel = registry.load(champion, inputType, labelType);
    Map<String, Double> evidence = Records.measure(gate, championModel, r.model(), fresh);
    emit.accept(new MaintenanceEvent.Evaluated(evidence));
    ModelVersion challenger = registry.register(modelName, r.model(), r.record());
    registry.setAlias(modelName, challengerAlias, challenger.version(),
        "challenger of version " + champion.version() + ", trained by run " + r.record().runId());
    return Optional.of(new Candidate<>(trigger, r.record(), champion, challenger, evidence, train,
        since, cutoff, clock.instant(), data));
  }
}
