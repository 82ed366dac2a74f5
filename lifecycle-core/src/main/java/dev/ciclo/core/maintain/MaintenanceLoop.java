package dev.ciclo.core.maintain;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.AlertListener;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.AliasChange;
import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.run.RunRecorder;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.serve.InferenceServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a served classifier up to date: retrains on an alert, a schedule or enough new labels,
 * compares the challenger with the champion, promotes it through a {@link PromotionGate}, and
 * rolls back when the watch after a promotion shows the new model worse.
 *
 * <pre>{@code
 * MaintenanceLoop<FeatureVector> loop = MaintenanceLoop.builder("digits", FeatureVector.class)
 *     .registry(registry).runs(RunStore.in(ws)).log(log)
 *     .recipes(Recipes.of(List.of(trainer)))
 *     .decoder(r -> FeatureVector.of(names, values(r.input())))
 *     .trainingSet(firstTrainingSet)
 *     .gate(PromotionGate.builder().margin(0.02).build())
 *     .server(server)                          // optional: swap, shadow window, watch
 *     .watch(Duration.ofHours(1), 100, 0.02)   // optional
 *     .listener(event -> System.out.println(event))
 *     .build();
 * monitor.addListener(loop);                   // alerts start cycles
 * loop.addLabel(new FeedbackLabel(requestId, "7", now));
 * scheduler.scheduleAtFixedRate(loop::tick, 1, 1, MINUTES);   // schedule, shadow, watch
 * }</pre>
 *
 * <p>A cycle: the champion is the registry's {@code champion} alias; its run record (from the run
 * store) names its trainer, parameters and seed, and the host's {@link Recipes} give that
 * trainer. The training set is the previous one plus the log's records of this model since the
 * last promotion whose consent allows training ({@link dev.ciclo.api.log.Consent#TRAINING}) and
 * that have a {@link FeedbackLabel}; about {@code freshFraction} of those records (a stable draw
 * by request id) are kept apart as the fresh data both models are measured on. The challenger is
 * registered under the {@code challenger} alias, the gate decides, and the decision, its
 * evidence and reasons are written to the challenger's run record. Promotion moves the
 * {@code champion} alias and, with a server, swaps the served model (no request fails).
 *
 * <p>Watch (optional, needs a server): after a promotion the old champion shadows the new one;
 * on each {@link #tick()} the two are compared on the same live requests that got labels; if the
 * new one's accuracy is below the old one's by more than the margin (with at least the minimum of
 * labelled requests), or an alert passes the filter, the alias is rolled back and the old model
 * swapped in. The watch ends well when its period is over.
 *
 * <p>Thread-safe: steps are serialised on this object. Alerts and label thresholds start cycles
 * through the executor (default: the calling thread); {@link #runNow} and {@link #tick()} run
 * on the caller's thread.
 *
 * @param <X> the model's input type
 */
public final class MaintenanceLoop<X> implements AlertListener {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceLoop.class);

  /** Where the loop is. */
  public enum State {
    /** Waiting for a trigger. */
    IDLE,
    /** A challenger is in its shadow window. */
    SHADOWING,
    /** A new champion is being watched. */
    WATCHING
  }

  private final String modelName;
  private final ModelRegistry registry;
  private final RunStore runs;
  private final PredictionLog log;
  private final Recipes<X> recipes;
  private final Function<PredictionRecord, X> decoder;
  private final PromotionGate gate;
  private final InferenceServer server;
  private final Clock clock;
  private final Executor executor;
  private final String championAlias;
  private final String challengerAlias;
  private final double freshFraction;
  private final int minFresh;
  private final Duration schedule;
  private final int labelThreshold;
  private final Predicate<Alert> alertFilter;
  private final Duration watchPeriod;
  private final int watchMinLabelled;
  private final double watchMargin;
  private final boolean rollBackOnAlert;
  private final List<MaintenanceListener> listeners;
  private final Map<String, FeedbackLabel> labels = new ConcurrentHashMap<>();
  private final AtomicInteger newLabels = new AtomicInteger();

  private volatile State state = State.IDLE;
  private Dataset<X, String> base;
  private Instant since;
  private Instant lastCycle;
  private Pending pending;
  private Watch watch;

  /** A challenger waiting for its shadow window, or a promotion being watched. */
  private record Pending(Trigger trigger, RunRecord trained, ModelVersion champion,
      ModelVersion challenger, Map<String, Double> evidence, Dataset<Object, String> train,
      Instant since, Instant cutoff, Instant start) {

    String window() {
      return "log window: from " + since + " to " + cutoff + " (end excluded)";
    }
  }

  private record Watch(Pending cycle, RunRecord record, Dataset<Object, String> previousBase,
      Instant previousSince, Instant start) {}

  MaintenanceLoop(MaintenanceLoopBuilder<X> b) {
    this.modelName = b.modelName;
    this.registry = Objects.requireNonNull(b.registry, "registry");
    this.runs = Objects.requireNonNull(b.runs, "runs");
    this.log = Objects.requireNonNull(b.log, "log");
    this.recipes = Objects.requireNonNull(b.recipes, "recipes");
    this.decoder = Objects.requireNonNull(b.decoder, "decoder");
    this.base = Objects.requireNonNull(b.trainingSet, "trainingSet");
    this.gate = b.gate;
    this.server = b.server;
    this.clock = b.clock;
    this.executor = b.executor;
    this.championAlias = b.championAlias;
    this.challengerAlias = b.challengerAlias;
    this.freshFraction = b.freshFraction;
    this.minFresh = b.minFresh;
    this.schedule = b.schedule;
    this.labelThreshold = b.labelThreshold;
    this.alertFilter = b.alertFilter;
    this.watchPeriod = b.watchPeriod;
    this.watchMinLabelled = b.watchMinLabelled;
    this.watchMargin = b.watchMargin;
    this.rollBackOnAlert = b.rollBackOnAlert;
    this.listeners = List.copyOf(b.listeners);
    this.since = b.logFrom;
    this.lastCycle = clock.instant();
    if (gate.hasShadow() && server == null) {
      throw new IllegalStateException(
          "the gate has a shadow window, which needs a server; set server(...)");
    }
    if (watchPeriod != null && server == null) {
      throw new IllegalStateException(
          "a watch compares the new and old champion on live traffic, which needs a server;"
              + " set server(...)");
    }
  }

  /**
   * Starts configuring a loop for one model.
   *
   * @param modelName the model's name in the registry, the server and the log, not blank
   * @param inputType the model's input type (for type inference only)
   * @param <X> the input type
   * @return a builder
   * @throws IllegalArgumentException if the name is blank
   */
  public static <X> MaintenanceLoopBuilder<X> builder(String modelName, Class<X> inputType) {
    Objects.requireNonNull(inputType, "inputType");
    return new MaintenanceLoopBuilder<>(modelName);
  }

  /**
   * Where the loop is now.
   *
   * @return the state
   */
  public State state() {
    return state;
  }

  /**
   * The training set the next challenger starts from: the first one, grown by every promotion.
   *
   * @return the set
   */
  public synchronized Dataset<X, String> trainingSet() {
    return base;
  }

  /**
   * Takes a label that arrived for a logged request. A later label for the same request replaces
   * the earlier one. When the labels since the last cycle reach the builder's threshold and the
   * loop is idle, a cycle starts through the executor.
   *
   * @param label the label
   */
  public void addLabel(FeedbackLabel label) {
    Objects.requireNonNull(label, "label");
    labels.put(label.requestId(), label);
    int n = newLabels.incrementAndGet();
    if (labelThreshold > 0 && n >= labelThreshold && state == State.IDLE) {
      executor.execute(() -> safely(() -> {
        synchronized (this) {
          if (state == State.IDLE && newLabels.get() >= labelThreshold) {
            cycle(new Trigger(Trigger.Kind.LABELS, newLabels.get()
                + " new labels, at least the threshold " + labelThreshold, clock.instant()));
          }
        }
      }));
    }
  }

  /**
   * Reacts to an alert that passes the builder's filter: while a new champion is watched (and
   * roll back on alert is on), rolls it back; when idle, starts a cycle. Runs through the
   * executor.
   *
   * @param alert the alert
   */
  @Override
  public void onAlert(Alert alert) {
    Objects.requireNonNull(alert, "alert");
    if (!alertFilter.test(alert)) {
      LOG.debug("alert of {} on {} does not pass the filter", alert.monitor(), alert.subject());
      return;
    }
    executor.execute(() -> safely(() -> handleAlert(alert)));
  }

  private synchronized void handleAlert(Alert alert) {
    String what = "alert from " + alert.monitor() + " (" + alert.detector() + ", "
        + alert.severity() + ") on " + alert.subject() + ": " + alert.message();
    if (state == State.WATCHING && rollBackOnAlert) {
      rollBack(what, Map.of());
    } else if (state == State.IDLE) {
      cycle(new Trigger(Trigger.Kind.ALERT, what, clock.instant()));
    } else {
      LOG.info("{} ignored while {}", what, state);
    }
  }

  /**
   * Runs a cycle now, on this thread.
   *
   * @param reason why, for the records; not blank
   * @return the gate's decision ({@code PENDING_SHADOW} when a shadow window started), or empty
   *     when the cycle was skipped for too little fresh data
   * @throws IllegalStateException if the loop is not idle, the champion alias is not set, or no
   *     recipe matches the champion's run record
   * @throws IllegalArgumentException if the reason is blank
   */
  public synchronized Optional<GateDecision> runNow(String reason) {
    if (state != State.IDLE) {
      throw new IllegalStateException("a cycle can start only when the loop is idle; it is "
          + state);
    }
    return cycle(new Trigger(Trigger.Kind.MANUAL, reason, clock.instant()));
  }

  /**
   * Does what time asks for: closes a shadow window that is over and decides; checks a watched
   * champion (rolls back or ends the watch); when idle, starts a cycle if the schedule is due or
   * enough labels arrived. Call it from the host's scheduler.
   */
  public synchronized void tick() {
    Instant now = clock.instant();
    switch (state) {
      case SHADOWING -> {
        if (!now.isBefore(pending.start().plus(gate.shadowWindow()))) {
          closeShadow(now);
        }
      }
      case WATCHING -> checkWatch(now);
      case IDLE -> {
        if (schedule != null && !now.isBefore(lastCycle.plus(schedule))) {
          cycle(new Trigger(Trigger.Kind.SCHEDULE, "scheduled every " + schedule, now));
        } else if (labelThreshold > 0 && newLabels.get() >= labelThreshold) {
          cycle(new Trigger(Trigger.Kind.LABELS, newLabels.get()
              + " new labels, at least the threshold " + labelThreshold, now));
        }
      }
      default -> throw new AssertionError(state);
    }
  }

  @SuppressWarnings("unchecked")
  private Optional<GateDecision> cycle(Trigger trigger) {
    emit(new MaintenanceEvent.Triggered(trigger));
    ModelVersion champion = registry.aliased(modelName, championAlias).orElseThrow(
        () -> new IllegalStateException("alias '" + championAlias + "' of model '" + modelName
            + "' is not set in the registry; register and alias a first model"));
    RunRecord championRun = runs.get(champion.runId());
    Trainer<X, String> trainer = recipes.find(championRun.trainer(), championRun.parameters())
        .orElseThrow(() -> new IllegalStateException("no recipe for the champion's trainer '"
            + championRun.trainer() + "' with parameters " + championRun.parameters()
            + " (run " + championRun.runId() + ")"));
    Instant cutoff = trigger.at();
    LogJoin.Built<X> built = LogJoin.build(log, since, cutoff, modelName, labels, decoder,
        freshFraction);
    Dataset<X, String> train = base.concat(Dataset.of(modelName + " log " + since + " to "
        + cutoff, built.train()));
    Dataset<X, String> fresh = Dataset.of(modelName + " fresh " + since + " to " + cutoff,
        built.fresh());
    newLabels.set(0);
    lastCycle = cutoff;
    emit(new MaintenanceEvent.DatasetBuilt(train.fingerprint(), train.size(),
        built.train().size(), fresh.fingerprint(), fresh.size(), built.withoutTrainingConsent(),
        built.withoutLabel(), built.undecodable()));
    if (fresh.size() < minFresh) {
      emit(new MaintenanceEvent.Skipped(trigger, "only " + fresh.size()
          + " fresh labelled examples, fewer than " + minFresh));
      return Optional.empty();
    }
    RunRecorder.Result<X, String> r = RunRecorder.builder().store(runs).clock(clock).build()
        .train(trainer, train, fresh, championRun.seed());
    emit(new MaintenanceEvent.ChallengerTrained(r.record()));
    Predictor<X, String> championModel = (Predictor<X, String>) registry.load(champion);
    Map<String, Double> evidence = Records.measure(gate, championModel, r.model(), fresh);
    emit(new MaintenanceEvent.Evaluated(evidence));
    ModelVersion challenger = registry.register(modelName, r.model(), r.record());
    registry.setAlias(modelName, challengerAlias, challenger.version(),
        "challenger of version " + champion.version() + ", trained by run " + r.record().runId());
    GateDecision d = gate.decide(evidence);
    Pending p = new Pending(trigger, r.record(), champion, challenger, evidence,
        (Dataset<Object, String>) (Dataset<?, String>) train, since, cutoff, clock.instant());
    if (d.verdict() == GateDecision.Verdict.PENDING_SHADOW) {
      Model<?, ?> shadow = registry.load(challenger);
      server.shadow(modelName, shadow);
      runs.save(Records.withDecision(r.record(), trigger, champion.version(),
          champion.runId(), challenger.version(), d, List.of(p.window())));
      pending = p;
      state = State.SHADOWING;
      emit(new MaintenanceEvent.ShadowStarted(challenger.version(),
          p.start().plus(gate.shadowWindow())));
      return Optional.of(d);
    }
    return Optional.of(finish(p, d));
  }

  private void closeShadow(Instant now) {
    Pending p = pending;
    LogJoin.Live live = LogJoin.compare(log, p.start(), now.plusNanos(1), modelName,
        Integer.toString(p.challenger().version()), Integer.toString(p.champion().version()),
        labels);
    server.shadow(modelName, null);
    Map<String, Double> evidence = new LinkedHashMap<>(p.evidence());
    evidence.put("shadow.count", (double) live.count());
    evidence.put("shadow.champion", live.reference());
    evidence.put("shadow.challenger", live.candidate());
    pending = null;
    state = State.IDLE;
    finish(p, gate.decide(evidence));
  }

  @SuppressWarnings("unchecked")
  private GateDecision finish(Pending p, GateDecision d) {
    List<String> more = new ArrayList<>();
    more.add(p.window());
    GateDecision decided = d;
    AliasChange change = null;
    if (d.promote()) {
      change = registry.setAlias(modelName, championAlias, p.challenger().version(),
          "promoted by the gate: run " + p.trained().runId() + " replaces version "
              + p.champion().version());
      if (server != null) {
        try {
          server.swapTo(modelName, registry, championAlias);
        } catch (RuntimeException e) {
          registry.rollBack(modelName, championAlias, "the swap failed: " + e.getMessage());
          List<String> reasons = new ArrayList<>(d.reasons());
          reasons.add("the swap to version " + p.challenger().version() + " failed (" + e
              + "); the champion stays");
          decided = new GateDecision(GateDecision.Verdict.REJECT, reasons, d.evidence(),
              d.policy());
          change = null;
        }
      }
    }
    if (change != null) {
      more.add("promoted: alias " + championAlias + " moved from version "
          + change.previousVersion() + " to " + change.newVersion() + " at " + change.at());
    }
    RunRecord written = Records.withDecision(p.trained(), p.trigger(), p.champion().version(),
        p.champion().runId(), p.challenger().version(), decided, more);
    runs.save(written);
    emit(new MaintenanceEvent.GateDecided(p.trained().runId(), decided));
    if (change == null) {
      emit(new MaintenanceEvent.Rejected(p.trained().runId(), decided));
      return decided;
    }
    Dataset<Object, String> previousBase = (Dataset<Object, String>) (Dataset<?, String>) base;
    Instant previousSince = since;
    base = (Dataset<X, String>) (Dataset<?, String>) p.train();
    since = p.cutoff();
    emit(new MaintenanceEvent.Promoted(change));
    if (watchPeriod != null) {
      server.shadow(modelName, registry.load(p.champion()));
      watch = new Watch(p, written, previousBase, previousSince, clock.instant());
      state = State.WATCHING;
    }
    return decided;
  }

  private void checkWatch(Instant now) {
    Watch w = watch;
    LogJoin.Live live = LogJoin.compare(log, w.start(), now.plusNanos(1), modelName,
        Integer.toString(w.cycle().challenger().version()),
        Integer.toString(w.cycle().champion().version()), labels);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("watch.count", (double) live.count());
    m.put("watch.new", live.candidate());
    m.put("watch.old", live.reference());
    if (live.count() >= watchMinLabelled && live.reference() - live.candidate() > watchMargin) {
      rollBack("in the watch, on " + live.count() + " labelled live requests, the new champion's"
          + " accuracy " + PromotionGate.num(live.candidate()) + " is below the old one's "
          + PromotionGate.num(live.reference()) + " by more than the margin "
          + PromotionGate.num(watchMargin), m);
    } else if (!now.isBefore(w.start().plus(watchPeriod))) {
      server.shadow(modelName, null);
      runs.save(Records.append(w.record(), prefixed(m), List.of("watch passed at " + now
          + " on " + live.count() + " labelled live requests")));
      watch = null;
      state = State.IDLE;
      emit(new MaintenanceEvent.WatchPassed(w.cycle().challenger().version()));
    }
  }

  @SuppressWarnings("unchecked")
  private void rollBack(String reason, Map<String, Double> metrics) {
    Watch w = watch;
    AliasChange change = registry.rollBack(modelName, championAlias, "rolled back: " + reason);
    server.swapTo(modelName, registry, championAlias);
    server.shadow(modelName, null);
    runs.save(Records.append(w.record(), prefixed(metrics), List.of("rolled back at "
        + change.at() + " to version " + change.newVersion() + ": " + reason)));
    base = (Dataset<X, String>) (Dataset<?, String>) w.previousBase();
    since = w.previousSince();
    watch = null;
    state = State.IDLE;
    emit(new MaintenanceEvent.RolledBack(change, reason));
  }

  private static Map<String, Double> prefixed(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(PromotionGate.EVIDENCE_PREFIX + k, v));
    return out;
  }

  private void emit(MaintenanceEvent e) {
    LOG.debug("model {}: {}", modelName, e);
    for (MaintenanceListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        LOG.warn("maintenance listener {} failed on {}: {}", l, e.getClass().getSimpleName(),
            ex.toString());
      }
    }
  }

  private void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.error("maintenance of model {} failed: {}", modelName, e.toString(), e);
    }
  }
}
