package dev.ciclo.serve;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One served model's live predictor and optional shadow. A request reads {@link #live()} once and
 * uses that predictor to the end, so a swap never changes the model under a request in flight.
 */
final class ModelSlot<X> {
  final ServedModel<X> model;
  /** {@code model="<name>"}, for metrics. */
  final String label;
  private final Map<String, String> versionLabels = new ConcurrentHashMap<>();
  private final Map<String, Counter> predictionCounters = new ConcurrentHashMap<>();
  /** The sorted score labels of the last answer (a classifier scores the same labels). */
  final AtomicReference<List<String>> scoreLabels = new AtomicReference<>(List.of());
  private final AtomicReference<Predictor<X, ?>> live;
  private final AtomicReference<Predictor<X, ?>> shadow = new AtomicReference<>();
  private final Object swapLock = new Object();
  /**
   * The inline decision's state in one word, changed only by compare-and-set, so that a reset
   * by a slow answer is never undone by a fast answer counted at the same time on another I/O
   * thread (with separate racy fields, a stream of cheap requests on one selector overwrote the
   * resets of slow answers on the other, and a costly request ran inline twice a second):
   * bits 0-31 the proof, fast answers counted up to twice what the strikes ask (a slow answer
   * sets it to 0, a late one halves it, a swap sets it to 0), bits 32-39 the strikes, bits
   * 40-63 the largest body of those answers (a request may be twice as large to run inline;
   * kept up to 2^24 - 1 bytes).
   *
   * <p>Slow and late answers ({@link #timing}): an answer over the bound is slow when the
   * model's own work made it far slower (its thread's processor time over twice the bound, or a
   * wall time over 100 times it, or no processor time to tell); else it was late (a collection,
   * another thread's turn on a shared processor, a short wait of the model's, or a little more
   * work than the bound). A late answer halves the proof, so a proven model stays proven
   * through one, and two in a row (a model that began to wait) send it back to the workers.
   * Reset by every answer over the bound, and struck by those just over it, a fast model (10
   * us an answer) on one busy processor lost its proof to other threads' turns and to the odd
   * answer of 200-300 us of processor time, collected up to 11 strikes in 30 s and answered
   * most requests on the workers, whose hand-off raised the p99. A client may so hold the I/O
   * thread for up to twice the bound with no strike, once per 8 fast answers at most.
   *
   * <p>Strikes: slow answers given on the I/O thread. Each doubles the fast answers a model
   * needs to run inline again (at most {@link #MAX_STRIKES}: 16 << 16, about a million), and
   * one is lived down per {@link #STRIKE_LIFE} without a new one, however many answers came
   * meanwhile: lived down by answers, strikes fell as fast as a client could send cheap
   * requests, and a costly request ran inline on both I/O threads every 0.6 s. So a model whose
   * cost depends on what it is sent cannot be made to hold the I/O thread often. Late answers
   * are no strikes: counted as strikes, pauses pushed a saturated server on one processor to
   * the cap, and it never proved its model again. Raw bodies (audio), whose cost depends most
   * on what they hold, never run inline at all (see JettyFront). Each I/O thread may admit a
   * request before another's slow answer is counted, so a burst of costly requests can hold
   * each of them once per strike.
   */
  private final AtomicLong inlineState = new AtomicLong();
  private static final long COUNT = 0xffff_ffffL;
  private static final int BYTES_MAX = (1 << 24) - 1;
  /**
   * Fast answers after which a model's small requests run inline (with no strikes; a late
   * answer halves the count, a slow one sets it to 0).
   */
  static final int PROVEN = 16;
  /** The most strikes: a model then needs {@code PROVEN << MAX_STRIKES} fast answers. */
  static final int MAX_STRIKES = 16;
  /** How long a strike lasts, in nanoseconds: one minute. */
  static final long STRIKE_LIFE = 60_000_000_000L;
  /** When the last strike came or was lived down (System.nanoTime); racy, a guess. */
  private volatile long struck;
  /** {@code ciclo_inline_predictions_total} of this model, once looked up. */
  private volatile Counter inlineCounter;

  ModelSlot(ServedModel<X> model) {
    this.model = model;
    this.label = ServerMetrics.modelLabel(model.name());
    this.live = new AtomicReference<>(model.initialPredictor());
  }

  /** The {@code ciclo_predictions_total} counter of a version, looked up once per version. */
  Counter predictionCounter(String version, ServerMetrics metrics) {
    return predictionCounters.computeIfAbsent(version,
        v -> metrics.counter("ciclo_predictions_total", versionLabel(v)));
  }

  /** {@code model="<name>",version="<v>"}, cached so requests build no label text. */
  String versionLabel(String version) {
    return versionLabels.computeIfAbsent(version,
        v -> label + ",version=\"" + ServerMetrics.escape(v) + "\"");
  }

  /**
   * Whether a request of {@code bodyBytes} may be predicted on the I/O thread (see JettyFront):
   * the model's proof counts at least {@code PROVEN << strikes} fast answers (see
   * {@link #timed}), and this body is at most 1 KiB or twice the largest of theirs (answering
   * grows with the rows).
   */
  boolean provenFast(int bodyBytes) {
    long st = inlineState.get();
    return (st & COUNT) >= PROVEN << strikes(st)
        && (bodyBytes <= 1024 || bodyBytes <= 2L * (st >>> 40));
  }

  private static int strikes(long state) {
    return (int) (state >>> 32) & 0xff;
  }

  private static long state(long fastInARow, int strikes, long bytes) {
    return fastInARow | (long) strikes << 32 | bytes << 40;
  }

  /** How an answer went, for the inline decision (see {@link #timing}). */
  enum Timing {
    /** Within the inline bound. */
    FAST,
    /**
     * Over the bound, but not by much of the model's own work: a pause of the JVM or of the
     * processor, a short wait, or at most twice the bound of processor time.
     */
    LATE,
    /** Over twice the bound by the model's own work, or over 100 times the bound in all. */
    SLOW
  }

  /**
   * Classifies an answer by its wall time and its thread's processor time: {@link Timing#FAST}
   * within the bound; {@link Timing#LATE} over it with at most twice the bound of processor time
   * and at most 100 times the bound of wall time; else {@link Timing#SLOW}, also when the
   * processor time is unknown.
   *
   * @param wallNanos the answer's wall time
   * @param cpuNanos its thread's processor time over it, negative when unknown
   * @param boundNanos the inline bound
   */
  static Timing timing(long wallNanos, long cpuNanos, long boundNanos) {
    if (wallNanos <= boundNanos) {
      return Timing.FAST;
    }
    return cpuNanos >= 0 && cpuNanos <= 2 * boundNanos && wallNanos <= 100 * boundNanos
        ? Timing.LATE : Timing.SLOW;
  }

  /**
   * Notes how a request's answer (parse, predict, write the answer) went, for the inline
   * decision.
   *
   * @param timing how long it took (see {@link #timing})
   * @param inline whether it was answered on the I/O thread: a slow one is then a strike
   * @param succeeded whether the answer was a 200 (a quick refusal proves nothing of the model;
   *     a slow failure still counts against it)
   * @param bodyBytes the request's body size
   * @param now {@link System#nanoTime()} at the answer's end
   */
  void timed(Timing timing, boolean inline, boolean succeeded, int bodyBytes, long now) {
    if (timing == Timing.FAST && !succeeded) {
      return;
    }
    while (true) {
      long st = inlineState.get();
      long n = st & COUNT;
      int k = strikes(st);
      long bytes = st >>> 40;
      long next;
      if (timing == Timing.SLOW) {
        next = state(0, inline ? Math.min(k + 1, MAX_STRIKES) : k, 0);
      } else if (timing == Timing.LATE) {
        next = state(n / 2, k, n < 2 ? 0 : bytes);
      } else {
        long larger = Math.max(bytes, Math.min(bodyBytes, BYTES_MAX));
        int lived = k > 0 && now - struck >= STRIKE_LIFE ? 1 : 0;
        next = state(Math.min(n + 1, PROVEN << (k + 1)), k - lived, larger);
      }
      if (next == st) {
        return; // a proven model's fast answers write nothing
      }
      if (inlineState.compareAndSet(st, next)) {
        if (strikes(next) != k) {
          struck = now;
        }
        return;
      }
    }
  }

  /** The strikes held now (for tests). */
  int strikes() {
    return strikes(inlineState.get());
  }

  /**
   * The {@code ciclo_inline_predictions_total} counter of the model: its requests predicted on
   * the I/O thread.
   */
  Counter inlineCounter(ServerMetrics metrics) {
    Counter c = inlineCounter;
    if (c == null) {
      c = metrics.counter("ciclo_inline_predictions_total", label);
      inlineCounter = c;
    }
    return c;
  }

  Predictor<X, ?> live() {
    return live.get();
  }

  Predictor<X, ?> shadow() {
    return shadow.get();
  }

  String liveVersion() {
    return live.get().metadata().version();
  }

  /** Warms the initial predictor up; a failure stops the server from starting. */
  void warmInitial() {
    warmUp(live.get(), "the initial predictor");
  }

  /**
   * Warms {@code next} up, then makes it live. On any failure the old predictor stays live.
   *
   * @return the version replaced
   */
  String swap(Predictor<?, ?> next) {
    Predictor<X, ?> checked = warmUp(next, "nothing changed; version " + liveVersion() + " stays");
    synchronized (swapLock) {
      String old = live.getAndSet(checked).metadata().version();
      inlineState.set(0); // the new version proves itself on the workers first
      return old;
    }
  }

  void setShadow(Predictor<?, ?> challenger) {
    if (challenger == null) {
      shadow.set(null);
      return;
    }
    shadow.set(warmUp(challenger, "no shadow was set"));
  }

  @SuppressWarnings("unchecked")
  private Predictor<X, ?> warmUp(Predictor<?, ?> candidate, String onFailure) {
    Objects.requireNonNull(candidate, "predictor");
    Predictor<X, ?> p = (Predictor<X, ?>) candidate;
    String version = "?";
    List<X> inputs = model.warmUpInputs();
    for (int i = 0; i < inputs.size(); i++) {
      try {
        version = p.metadata().version();
        Prediction<?> answer = p.predict(inputs.get(i));
        if (answer == null) {
          throw new IllegalStateException("predict returned null");
        }
      } catch (RuntimeException e) {
        throw new CicloException(
            "model '" + model.name() + "' version " + version + " failed its warm-up on input "
                + i + " (" + e + "); " + onFailure,
            e);
      }
    }
    return p;
  }
}
