package dev.ciclo.serve;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that request bodies hold at once, over REST and gRPC together (with gRPC's answers
 * not yet sent, see {@link GrpcBodies}), and their limit
 * ({@link InferenceServer.Builder#maxBufferedBytes}). Thread-safe.
 */
final class BodyBudget {
  private final AtomicLong held = new AtomicLong();
  private final long max;

  BodyBudget(long max) {
    this.max = max;
  }

  /** Counts {@code n} more bytes if that keeps within the limit; else counts nothing. */
  boolean tryReserve(long n) {
    if (held.addAndGet(n) > max) {
      held.addAndGet(-n);
      return false;
    }
    return true;
  }

  /**
   * Counts {@code n} more bytes even past the limit: for bytes that are held already (an answer
   * on its way out), so that what comes next is refused while they are.
   */
  void hold(long n) {
    held.addAndGet(n);
  }

  /** Gives back {@code n} bytes counted before. */
  void release(long n) {
    if (n != 0) {
      held.addAndGet(-n);
    }
  }

  /** The bytes counted now. */
  long held() {
    return held.get();
  }

  /** The limit, in bytes. */
  long max() {
    return max;
  }

  /** The 503 message of a body that would pass the limit. */
  String refusal() {
    return "server is busy: request bodies hold " + max + " bytes, the limit; retry after 1 s";
  }
}
