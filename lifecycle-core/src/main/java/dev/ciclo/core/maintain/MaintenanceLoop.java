package dev.ciclo.core.maintain;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.log.LabelListener;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.AlertListener;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.api.registry.AliasChange;
import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.run.RunStore;
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
import java.util.concurrent.atomic.AtomicLong;
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
 * MaintenanceLoop<FeatureVector, String> loop =
 *     MaintenanceLoop.builder("digits", FeatureVector.class)
 *     .registry(registry).runs(RunStore.in(ws)).log(log)
 *     .recipes(Recipes.of(List.of(trainer)))
 *     .decoder(r -> FeatureVector.of(names, values(r.input())))
 *     .trainingSet(firstTrainingSet)
 *     .gate(PromotionGate.builder().margin(0.02).build())
 *     .server(server)                          // optional: swap, shadow window, paired watch
 *     .watch(Duration.ofHours(1), 100, 0.02)   // optional
 *     .listener(event -> System.out.println(event))
 *     .build();
 * monitor.addListener(loop);                   // alerts start cycles
 * loop.addLabel(new LabelRecord(requestId, "7", now));
 * scheduler.scheduleAtFixedRate(loop::tick, 1, 1, MINUTES);   // schedule, shadow, watch
 * }</pre>
 *
 * <p><b>A cycle.</b> The champion is the registry's {@code champion} alias; its run record (in
 * the run store) names its trainer, parameters and seed, and the host's {@link Recipes} give that
 * trainer. The training set is the previous one plus the log's records of this model since the
 * last promotion whose consent allows training ({@link dev.ciclo.api.log.Consent#TRAINING}) and
 * that have a {@link LabelRecord}; about {@code freshFraction} of those records (a stable draw
 * by request id, so a request is on the same side in every cycle) are kept apart as the fresh
 * data both models are measured on, whole and per declared slice. A rejected cycle leaves the
 * window open: the next cycle reads the same records plus the newer ones. The challenger is registered under the {@code challenger} alias, the gate
 * decides, and the decision, its evidence, the log window and every reason are written to the
 * challenger's run record. Promotion moves the {@code champion} alias and, with a server, swaps
 * the served model (no request fails); if the swap fails the alias moves back and the cycle
 * counts as rejected.
 *
 * <p><b>Watch</b> (optional). After a promotion, on each {@link #tick()}: with a server, the old
 * champion shadows the new one and both are compared on the same labelled live requests; without
 * one, the new version's accuracy on its labelled requests is compared with the old version's on
 * the labelled requests of the cycle's log window. If the new one is below by more than the
 * margin (with at least the minimum of labelled requests), or an alert passes the filter (unless
 * turned off), the alias is rolled back, the old model swapped in and the training set restored.
 * The watch ends well when its period is over.
 *
 * <p><b>Label type.</b> The loop is generic in the label type {@code Y}: the champion is loaded
 * from the registry as a {@code Predictor<X, Y>}, the recipes train {@code Trainer<X, Y>}s and the
 * training set is a {@code Dataset<X, Y>}. Labels arrive as text ({@link LabelRecord#label()}),
 * and so do logged predictions ({@link dev.ciclo.api.log.PredictionRecord#prediction()}); the
 * builder's label parser decodes both ({@link #builder(String, Class, Class, Function)}). With
 * {@link #builder(String, Class)} labels are {@code String}s, taken as they are. A label whose
 * text does not parse is skipped and counted ({@link #unparsedLabels()}), never fatal; a logged
 * prediction whose text does not parse counts as a wrong answer.
 *
 * <p><b>Labels</b> are kept in memory until a promotion is final (no watch, or the watch passed):
 * then those that arrived before the promoted cycle's log window ended are dropped.
 *
 * <p>Thread-safe: steps are serialised on this object. Alerts and label thresholds start cycles
 * through the executor (default: the calling thread, so with the default a monitor's poll runs
 * the cycle); {@link #runNow} and {@link #tick()} run on the caller's thread. A cycle that fails
 * on the executor is logged and leaves the loop idle.
 *
 * @param <X> the model's input type
 * @param <Y> the model's label type
 */
public final class MaintenanceLoop<X, Y> implements AlertListener, LabelListener {
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
  private final PromotionGate gate;
  private final SwapTarget server;
  private final Clock clock;
  private final Executor executor;
  private final String championAlias;
  private final Duration schedule;
  private final int labelThreshold;
  private final Predicate<Alert> alertFilter;
  private final Duration watchPeriod;
  private final int watchMinLabelled;
  private final double watchMargin;
  private final boolean rollBackOnAlert;
  private final List<MaintenanceListener> listeners;
  private final Function<String, ? extends Y> labelParser;
  private final Map<String, LogJoin.Labelled<Y>> labels = new ConcurrentHashMap<>();
  private final AtomicInteger newLabels = new AtomicInteger();
  private final AtomicLong unparsedLabels = new AtomicLong();
  private final Retrainer<X, Y> retrainer;

  private volatile State state = State.IDLE;
  private Dataset<X, Y> base;
  private Instant since;
  private Instant lastCycle;
  private Candidate<X, Y> shadowing;
  private Watch<X, Y> watch;

  MaintenanceLoop(Builder<X, Y> b) {
    this.modelName = b.modelName;
    this.labelParser = b.labelParser;
    this.retrainer = new Retrainer<>(b, labels, this::emit);
    this.registry = b.registry;
    this.runs = b.runs;
    this.log = b.log;
    this.base = Objects.requireNonNull(b.trainingSet, "trainingSet");
    this.gate = b.gate;
    this.server = b.server;
    this.clock = b.clock;
    this.executor = b.executor;
    this.championAlias = b.championAlias;
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
  }

  /**
   * Starts configuring a loop for one model whose labels are {@code String}s: a label's text is
   * the label, as it is (the default label parser is the identity).
   *
   * @param modelName the model's name in the registry, the server and the log, not blank
   * @param inputType the model's input type: the champion is loaded from the registry as a
   *     model of this input type (its loader must declare it)
   * @param <X> the input type
   * @return a builder
   * @throws IllegalArgumentException if the name is blank
   * @throws NullPointerException if an argument is null
   */
  public static <X> Builder<X, String> builder(String modelName, Class<X> inputType) {
    return new Builder<>(modelName, inputType, String.class, s -> s);
  }

  /**
   * Starts configuring a loop for one model of any label type, such as {@code Integer} or an
   * enum: {@code builder("digits", FeatureVector.class, Integer.class, Integer::valueOf)}.
   *
   * @param modelName the model's name in the registry, the server and the log, not blank
   * @param inputType the model's input type: the champion is loaded from the registry as a
   *     model of this input type (its loader must declare it)
   * @param labelType the model's label type: the champion is loaded as a model predicting it
   *     (its loader must declare it or a subtype)
   * @param labelParser decodes a label's text ({@link LabelRecord#label()}) and a logged
   *     prediction's text ({@link dev.ciclo.api.log.PredictionRecord#prediction()}) into a label;
   *     it must be the inverse of how the server writes predictions ({@code String.valueOf} for
   *     {@code Integer} and enums), thread-safe and free of side effects. It may throw a
   *     {@link RuntimeException} (such as {@link NumberFormatException} or
   *     {@link IllegalArgumentException}) or return {@code null} on text that is not a label: such
   *     a label is skipped and counted ({@link MaintenanceLoop#unparsedLabels()}), such a
   *     prediction counts as wrong
   * @param <X> the input type
   * @param <Y> the label type
   * @return a builder
   * @throws IllegalArgumentException if the name is blank
   * @throws NullPointerException if an argument is null
   */
  public static <X, Y> Builder<X, Y> builder(String modelName, Class<X> inputType,
      Class<Y> labelType, Function<String, ? extends Y> labelParser) {
    return new Builder<>(modelName, inputType, labelType, labelParser);
  }

  /**
   * How many labels were skipped because the label parser threw or returned {@code null} on
   * their text, since the loop was built. Thread-safe.
   *
   * @return the count, never negative
   */
  public long unparsedLabels() {
    return unparsedLabels.get();
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
  public synchronized Dataset<X, Y> trainingSet() {
    return base;
  }

  /**
   * Takes a label that arrived for a logged request. Its text is decoded with the builder's
   * label parser; a label that does not parse (the parser throws a {@link RuntimeException} or
   * returns {@code null}) is skipped, logged and counted ({@link #unparsedLabels()}), and does
   * not count towards the threshold. A later label for the same request replaces the earlier
   * one. When the labels since the last cycle reach the builder's threshold and the loop is
   * idle, a cycle starts through the executor. Thread-safe.
   *
   * @param label the label
   * @throws NullPointerException if the label is null
   */
  public void addLabel(LabelRecord label) {
    onLabel(label);
  }

  /**
   * Same as {@link #addLabel}: the loop is a {@link LabelListener}, so a host hands each late
   * label to the loop and to a monitor with one call. A label that does not parse is skipped and
   * counted, never thrown.
   *
   * @param label the label
   * @throws NullPointerException if the label is null
   */
  @Override
  public void onLabel(LabelRecord label) {
    Objects.requireNonNull(label, "label");
    Y value;
    try {
      value = labelParser.apply(label.label());
    } catch (RuntimeException e) {
      value = null;
      LOG.debug("label of request {} does not parse: {}", label.requestId(), e.toString());
    }
    if (value == null) {
      long n = unparsedLabels.incrementAndGet();
      LOG.warn("model {}: label '{}' of request {} is not a label of this model; skipped ({} so"
          + " far)", modelName, label.label(), label.requestId(), n);
      return;
    }
    labels.put(label.requestId(), new LogJoin.Labelled<>(value, label.time()));
    int n = newLabels.incrementAndGet();
    if (labelThreshold > 0 && n >= labelThreshold && state == State.IDLE) {
      executor.execute(() -> safely(() -> {
        synchronized (this) {
          if (state == State.IDLE && newLabels.get() >= labelThreshold) {
            cycle(new Trigger(Trigger.Kind.LABELS, newLabels.get()
                + " new labels, at least the threshold " + labelThreshold, clock.instant(), "",
                newLabels.get()));
          }
        }
      }));
    }
  }

  /**
   * Reacts to an alert that passes the builder's filter: while a new champion is watched (and
   * roll back on alert is on), rolls it back; when idle, starts a cycle; in a shadow window,
   * ignores it. Runs through the executor.
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
      cycle(new Trigger(Trigger.Kind.ALERT, what, clock.instant(),
          alert.monitor() + "/" + alert.subject(), newLabels.get()));
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
   * @throws IllegalArgumentException if the reason is blank, or the champion's run record is
   *     not in the run store
   */
  public synchronized Optional<GateDecision> runNow(String reason) {
    if (state != State.IDLE) {
      throw new IllegalStateException("a cycle can start only when the loop is idle; it is "
          + state);
    }
    return cycle(new Trigger(Trigger.Kind.MANUAL, reason, clock.instant(), "",
        newLabels.get()));
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
        if (!now.isBefore(shadowing.start().plus(gate.shadowWindow()))) {
          closeShadow(now);
        }
      }
      case WATCHING -> checkWatch(now);
      case IDLE -> {
        if (schedule != null && !now.isBefore(lastCycle.plus(schedule))) {
          cycle(new Trigger(Trigger.Kind.SCHEDULE, "scheduled every " + schedule, now, "",
              newLabels.get()));
        } else if (labelThreshold > 0 && newLabels.get() >= labelThreshold) {
          cycle(new Trigger(Trigger.Kind.LABELS, newLabels.get()
              + " new labels, at least the threshold " + labelThreshold, now, "",
              newLabels.get()));
        }
      }
      default -> throw new AssertionError(state);
    }
  }

  private Optional<GateDecision> cycle(Trigger trigger) {
    emit(new MaintenanceEvent.Triggered(trigger));
    newLabels.set(0);
    lastCycle = trigger.at();
    Optional<Candidate<X, Y>> made = retrainer.retrain(trigger, base, since);
    if (made.isEmpty()) {
      return Optional.empty();
    }
    Candidate<X, Y> c = made.get();
    GateDecision d = gate.decide(c.evidence());
    if (d.verdict() != GateDecision.Verdict.PENDING_SHADOW) {
      return Optional.of(finish(c, d));
    }
    server.shadow(modelName, registry.load(c.challenger()));
    runs.save(Records.withDecision(c, gate, d, List.of(c.window())));
    shadowing = c;
    state = State.SHADOWING;
    emit(new MaintenanceEvent.ShadowStarted(c.challenger().version(),
        c.start().plus(gate.shadowWindow())));
    return Optional.of(d);
  }

  private void closeShadow(Instant now) {
    Candidate<X, Y> c = shadowing;
    LogJoin.Live live = LogJoin.compare(log, c.start(), now.plusNanos(1), modelName,
        Integer.toString(c.challenger().version()), Integer.toString(c.champion().version()),
        labels, labelParser);
    server.shadow(modelName, null);
    Map<String, Double> evidence = new LinkedHashMap<>(c.evidence());
    evidence.put("shadow.count", (double) live.count());
    evidence.put("shadow.champion", live.reference());
    evidence.put("shadow.challenger", live.candidate());
    shadowing = null;
    state = State.IDLE;
    finish(c, gate.decide(evidence));
  }

  private GateDecision finish(Candidate<X, Y> c, GateDecision d) {
    List<String> more = new ArrayList<>();
    more.add(c.window());
    GateDecision decided = d;
    AliasChange change = null;
    if (d.promote()) {
      change = registry.setAlias(modelName, championAlias, c.challenger().version(),
          "promoted by the gate: run " + c.runId() + " replaces version "
              + c.champion().version());
      if (server != null) {
        try {
          server.swapTo(modelName, registry, championAlias);
        } catch (RuntimeException e) {
          registry.rollBack(modelName, championAlias, "the swap failed: " + e.getMessage());
          List<String> reasons = new ArrayList<>(d.reasons());
          reasons.add("the swap to version " + c.challenger().version() + " failed (" + e
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
    RunRecord written = Records.withDecision(c, gate, decided, more);
    runs.save(written);
    emit(new MaintenanceEvent.GateDecided(c.runId(), decided));
    if (change == null) {
      emit(new MaintenanceEvent.Rejected(c.runId(), decided));
      return decided;
    }
    Dataset<X, Y> previousBase = base;
    Instant previousSince = since;
    base = c.train();
    since = c.cutoff();
    emit(new MaintenanceEvent.Promoted(change));
    if (watchPeriod == null) {
      prune(c.cutoff());
      return decided;
    }
    LogJoin.Live before = null;
    if (server != null) {
      server.shadow(modelName, registry.load(c.champion()));
    } else {
      before = LogJoin.accuracy(log, c.since(), c.cutoff(), modelName,
          Integer.toString(c.champion().version()), labels, labelParser);
    }
    watch = new Watch<>(c, written, previousBase, previousSince, clock.instant(), before);
    state = State.WATCHING;
    return decided;
  }

  private void checkWatch(Instant now) {
    Watch<X, Y> w = watch;
    LogJoin.Live live = w.measure(log, now, modelName, labels, labelParser);
    if (live.count() >= watchMinLabelled && live.reference() - live.candidate() > watchMargin) {
      rollBack(w.worse(live, watchMargin), w.metrics(live));
    } else if (!now.isBefore(w.start().plus(watchPeriod))) {
      if (server != null) {
        server.shadow(modelName, null);
      }
      runs.save(Records.append(w.record(), w.metrics(live), List.of("watch passed at " + now
          + " on " + live.count() + " labelled live requests")));
      watch = null;
      state = State.IDLE;
      prune(w.cycle().cutoff());
      emit(new MaintenanceEvent.WatchPassed(w.cycle().challenger().version()));
    }
  }

  private void rollBack(String reason, Map<String, Double> metrics) {
    Watch<X, Y> w = watch;
    AliasChange change = registry.rollBack(modelName, championAlias, "rolled back: " + reason);
    if (server != null) {
      server.swapTo(modelName, registry, championAlias);
      server.shadow(modelName, null);
    }
    runs.save(Records.append(w.record(), metrics, List.of("rolled back at "
        + change.at() + " to version " + change.newVersion() + ": " + reason)));
    base = w.previousBase();
    since = w.previousSince();
    watch = null;
    state = State.IDLE;
    emit(new MaintenanceEvent.RolledBack(change, reason));
  }

  private void prune(Instant before) {
    labels.values().removeIf(l -> l.time().isBefore(before));
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

  /**
   * Configures a {@link MaintenanceLoop}. Required: {@link #registry}, {@link #runs}, {@link #log},
   * {@link #recipes}, {@link #decoder} (or {@link #trainingInputs}) and {@link #trainingSet}. The label type and its parser are
   * fixed by the factory ({@link MaintenanceLoop#builder(String, Class)} for {@code String}
   * labels, {@link MaintenanceLoop#builder(String, Class, Class, Function)} for others). Not
   * thread-safe.
   *
   * @param <X> the model's input type
   * @param <Y> the model's label type
   */
  public static final class Builder<X, Y> {
    final String modelName;
    ModelRegistry registry;
    RunStore runs;
    PredictionLog log;
    Recipes<X, Y> recipes;
    Trainer<X, Y> challengerRecipe;
    Function<? super Payload, ? extends X> decoder;
    TrainingInputs<X> trainingInputs;
    Dataset<X, Y> trainingSet;
    PromotionGate gate = PromotionGate.builder().build();
    SwapTarget server;
    Clock clock = Clock.systemUTC();
    Executor executor = Runnable::run;
    String championAlias = "champion";
    String challengerAlias = "challenger";
    double freshFraction = 0.3;
    int minFresh = 30;
    Duration schedule;
    int labelThreshold;
    Predicate<Alert> alertFilter = a -> a.severity().compareTo(Severity.WARNING) >= 0;
    Duration watchPeriod;
    int watchMinLabelled;
    double watchMargin;
    boolean rollBackOnAlert = true;
    Instant logFrom = Instant.EPOCH;
    final List<MaintenanceListener> listeners = new ArrayList<>();

    final Class<X> inputType;
    final Class<Y> labelType;
    final Function<String, ? extends Y> labelParser;

    Builder(String modelName, Class<X> inputType, Class<Y> labelType,
        Function<String, ? extends Y> labelParser) {
      Objects.requireNonNull(modelName, "modelName");
      this.inputType = Objects.requireNonNull(inputType, "inputType");
      this.labelType = Objects.requireNonNull(labelType, "labelType");
      this.labelParser = Objects.requireNonNull(labelParser, "labelParser");
      if (modelName.isBlank()) {
        throw new IllegalArgumentException("modelName must not be blank");
      }
      this.modelName = modelName;
    }

    /**
     * The registry holding the champion (required).
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder<X, Y> registry(ModelRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The run store holding the champion's run record, where challengers' records and decisions are
     * written (required).
     *
     * @param runs the store
     * @return this builder
     */
    public Builder<X, Y> runs(RunStore runs) {
      this.runs = Objects.requireNonNull(runs, "runs");
      return this;
    }

    /**
     * The prediction log the server writes (required).
     *
     * @param log the log
     * @return this builder
     */
    public Builder<X, Y> log(PredictionLog log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * The host's training recipes (required).
     *
     * @param recipes the recipes
     * @return this builder
     */
    public Builder<X, Y> recipes(Recipes<X, Y> recipes) {
      this.recipes = Objects.requireNonNull(recipes, "recipes");
      return this;
    }

    /**
     * The recipe every challenger is trained with, instead of the champion's own: its trainer
     * and its own feature extraction run on the raw inputs decoded from the log (so a challenger
     * can use other features than the champion). Default: none, the champion's recipe from
     * {@link #recipes}; with it, {@link #recipes} is optional.
     *
     * @param trainer the challenger's trainer
     * @return this builder
     */
    public Builder<X, Y> challengerRecipe(Trainer<X, Y> trainer) {
      this.challengerRecipe = Objects.requireNonNull(trainer, "trainer");
      return this;
    }

    /**
     * How a logged raw input becomes the model's input (required unless {@link #trainingInputs}
     * is set): for example WAV bytes to an
     * {@code AudioClip}, which the recipe's own feature extractor then turns into features. Only
     * records with training consent have a raw input; a decoder that throws marks the record
     * undecodable (counted, skipped).
     *
     * @param decoder from the payload read back from the log's store to an input
     * @return this builder
     */
    public Builder<X, Y> decoder(Function<? super Payload, ? extends X> decoder) {
      this.decoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /**
     * Where each cycle gets the inputs of its log records in one call (see {@link
     * TrainingInputs}), instead of reading each record's raw input from the log and decoding it
     * with the {@link #decoder}: for example lifecycle-spark's feature extraction over a large
     * log. With it, {@link #decoder} is optional (and unused). Default: none.
     *
     * @param inputs the source
     * @return this builder
     */
    public Builder<X, Y> trainingInputs(TrainingInputs<X> inputs) {
      this.trainingInputs = Objects.requireNonNull(inputs, "inputs");
      return this;
    }

    /**
     * The training set the champion was trained on; the first challenger's starts from it
     * (required).
     *
     * @param data the data
     * @return this builder
     */
    public Builder<X, Y> trainingSet(Dataset<X, Y> data) {
      this.trainingSet = Objects.requireNonNull(data, "data");
      return this;
    }

    /**
     * The promotion gate. Default: {@code PromotionGate.builder().build()}.
     *
     * @param gate the gate
     * @return this builder
     */
    public Builder<X, Y> gate(PromotionGate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * The server that serves the model (a {@link SwapTarget}, such as lifecycle-serve's
     * {@code InferenceServer}); a promotion swaps it, a shadow window and a watch run on
     * it. Default: none (a promotion only moves the alias, for example for an
     * {@code AliasFollower}).
     *
     * @param server the server, serving a model of this loop's name
     * @return this builder
     * @throws IllegalArgumentException if the server does not serve the model
     */
    public Builder<X, Y> server(SwapTarget server) {
      Objects.requireNonNull(server, "server");
      server.servedVersion(modelName);
      this.server = server;
      return this;
    }

    /**
     * The clock for triggers, windows and records. Default: the UTC system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder<X, Y> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where cycles started by alerts and labels run. Default: the calling thread.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder<X, Y> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The registry aliases. Default {@code champion} and {@code challenger}.
     *
     * @param champion the champion's alias, not blank
     * @param challenger the challenger's alias, not blank, not the champion's
     * @return this builder
     * @throws IllegalArgumentException if blank or equal
     */
    public Builder<X, Y> aliases(String champion, String challenger) {
      Objects.requireNonNull(champion, "champion");
      Objects.requireNonNull(challenger, "challenger");
      if (champion.isBlank() || challenger.isBlank() || champion.equals(challenger)) {
        throw new IllegalArgumentException("aliases must be two different non-blank names but were"
            + " '" + champion + "' and '" + challenger + "'");
      }
      this.championAlias = champion;
      this.challengerAlias = challenger;
      return this;
    }

    /**
     * The share of new labelled log records kept apart as fresh data. Default 0.3.
     *
     * @param fraction above 0 and below 1
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder<X, Y> freshFraction(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("freshFraction must be above 0 and below 1 but was "
            + fraction);
      }
      this.freshFraction = fraction;
      return this;
    }

    /**
     * The fewest fresh examples a cycle needs; with fewer it is skipped. Default 30.
     *
     * @param count at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder<X, Y> minFresh(int count) {
      this.minFresh = Checks.atLeast(count, 1, "minFresh");
      return this;
    }

    /**
     * Starts a cycle on {@link MaintenanceLoop#tick()} when this long passed since the last one
     * (or since the loop was built). Default: no schedule.
     *
     * @param every the period, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder<X, Y> schedule(Duration every) {
      Objects.requireNonNull(every, "every");
      if (every.isZero() || every.isNegative()) {
        throw new IllegalArgumentException("schedule must be positive but was " + every);
      }
      this.schedule = every;
      return this;
    }

    /**
     * Starts a cycle when this many labels arrived since the last one. Default 0: off.
     *
     * @param count 0 (off) or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder<X, Y> labelThreshold(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("labelThreshold must not be negative but was " + count);
      }
      this.labelThreshold = count;
      return this;
    }

    /**
     * Which alerts the loop acts on. Default: severity {@code WARNING} or {@code CRITICAL}.
     *
     * @param filter the filter
     * @return this builder
     */
    public Builder<X, Y> alertFilter(Predicate<Alert> filter) {
      this.alertFilter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * A watch after each promotion, for {@code period}: the loop rolls back when, on at least
     * {@code minLabelled} labelled live requests, the new champion's accuracy is below the old
     * one's by more than {@code margin}. With a server the old champion shadows the new one and
     * both answer the same requests (a paired comparison); without one, the new version's logged
     * answers are compared with the old version's on the cycle's log window (different requests,
     * so a weaker comparison). Default: no watch.
     *
     * @param period how long, positive
     * @param minLabelled the fewest labelled requests to judge on, at least 1
     * @param margin the accuracy loss tolerated, from 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     */
    public Builder<X, Y> watch(Duration period, int minLabelled, double margin) {
      Objects.requireNonNull(period, "period");
      if (period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException("watch period must be positive but was " + period);
      }
      Checks.atLeast(minLabelled, 1, "minLabelled");
      if (!(margin >= 0 && margin <= 1)) {
        throw new IllegalArgumentException("watch margin must be between 0 and 1 but was "
            + margin);
      }
      this.watchPeriod = period;
      this.watchMinLabelled = minLabelled;
      this.watchMargin = margin;
      return this;
    }

    /**
     * Whether an alert that passes the filter during a watch rolls back. Default {@code true}.
     *
     * @param on whether to
     * @return this builder
     */
    public Builder<X, Y> rollBackOnAlert(boolean on) {
      this.rollBackOnAlert = on;
      return this;
    }

    /**
     * The first log instant the first cycle reads from. Default the epoch.
     *
     * @param from the instant
     * @return this builder
     */
    public Builder<X, Y> logFrom(Instant from) {
      this.logFrom = Objects.requireNonNull(from, "from");
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder<X, Y> listener(MaintenanceListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Makes the loop.
     *
     * @return the loop, idle
     * @throws NullPointerException if a required part is missing (named)
     * @throws IllegalStateException if the gate has a shadow window but there is no server
     */
    public MaintenanceLoop<X, Y> build() {
      return new MaintenanceLoop<>(this);
    }
  }
}
