package dev.ciclo.serve;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty side of the server: limits what is in flight (503 with {@code Retry-After} over it),
 * reads the body without holding a thread, with a size limit (413) and a deadline (408), closes
 * connections whose request headers take longer than their deadline, and hands the rest to the
 * {@link Router}. Also Jetty's error handler, so that the engine's own 400/414/431 answers are
 * JSON and counted.
 *
 * <p>What counts as in flight: a request whose body is all in and that is being answered, and
 * only if it may run a model (not {@code GET} or {@code HEAD}: health, metadata and metrics
 * answers stay available under any load, so an orchestrator's liveness probe never fails because
 * the server is busy). A request whose body is still arriving holds no in-flight slot, so clients
 * that stall their bodies cannot make the server refuse everyone else; what they hold instead is
 * memory, bounded on its own: bodies may hold at most a {@link BodyBudget} of bytes together
 * (shared with gRPC's messages) from their first byte until their answer has left (503 beyond
 * that; bodies waiting for a prediction count too, or a queue of large bodies could outgrow the
 * heap), and each buffer grows with the bytes that arrived, not with the length the client
 * declared.
 *
 * <p>Where predictions run, by default ({@code inlineNanos > 0},
 * {@link InferenceServer.Builder#inlinePredictions}): the handler is a non-blocking one, which
 * Jetty calls on the selector thread that read the request. A small tensor request (at most
 * {@link #INLINE_BODY} bytes; raw bodies, such as audio, never) to a model proven fast
 * ({@link ModelSlot#provenFast}) is predicted
 * there when a prediction permit is free, with no hand-off at all; what may block in its answer
 * (logging under consent, a shadow's copy) is finished on a worker. Every other request goes to
 * the worker pool, whose threads wait for a permit and time the answer, so that a fast model
 * proves itself; the selector never waits.
 *
 * <p>With inline predictions off, the handler is a blocking one: Jetty hands each request's
 * processing to a pool thread (a wake-up per request), which predicts when one of the
 * {@code threads} permits is free; when all are taken, a few Jetty threads wait for one in
 * turn, and beyond them the request goes to the worker pool. Either way at most {@code threads}
 * predictions run at once, and at most {@code 2 * threads} Jetty threads predict or wait: the
 * rest stay free to parse requests and answer 503 over the in-flight limit.
 */
final class JettyFront extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(JettyFront.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** Whether a thread's processor time can be read (it tells a slow model from a pause). */
  private static final boolean CPU_TIMES =
      THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
  private static final byte[] EMPTY = new byte[0];
  /** The largest body predicted on the I/O thread: larger ones go to the workers. */
  static final int INLINE_BODY = 16 << 10;
  private static final HttpField JSON_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
  private static final HttpField CLOSE =
      new PreEncodedHttpField(HttpHeader.CONNECTION, "close");
  /** What a connection cut at the header deadline is sent before its close. */
  private static final byte[] TIMED_OUT = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
      + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

  private final Router router;
  private final ServerMetrics metrics;
  private final int maxInFlight;
  private final Semaphore inFlight;
  /** Requests between {@link #handle} and their answer's end, for a graceful stop. */
  private final AtomicInteger open = new AtomicInteger();
  /** Bytes of the buffers of bodies received or arriving, shared with gRPC's messages. */
  private final BodyBudget buffered;
  private final long maxBytes;
  private final long bodyTimeoutNanos;
  private final long headerTimeoutNanos;
  private final ScheduledExecutorService timer;
  private final Executor workers;
  /** Predictions running now: at most {@code threads}, fair so that waiters go in turn. */
  private final Semaphore predicting;
  /** Jetty threads waiting for a prediction permit; at most {@link #maxWaiting}. */
  private final AtomicInteger waiting = new AtomicInteger();
  private final int maxWaiting;
  /**
   * Called on the selector thread ({@code inlineNanos > 0}): predict there when the model is
   * proven fast, the body small and a permit free; else hand over to the workers, never wait.
   */
  private final boolean direct;
  /** The inline bound: how long an answer may take to count as fast (see ModelSlot#timing). */
  private final long inlineNanos;
  private final Map<Connection, ConnState> connections = new ConcurrentHashMap<>();

  /**
   * What the header deadline needs to know of one connection. The request path writes only the
   * volatile fields; the sweep's own notes are written by the timer thread alone, so that no
   * write of one can undo a write of the other (a stale "headers arriving since" mark, left by
   * such a lost update, once closed a busy keep-alive connection mid-request).
   */
  static final class ConnState {
    /** A request of this connection is being answered. */
    volatile boolean busy;
    /** The connection's bytes in when its last request was answered. */
    volatile long mark;
    /** Requests answered on this connection. */
    volatile long answered;
    /** Sweep only: {@link #answered} when the sweep first saw request bytes waiting. */
    long seenAnswered = -1;
    /** Sweep only: when it first saw them, in nanoseconds; 0 when none wait. */
    long since;
  }

  JettyFront(Router router, ServerMetrics metrics, int maxInFlight, long maxBytes,
      BodyBudget buffered, long bodyTimeoutNanos, long headerTimeoutNanos,
      ScheduledExecutorService timer, Executor workers, int threads, long inlineNanos) {
    super(inlineNanos > 0 ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING);
    this.direct = inlineNanos > 0;
    this.inlineNanos = inlineNanos;
    this.workers = workers;
    this.predicting = new Semaphore(threads, true);
    this.maxWaiting = threads;
    this.router = router;
    this.metrics = metrics;
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.maxBytes = maxBytes;
    this.buffered = buffered;
    this.bodyTimeoutNanos = bodyTimeoutNanos;
    this.headerTimeoutNanos = headerTimeoutNanos;
    this.timer = timer;
  }

  /** Tracks connections for the header deadline; add it as a bean of the connector. */
  Connection.Listener connectionListener() {
    return new Connection.Listener() {
      @Override
      public void onOpened(Connection connection) {
        connections.put(connection, new ConnState());
      }

      @Override
      public void onClosed(Connection connection) {
        connections.remove(connection);
      }
    };
  }

  /**
   * Closes connections that have sent part of a request's headers for longer than the header
   * deadline. Runs every fraction of the deadline on the timer.
   */
  void sweep() {
    sweep(System.nanoTime());
  }

  /** One sweep at time {@code now} (nanoseconds). */
  void sweep(long now) {
    for (Map.Entry<Connection, ConnState> e : connections.entrySet()) {
      Connection c = e.getKey();
      if (overdue(e.getValue(), c::getBytesIn, now)) {
        ConnState s = e.getValue();
        metrics.request("-", "-", "connection", 408, now - s.since);
        timedOut(c.getEndPoint());
        connections.remove(c);
      }
    }
  }

  /**
   * Tells the client why, then closes: a 408 (RFC 9110 15.5.9 lets a server send it to a
   * connection it closes mid-request) when the socket takes it at once; no response is being
   * written on the connection (it is not busy). A client that does not read cannot hold the
   * connection open by it: the close follows either way.
   */
  private static void timedOut(EndPoint endPoint) {
    AtomicBoolean written = new AtomicBoolean();
    Runnable close = () -> {
      written.set(true);
      endPoint.close();
    };
    try {
      endPoint.write(Callback.from(close, x -> close.run()), ByteBuffer.wrap(TIMED_OUT));
    } finally {
      if (!written.get()) {
        endPoint.close(); // the write is pending, or was refused
      }
    }
  }

  /**
   * Whether a connection has had part of a request (bytes after its last answer, with no
   * request being answered) for longer than the header deadline, with no request answered on
   * it meanwhile.
   */
  boolean overdue(ConnState s, LongSupplier bytesIn, long now) {
    // Read in this order: a request answered after the first read shows in the next sweep.
    long answered = s.answered;
    if (s.busy || bytesIn.getAsLong() <= s.mark) {
      s.since = 0;
      return false;
    }
    if (s.since == 0 || s.seenAnswered != answered) {
      s.since = now;
      s.seenAnswered = answered;
      return false;
    }
    return now - s.since > headerTimeoutNanos;
  }

  /**
   * The permits of running predictions ({@code threads}, fair): gRPC's ModelInfer takes them
   * too, so REST and gRPC predictions together never pass {@code threads} and take turns.
   */
  Semaphore predictionPermits() {
    return predicting;
  }

  /** Requests received and not yet answered (their bodies may still be arriving). */
  int inFlight() {
    return open.get();
  }

  /** Bytes buffered now for bodies received or arriving, not yet answered (for tests). */
  long bufferedBodyBytes() {
    return buffered.held();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long t0 = System.nanoTime();
    JettyCall call = new JettyCall(request, router);
    ConnState state = connections.get(request.getConnectionMetaData().getConnection());
    if (state != null) {
      state.busy = true;
    }
    open.incrementAndGet();
    String method = request.getMethod();
    Done done = new Done(callback, state, request.getConnectionMetaData().getConnection(),
        !"GET".equals(method) && !"HEAD".equals(method));
    long length = request.getLength();
    Router.Reply pre = router.precheck(call, request.getHeaders().size(), length, t0);
    if (pre != null) {
      send(response, done, pre, true);
      return true;
    }
    // No body: none declared, or no length and not chunked (an HTTP/1.1 GET from curl or a
    // probe; Jetty gives its length as unknown). It reserves nothing of the body budget, so
    // health and metrics answer however full the budget is.
    if (length == 0 || length < 0 && call.header("Transfer-Encoding") == null) {
      answer(response, done, call, EMPTY, t0);
      return true;
    }
    new BodyReader(request, response, done, call, t0, length).start();
    return true;
  }

  /**
   * Answers a request whose body is in: a GET or HEAD at once; else 503 over the in-flight
   * limit; else on this thread when a prediction permit is free or a waiting slot is, else on the
   * worker pool (see the class comment).
   */
  private void answer(Response response, Done callback, Router.Call call, byte[] body,
      long t0) {
    if (!callback.counted) {
      // GET and HEAD run no model: health, metadata and metrics never queue behind predictions
      // (a liveness probe that waited for a prediction permit timed out under a flood of
      // costly requests, and would have had the orchestrator restart a busy server). On the
      // I/O thread, the metrics text (milliseconds with many meters) goes to Jetty's pool.
      if (direct && Router.asksMetrics(call)) {
        try {
          response.getRequest().getComponents().getExecutor().execute(
              () -> send(response, callback, router.answer(call, body, t0), false));
          return;
        } catch (RejectedExecutionException e) {
          // stopping: answer here
        }
      }
      send(response, callback, router.answer(call, body, t0), false);
      return;
    }
    if (!inFlight.tryAcquire()) {
      // the body was read whole, so the connection may carry the client's retry
      send(response, callback, router.failed(call, 503, "server is busy: " + maxInFlight
          + " requests are in flight; retry after 1 s", t0), false);
      return;
    }
    callback.permit = true;
    if (direct) {
      answerInline(response, callback, call, body, t0);
      return;
    }
    if (!freePermit()) {
      if (waiting.incrementAndGet() > maxWaiting) {
        waiting.decrementAndGet();
        answerOnWorker(response, callback, call, body, t0, null);
        return;
      }
      try {
        predicting.acquireUninterruptibly();
      } finally {
        waiting.decrementAndGet();
      }
    }
    Router.Reply reply;
    try {
      reply = router.answer(call, body, t0);
    } finally {
      predicting.release();
    }
    finish(response, callback, reply);
  }

  /**
   * On the I/O thread: predicts there if the model is proven fast for this body's size
   * ({@link ModelSlot#provenFast}), the body at most {@link #INLINE_BODY} bytes and a permit
   * free, and hands what may block in the answer's {@code after} (logging, the shadow's copy) to
   * the workers; else hands the request to the workers, which time it so that a fast model
   * proves itself.
   */
  private void answerInline(Response response, Done callback, Router.Call call, byte[] body,
      long t0) {
    ModelSlot<?> slot = router.slotOf(call);
    if (body.length > INLINE_BODY || slot != null && !slot.provenFast(body.length)
        || Router.postsRawBody(call) || !freePermit()) {
      answerOnWorker(response, callback, call, body, t0, slot);
      return;
    }
    Router.Reply reply;
    long start = System.nanoTime();
    long cpu = cpuTime();
    try {
      reply = router.answer(call, body, t0);
    } finally {
      predicting.release();
    }
    if (slot != null) {
      timed(slot, reply, start, cpu, body.length, true);
      slot.inlineCounter(metrics).increment();
    }
    if (reply.after() == null) {
      send(response, callback, reply, false);
      return;
    }
    try {
      workers.execute(() -> finish(response, callback, reply));
    } catch (RejectedExecutionException e) {
      finish(response, callback, reply); // stopping: here, rather than lose the record
    }
  }

  /** This thread's processor time so far, or -1 when the JVM cannot tell. */
  private static long cpuTime() {
    return CPU_TIMES ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /**
   * Notes how an answer went, for the inline decision ({@link ModelSlot#timing}): over the
   * bound, it is slow only if the model's own work made it so; a pause of the JVM or of the
   * processor (another thread's turn) takes no processor time of this thread, and is not the
   * request's doing. Processor time is read again only for an answer over the bound.
   */
  private void timed(ModelSlot<?> slot, Router.Reply reply, long start, long cpuAtStart,
      int bodyBytes, boolean inline) {
    long now = System.nanoTime();
    long took = now - start;
    long cpu = took <= inlineNanos || cpuAtStart < 0 ? -1 : cpuTime() - cpuAtStart;
    slot.timed(ModelSlot.timing(took, cpu, inlineNanos), inline, reply.status() == 200,
        bodyBytes, now);
  }

  /** Runs what the answer needs done first (logging, a shadow's copy), then sends it. */
  private static void finish(Response response, Callback callback, Router.Reply reply) {
    Runnable after = reply.after();
    if (after != null) {
      try {
        after.run();
      } catch (RuntimeException | Error e) { // NOPMD: the answer goes out whatever the log did
        LOG.warn("logging a prediction failed: {}", e.toString());
      }
    }
    send(response, callback, reply, false);
  }

  /** A permit if one is free and nobody waits for one (a plain tryAcquire would barge). */
  private boolean freePermit() {
    try {
      return predicting.tryAcquire(0, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Predicts on a worker when a permit is free; times the answer for {@code slot}'s inline
   * decision unless {@code slot} is null (inline predictions off, or no model named).
   */
  private void answerOnWorker(Response response, Callback callback, Router.Call call, byte[] body,
      long t0, ModelSlot<?> slot) {
    try {
      workers.execute(() -> {
        Router.Reply reply;
        predicting.acquireUninterruptibly();
        long start = System.nanoTime();
        long cpu = slot == null ? -1 : cpuTime();
        try {
          reply = router.answer(call, body, t0);
        } finally {
          predicting.release();
        }
        if (slot != null) {
          timed(slot, reply, start, cpu, body.length, false);
        }
        finish(response, callback, reply);
      });
    } catch (RejectedExecutionException e) {
      send(response, callback, router.failed(call, 503, "server is shutting down", t0), true);
    }
  }

  private static void send(Response response, Callback callback, Router.Reply r, boolean close) {
    response.setStatus(r.status());
    HttpFields.Mutable headers = response.getHeaders();
    if (r.contentType() == Router.JSON) {
      headers.put(JSON_TYPE);
    } else {
      headers.put(HttpHeader.CONTENT_TYPE, r.contentType());
    }
    if (!r.headers().isEmpty()) {
      r.headers().forEach(headers::put);
    }
    if (close) {
      // The body was not read: do not let the connection carry another request.
      headers.put(CLOSE);
    }
    response.write(true, r.body(), callback);
  }

  /** Releases the in-flight permit and re-arms the connection's header deadline. */
  private final class Done implements Callback {
    private final Callback next;
    private final ConnState state;
    private final Connection connection;
    /** Whether the request counts against the in-flight limit (it may run a model). */
    final boolean counted;
    /** Whether it holds an in-flight permit (set by {@link #answer} before the answer). */
    volatile boolean permit;
    /** The body's buffered bytes, given back with the answer (set once the body is in). */
    volatile long bytes;
    private final AtomicBoolean once = new AtomicBoolean();

    Done(Callback next, ConnState state, Connection connection, boolean counted) {
      this.next = next;
      this.state = state;
      this.connection = connection;
      this.counted = counted;
    }

    private void release() {
      if (once.compareAndSet(false, true)) {
        if (permit) {
          inFlight.release();
        }
        if (bytes != 0) {
          buffered.release(bytes);
        }
        open.decrementAndGet();
        if (state != null) {
          state.mark = connection.getBytesIn();
          state.answered++;
          state.busy = false;
        }
      }
    }

    @Override
    public void succeeded() {
      release();
      next.succeeded();
    }

    @Override
    public void failed(Throwable x) {
      release();
      next.failed(x);
    }
  }

  /** Reads the body chunk by chunk as it arrives, with a size limit and a deadline. */
  private final class BodyReader implements Runnable {
    /** The first buffer's size at most: beyond it, the buffer grows as bytes arrive. */
    private static final int FIRST = 16 << 10;
    private final Request request;
    private final Response response;
    private final Done callback;
    private final Router.Call call;
    private final long t0;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Set when a body is refused, to be read and dropped ({@link #refuse}). */
    private volatile boolean draining;
    /** Set when the request of a refused body ended (guarded by this reader). */
    private boolean drained;
    /** The bytes of a refused body read so far. */
    private long dropped;
    /**
     * Set the first time the body is not all there: most bodies are in with their headers, and
     * a timer task per request would cost more than the request (and, cancelled, keep it
     * reachable until it is purged).
     */
    private ScheduledFuture<?> deadline;
    private final long length;
    private byte[] buf;
    private int size;
    /**
     * Bytes of {@link #buf} counted in {@link #buffered}, given back when the reader finishes
     * (by whichever thread sees it finished: the reading thread or the deadline's timer).
     */
    private final AtomicLong reserved = new AtomicLong();

    BodyReader(Request request, Response response, Done callback, Router.Call call, long t0,
        long length) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.call = call;
      this.t0 = t0;
      this.length = length;
    }

    void start() {
      // the declared length sizes the first buffer only up to FIRST: a client that declares
      // megabytes and sends a byte holds kilobytes
      int first = (int) (length > 0 ? Math.min(length, Math.min(FIRST, maxBytes)) : 256);
      if (!reserve(first)) {
        refuse(0);
        return;
      }
      buf = new byte[first];
      run();
    }

    /** Counts {@code n} more buffered bytes, unless that would pass the limit. */
    private boolean reserve(long n) {
      if (!buffered.tryReserve(n)) {
        return false;
      }
      reserved.addAndGet(n);
      return true;
    }

    private void unreserve() {
      buffered.release(reserved.getAndSet(0));
    }

    private void timedOut() {
      if (finished.compareAndSet(false, true)) {
        unreserve();
        send(response, callback, router.failed(call, 408, "request body did not arrive within "
            + TimeUnit.NANOSECONDS.toMillis(bodyTimeoutNanos) + " ms", t0), true);
      } else if (draining) {
        endDrain(new TimeoutException("request body did not arrive within "
            + TimeUnit.NANOSECONDS.toMillis(bodyTimeoutNanos) + " ms"));
      }
    }

    /**
     * Answers 503 at once for a body the budget cannot hold, then reads the rest of it and drops
     * it: closing instead would reset the connection under a client still sending, which then
     * loses the answer (the JDK client reports "header parser received no bytes"), and the
     * connection carries the client's retry. The body deadline and size limit still hold. A
     * client that waits for {@code 100 Continue} is not invited to send: its connection closes.
     *
     * @param read the body's bytes read before (all released)
     */
    private void refuse(long read) {
      draining = true; // before the deadline can see the reader finished
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      unreserve();
      buf = null;
      Router.Reply busy = router.failed(call, 503, buffered.refusal(), t0);
      if (read == 0 && request.getHeaders().contains(HttpHeader.EXPECT)) {
        synchronized (this) {
          drained = true; // nothing to drain: the answer closes the connection, not a deadline
        }
        cancelDeadline();
        send(response, callback, busy, true);
        return;
      }
      dropped = read;
      send(response, Callback.from(this::drain, this::endDrain), busy, false);
    }

    /** Reads what is left of a refused body, dropping it; again on each demand. */
    private void drain() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          armDeadline();
          request.demand(this::drain);
          return;
        }
        Throwable failure = Content.Chunk.isFailure(chunk) ? chunk.getFailure() : null;
        dropped += chunk.remaining();
        boolean last = chunk.isLast();
        chunk.release();
        if (failure != null || dropped > maxBytes) {
          endDrain(failure != null ? failure : new IllegalStateException("request body is more"
              + " than " + maxBytes + " bytes"));
          return;
        }
        if (last) {
          endDrain(null);
          return;
        }
      }
    }

    /** Ends the request of a refused body: the connection stays if the body was read whole. */
    private void endDrain(Throwable failure) {
      synchronized (this) {
        if (drained) {
          return;
        }
        drained = true;
      }
      cancelDeadline();
      if (failure == null) {
        callback.succeeded();
      } else {
        callback.failed(failure);
      }
    }

    /** Answers a body that cannot be read whole (413, 408, 400) and closes the connection. */
    private void fail(Router.Reply reply) {
      if (finished.compareAndSet(false, true)) {
        cancelDeadline();
        unreserve();
        send(response, callback, reply, true);
      }
    }

    /** Starts the body deadline the first time the body is not all there ({@link #deadline}). */
    private void armDeadline() {
      if (deadline == null) {
        long left = bodyTimeoutNanos - (System.nanoTime() - t0);
        deadline = timer.schedule(this::timedOut, Math.max(0, left), TimeUnit.NANOSECONDS);
      }
    }

    private void cancelDeadline() {
      if (deadline != null) {
        deadline.cancel(false);
      }
    }

    @Override
    public void run() {
      try {
        read();
      } finally {
        if (finished.get()) {
          unreserve(); // what this thread reserved after a deadline gave the rest back
        }
      }
    }

    private void read() {
      while (!finished.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          armDeadline();
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          Throwable x = chunk.getFailure();
          if (x instanceof TimeoutException) {
            // the connection's idle timeout, which may come before the body deadline
            fail(router.failed(call, 408, "request body stopped arriving: " + x.getMessage(), t0));
          } else {
            // Jetty says "Early EOF" both for chunk framing it cannot read (a chunk size that is
            // not hex or overflows, a missing CRLF) and for a connection that ended mid-body
            fail(router.failed(call, 400, "request body is malformed: its chunked framing is not"
                + " valid or the connection ended before the body did (" + x.getMessage() + ")",
                t0));
          }
          return;
        }
        ByteBuffer b = chunk.getByteBuffer();
        int n = b.remaining();
        if ((long) size + n > maxBytes) {
          chunk.release();
          fail(router.failed(call, 413, "request body is more than " + maxBytes
              + " bytes but the limit is " + maxBytes + " bytes", t0));
          return;
        }
        if (size + n > buf.length) {
          long cap = Math.max(size + n, Math.min(length > 0 ? length : maxBytes,
              Math.min(maxBytes, buf.length * 2L)));
          if (!reserve(cap - buf.length)) {
            chunk.release();
            refuse((long) size + n);
            return;
          }
          buf = Arrays.copyOf(buf, (int) cap);
        }
        b.get(buf, size, n);
        size += n;
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          if (finished.compareAndSet(false, true)) {
            cancelDeadline();
            // the body's bytes stay counted until its answer has left
            callback.bytes = reserved.getAndSet(0);
            byte[] body = size == buf.length ? buf : Arrays.copyOf(buf, size);
            answer(response, callback, call, body, t0);
          }
          return;
        }
      }
    }
  }

  /**
   * A request seen by the {@link Router}. The headers the router reads are found in one pass
   * over the request's headers, the first time one is asked for: each lookup by name walks
   * them with a new iterator. Not thread-safe: one thread at a time handles a request.
   */
  private static final class JettyCall implements Router.Call {
    /** The headers {@link Router} reads, found in one pass. */
    private static final String[] READ = {"Transfer-Encoding", "Content-Encoding",
        "Authorization", "Ciclo-Consent", "Ciclo-Subject", "X-Request-Id", "Content-Type"};
    private final Request request;
    private final Router router;
    private String[] segments;
    /** The first value of each of {@link #READ}, once read. */
    private String[] values;

    JettyCall(Request request, Router router) {
      this.request = request;
      this.router = router;
    }

    @Override
    public String method() {
      return request.getMethod();
    }

    @Override
    public String rawPath() {
      return request.getHttpURI().getPath();
    }

    @Override
    public String header(String name) {
      for (int i = 0; i < READ.length; i++) {
        if (READ[i].equals(name)) {
          if (values == null) {
            values = readHeaders(request.getHeaders());
          }
          return values[i];
        }
      }
      return request.getHeaders().get(name);
    }

    /**
     * The values of {@link #READ}; a header sent on several lines is their values joined with
     * ", " (RFC 9110 5.3), so that {@code Content-Encoding: identity} then
     * {@code Content-Encoding: gzip} is refused as gzip, and two consents that differ are no
     * consent the router takes, instead of the first line winning.
     */
    private static String[] readHeaders(HttpFields fields) {
      String[] found = new String[READ.length];
      for (HttpField f : fields) {
        String n = f.getName();
        for (int i = 0; i < READ.length; i++) {
          if (READ[i].equalsIgnoreCase(n)) {
            String v = f.getValue();
            found[i] = found[i] == null ? v : found[i] + ", " + v;
          }
        }
      }
      return found;
    }

    @Override
    public String[] segments() {
      if (segments == null) {
        segments = router.segments(rawPath());
      }
      return segments;
    }
  }

  /** Answers Jetty's own errors (bad request line, 414, 431, bad chunking) as counted JSON. */
  final class Errors implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      long t0 = System.nanoTime();
      Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
      Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
      int code = status instanceof Integer i ? i : response.getStatus();
      if (code < 400) {
        code = 500;
      }
      String text = message != null ? message.toString() : describe(code);
      send(response, callback, router.failed(null, code, text, t0), true);
      return true;
    }
  }

  private static String describe(int code) {
    switch (code) {
      case 414:
        return "request line is longer than the header size limit";
      case 431:
        return "request headers are larger than the limit";
      case 408:
        return "request did not arrive in time";
      default:
        return "bad request (status " + code + ")";
    }
  }
}
