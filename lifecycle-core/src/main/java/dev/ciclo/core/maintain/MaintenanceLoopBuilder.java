package dev.ciclo.core.maintain;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.Severity;
import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.core.run.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Configures a {@link MaintenanceLoop}. Required: {@link #registry}, {@link #runs}, {@link #log},
 * {@link #recipes}, {@link #decoder} and {@link #trainingSet}. Not thread-safe.
 *
 * @param <X> the model's input type
 */
public final class MaintenanceLoopBuilder<X> {
  final String modelName;
  ModelRegistry registry;
  RunStore runs;
  PredictionLog log;
  Recipes<X> recipes;
  Function<? super Payload, ? extends X> decoder;
  Dataset<X, String> trainingSet;
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

  MaintenanceLoopBuilder(String modelName, Class<X> inputType) {
    Objects.requireNonNull(modelName, "modelName");
    this.inputType = Objects.requireNonNull(inputType, "inputType");
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
  public MaintenanceLoopBuilder<X> registry(ModelRegistry registry) {
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
  public MaintenanceLoopBuilder<X> runs(RunStore runs) {
    this.runs = Objects.requireNonNull(runs, "runs");
    return this;
  }

  /**
   * The prediction log the server writes (required).
   *
   * @param log the log
   * @return this builder
   */
  public MaintenanceLoopBuilder<X> log(PredictionLog log) {
    this.log = Objects.requireNonNull(log, "log");
    return this;
  }

  /**
   * The host's training recipes (required).
   *
   * @param recipes the recipes
   * @return this builder
   */
  public MaintenanceLoopBuilder<X> recipes(Recipes<X> recipes) {
    this.recipes = Objects.requireNonNull(recipes, "recipes");
    return this;
  }

  /**
   * How a logged raw input becomes the model's input (required): for example WAV bytes to an
   * {@code AudioClip}, which the recipe's own feature extractor then turns into features. Only
   * records with training consent have a raw input; a decoder that throws marks the record
   * undecodable (counted, skipped).
   *
   * @param decoder from the payload read back from the log's store to an input
   * @return this builder
   */
  public MaintenanceLoopBuilder<X> decoder(Function<? super Payload, ? extends X> decoder) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    return this;
  }

  /**
   * The training set the champion was trained on; the first challenger's starts from it
   * (required).
   *
   * @param data the data
   * @return this builder
   */
  public MaintenanceLoopBuilder<X> trainingSet(Dataset<X, String> data) {
    this.trainingSet = Objects.requireNonNull(data, "data");
    return this;
  }

  /**
   * The promotion gate. Default: {@code PromotionGate.builder().build()}.
   *
   * @param gate the gate
   * @return this builder
   */
  public MaintenanceLoopBuilder<X> gate(PromotionGate gate) {
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
  public MaintenanceLoopBuilder<X> server(SwapTarget server) {
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
  public MaintenanceLoopBuilder<X> clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Where cycles started by alerts and labels run. Default: the calling thread.
   *
   * @param executor the executor
   * @return this builder
   */
  public MaintenanceLoopBuilder<X> executor(Executor executor) {
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
  public MaintenanceLoopBuilder<X> aliases(String champion, String challenger) {
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
  public MaintenanceLoopBuilder<X> freshFraction(double fraction) {
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
  public MaintenanceLoopBuilder<X> minFresh(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("minFresh must be at least 1 but was " + count);
    }
    this.minFresh = count;
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
  public MaintenanceLoopBuilder<X> schedule(Duration every) {
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
  public MaintenanceLoopBuilder<X> labelThreshold(int count) {
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
  public MaintenanceLoopBuilder<X> alertFilter(Predicate<Alert> filter) {
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
  public MaintenanceLoopBuilder<X> watch(Duration period, int minLabelled, double margin) {
    Objects.requireNonNull(period, "period");
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("watch period must be positive but was " + period);
    }
    if (minLabelled < 1) {
      throw new IllegalArgumentException("minLabelled must be at least 1 but was " + minLabelled);
    }
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
  public MaintenanceLoopBuilder<X> rollBackOnAlert(boolean on) {
    this.rollBackOnAlert = on;
    return this;
  }

  /**
   * The first log instant the first cycle reads from. Default the epoch.
   *
   * @param from the instant
   * @return this builder
   */
  public MaintenanceLoopBuilder<X> logFrom(Instant from) {
    this.logFrom = Objects.requireNonNull(from, "from");
    return this;
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener
   * @return this builder
   */
  public MaintenanceLoopBuilder<X> listener(MaintenanceListener listener) {
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
  public MaintenanceLoop<X> build() {
    return new MaintenanceLoop<>(this);
  }
}
