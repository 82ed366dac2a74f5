package dev.ciclo.core.log;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One helper thread that writes a pack entry's header and content while the appending thread
 * hashes the same content, so a training-consent append costs about the larger of the two rather
 * than their sum.
 *
 * <p>A single job slot. The poster (a {@link PayloadStore} holding its lock) fills the job and
 * publishes it ({@code POSTED}); either the helper takes it ({@code RUNNING}, then {@code DONE})
 * or the poster takes it back ({@link #reclaim}) and decides itself, so a helper that is parked or
 * descheduled never makes an append slower than writing the entry on the caller. After a job (or
 * a wake-up) the helper spins waiting for the next one for about twice the recent interval
 * between jobs, at most {@link #MAX_SPIN_NANOS}, then parks: while appends come back to back it is
 * never woken from a park (a wake-up takes longer than hashing a clip); when they are sparse it
 * parks at once, and an idle log costs no CPU.
 */
final class PackWriter {
  /** The longest the helper spins for the next job before parking. */
  static final long MAX_SPIN_NANOS = 200_000;

  private static final int IDLE = 0;
  private static final int POSTED = 1;
  private static final int RUNNING = 2;
  private static final int DONE = 3;

  private final AtomicInteger state = new AtomicInteger(IDLE);
  private final Thread thread;
  private volatile boolean parked;
  private volatile boolean stopped;
  /** When the last job was posted, and a moving average of the interval between posts. */
  private long lastPost;
  private volatile long meanInterval;

  // the job: written by the poster before state becomes POSTED, read by the helper after it
  // takes the job; error is written by the helper before state becomes DONE
  private FileChannel channel;
  private ByteBuffer content;
  private ByteBuffer entry;
  private long at;
  private int header;
  private PayloadStore.WriteHook hook;
  private Path pack;
  private Throwable error;

  PackWriter(ThreadFactory threads) {
    this.thread = threads.newThread(this::run);
    thread.start();
  }

  /**
   * Publishes a job: fill {@code entry} with a header and {@code content}, and write it at
   * {@code at} (the hook, if any, is called after the first {@code header} bytes). Until the job
   * is reclaimed or done, the poster may read {@code content} but touches neither buffer.
   */
  void post(FileChannel channel, ByteBuffer content, ByteBuffer entry, long at, int header,
      PayloadStore.WriteHook hook, Path pack) {
    this.channel = channel;
    this.content = content;
    this.entry = entry;
    this.at = at;
    this.header = header;
    this.hook = hook;
    this.pack = pack;
    this.error = null;
    long now = System.nanoTime();
    long mean = meanInterval;
    long interval = lastPost == 0 ? mean : Math.min(now - lastPost, 1_000_000L);
    meanInterval = mean + (interval - mean) / 8;
    lastPost = now;
    state.set(POSTED);
    if (parked) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Takes the posted job back if the helper has not started it.
   *
   * @return {@code true} if nothing of it was or will be written by the helper
   */
  boolean reclaim() {
    return state.compareAndSet(POSTED, IDLE);
  }

  /**
   * Waits for the helper to finish the job it took.
   *
   * @return the failure of the write, or null
   */
  Throwable awaitDone() {
    long spins = 0;
    while (state.get() != DONE) {
      if (++spins < 5_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // the helper was descheduled: let it run
      }
    }
    Throwable e = error;
    state.set(IDLE);
    return e;
  }

  /** Stops the helper; no job may be pending. */
  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
  }

  private long spinWindow() {
    long mean = meanInterval;
    return mean >= MAX_SPIN_NANOS ? 0 : Math.min(MAX_SPIN_NANOS, 2 * mean + 20_000);
  }

  private void run() {
    long idleSince = System.nanoTime();
    while (!stopped) {
      if (state.get() == POSTED && state.compareAndSet(POSTED, RUNNING)) {
        try {
          PayloadStore.writeEntry(channel, PayloadStore.fill(entry, content), at, header, hook,
              pack);
        } catch (Throwable t) {
          error = t;
        }
        entry = null;
        content = null;
        state.set(DONE);
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince < spinWindow()) {
        Thread.onSpinWait();
      } else {
        parked = true;
        if (state.get() != POSTED && !stopped) {
          LockSupport.park(this);
        }
        parked = false;
        idleSince = System.nanoTime();
      }
    }
  }
}
