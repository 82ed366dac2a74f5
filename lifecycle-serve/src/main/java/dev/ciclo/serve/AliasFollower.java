package dev.ciclo.serve;

import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.api.registry.ModelVersion;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a served model follow a registry alias: when the alias (for example {@code champion})
 * moves, the version it points to is loaded (hash-checked by the registry), warmed up and swapped
 * in with {@link InferenceServer#swapTo}. A version that fails to load or warm up is not retried
 * until the alias moves again, and the running model stays in service.
 *
 * <pre>{@code
 * AliasFollower f = AliasFollower.start(server, "digits", registry, "champion", scheduler,
 *     Duration.ofSeconds(5));
 * registry.setAlias("digits", "champion", 4, "promoted");   // served within 5 s
 * }</pre>
 *
 * <p>Thread-safe: {@link #checkNow()} may be called from any thread, also while scheduled.
 */
public final class AliasFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AliasFollower.class);

  private final InferenceServer server;
  private final String modelName;
  private final ModelRegistry registry;
  private final String alias;
  private ScheduledFuture<?> task;
  private String refused;

  private AliasFollower(InferenceServer server, String modelName, ModelRegistry registry,
      String alias) {
    this.server = Objects.requireNonNull(server, "server");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.alias = Objects.requireNonNull(alias, "alias");
    server.servedVersion(modelName);
  }

  /**
   * A follower that checks only when {@link #checkNow()} is called (for hosts with their own
   * schedule, and for tests).
   *
   * @param server the server
   * @param modelName the served model's name, also its name in the registry
   * @param registry the registry
   * @param alias the alias to follow
   * @return the follower
   * @throws IllegalArgumentException if the server serves no such model
   */
  public static AliasFollower manual(InferenceServer server, String modelName,
      ModelRegistry registry, String alias) {
    return new AliasFollower(server, modelName, registry, alias);
  }

  /**
   * A follower that checks every {@code period} on {@code scheduler} (the host owns it and
   * shuts it down). A check that fails, with an exception or an {@code Error} such as running
   * out of memory, is logged and the next one runs as planned.
   *
   * @param server the server
   * @param modelName the served model's name, also its name in the registry
   * @param registry the registry
   * @param alias the alias to follow
   * @param scheduler where checks run
   * @param period the time between checks, positive
   * @return the running follower; {@link #close()} stops it
   * @throws IllegalArgumentException if the period is not positive or no such model is served
   */
  public static AliasFollower start(InferenceServer server, String modelName,
      ModelRegistry registry, String alias, ScheduledExecutorService scheduler, Duration period) {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(period, "period");
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive but was " + period);
    }
    AliasFollower f = new AliasFollower(server, modelName, registry, alias);
    synchronized (f) {
      f.task = scheduler.scheduleWithFixedDelay(() -> {
        try {
          f.checkNow();
        } catch (RuntimeException | Error e) { // NOPMD: anything that escapes ends the schedule
          // an OutOfMemoryError while clients flood the server must not stop the replica
          // following promotions for good: the next poll tries again
          LOG.warn("following alias {} of {} failed: {}", alias, modelName, e.toString());
        }
      }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }
    return f;
  }

  /**
   * Swaps in the version the alias points to, if it is not the one served.
   *
   * @return the version swapped in, or empty when nothing changed (alias unset, already served,
   *     or a version that failed before)
   */
  public synchronized Optional<ModelVersion> checkNow() {
    Optional<ModelVersion> target = registry.aliased(modelName, alias);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    ModelVersion v = target.get();
    String key = v.version() + "/" + v.sha256();
    if (Integer.toString(v.version()).equals(server.servedVersion(modelName))
        || key.equals(refused)) {
      return Optional.empty();
    }
    try {
      ModelVersion swapped = server.swapTo(modelName, registry, alias);
      refused = null;
      return Optional.of(swapped);
    } catch (RuntimeException e) {
      refused = key;
      LOG.warn("version {} of {} (alias {}) refused; version {} stays in service: {}",
          v.version(), modelName, alias, server.servedVersion(modelName), e.toString());
      return Optional.empty();
    }
  }

  /** Stops scheduled checks. Closing twice does nothing. */
  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
