package dev.ciclo.serve;

import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * gRPC request messages while they arrive, bounded as REST's bodies are. gRPC buffers a message
 * until its last byte is in (in Netty's direct memory) and keeps granting the client HTTP/2 flow
 * control credit as the bytes come, so without this, about 200 streams each sending a message of
 * almost {@code maxRequestBytes} and never finishing it exhausted the JVM's direct memory. Here:
 * <ul>
 *   <li>ModelInfer messages count against the same {@link BodyBudget} as REST's bodies, byte by
 *       byte as they arrive, until the call is answered (waiting for a prediction included); the
 *       call whose bytes would pass it is closed {@code UNAVAILABLE} (counted as 503), as REST
 *       answers 503. gRPC's share of the budget has a cap of its own, from the direct memory
 *       limit ({@link InferenceServer.Builder#grpcBufferLimit}), and the flow-control window
 *       ({@link #WINDOW}) bounds what a connection sends before it is counted.
 *   <li>A ModelInfer answer counts against both from when it is framed until its stream closes:
 *       Netty holds it in direct memory until the client's flow-control window lets it out, and
 *       a client that never opens its window (a zero initial window) would otherwise pile up
 *       answers until the JVM's direct memory ran out and every connection's calls failed. The
 *       answer is sent however full the budget is (it exists already); what it holds makes the
 *       next calls over the budget {@code UNAVAILABLE}, until the client reads or its
 *       connection ends.
 *   <li>The other methods take messages of at most {@link #SMALL} bytes, on the wire and
 *       inflated (a model's name and version), not counted: no more than a stream's headers may
 *       hold already. Beyond it, {@code RESOURCE_EXHAUSTED} (413).
 *   <li>A call whose request is not whole and ended within the body timeout of the call's start
 *       is closed {@code CANCELLED} (408), as REST answers 408 to a body still arriving: a
 *       client cannot hold budget by sending a message slowly or never ending its request, or a
 *       stream by sending headers alone.
 * </ul>
 *
 * <p>It takes a stream tracer, which gRPC tells of each stream's bytes as they arrive, and an
 * interceptor, which gives the tracer its call to close; both go on the server. Thread-safe.
 */
final class GrpcBodies {
  /**
   * HTTP/2 flow-control window of each gRPC stream and connection (grpc-java's default is 1 MiB):
   * what a connection may have sent that the server has not counted yet (a call not started,
   * bytes not read into a message). With 1 MiB, 400 connections of 8 streams each ran a 256 MiB
   * JVM out of direct memory with 32 MiB counted; with 128 KiB it stayed near 130 MB and kept
   * answering. A client far away gets at most this much of a large message per round trip
   * (2.6 MB/s per call at 50 ms).
   */
  static final int WINDOW = 128 << 10;
  /** The most bytes of a message to any method but ModelInfer. */
  static final int SMALL = 1024;
  private static final Context.Key<Body> BODY = Context.key("ciclo-grpc-body");
  private static final String INFER =
      GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName();

  private final BodyBudget budget;
  /**
   * What gRPC's messages alone may count: Netty holds them in direct memory, about two to four
   * times what they count (its read buffers are shared between frames).
   */
  private final BodyBudget grpcBudget;
  private final Router router;
  private final long bodyTimeoutNanos;
  /** Runs the closing of a refused call off the transport thread that found it over. */
  private final Executor closer;
  /** Calls started whose request has not ended yet: the ones the body deadline watches. */
  private final Set<Body> arriving = ConcurrentHashMap.newKeySet();

  GrpcBodies(BodyBudget budget, long grpcMax, Router router, long bodyTimeoutNanos,
      Executor closer) {
    this.budget = budget;
    this.grpcBudget = new BodyBudget(grpcMax);
    this.router = router;
    this.bodyTimeoutNanos = bodyTimeoutNanos;
    this.closer = closer;
  }

  /** The tracer factory to add to the server builder. */
  ServerStreamTracer.Factory tracers() {
    return new ServerStreamTracer.Factory() {
      @Override
      public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        return new Body(fullMethodName.equals(INFER));
      }
    };
  }

  /** The interceptor to put outermost on the service (it must see the call first). */
  ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call,
          Metadata headers, ServerCallHandler<Q, A> next) {
        Body body = BODY.get();
        if (body == null) {
          return next.startCall(call, headers);
        }
        Guarded<Q, A> guarded = new Guarded<>(call);
        body.attach(guarded, GrpcFront.endpoint(call.getMethodDescriptor().getBareMethodName()));
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<Q>(
            next.startCall(guarded, headers)) {
          /** Whether the request message came (gRPC calls a listener one method at a time). */
          private boolean got;
          /** Whether the service was given the call (it counts it then). */
          private boolean handed;

          @Override
          public void onMessage(Q message) {
            if (!body.refused()) {
              got = true;
              super.onMessage(message);
            }
          }

          @Override
          public void onHalfClose() {
            body.ended(); // the request is whole and ended: off the body deadline
            try {
              if (!got && !body.refused()) {
                // gRPC's own answer would be INTERNAL "Half-closed without a request"
                body.refuse(400, "the " + endpoint(call) + " call ended without its request"
                    + " message");
              } else if (!body.refused()) {
                handed = true;
                super.onHalfClose(); // a unary call is answered in here
              }
            } finally {
              // The request message is answered and no longer held; the answer's own bytes
              // count until its stream closes (outboundWireSize). A client that does not read
              // its answers holds in-flight permits (see GrpcGuards) and those bytes.
              body.answered();
            }
          }

          /**
           * Counts a call its client cancelled, or whose deadline passed, before the service was
           * given it (waiting for a worker, gRPC then never hands it over): 499, as proxies count
           * a client that went away, or 408. One the service was given counts itself.
           */
          @Override
          public void onCancel() {
            if (!handed && !body.refused()) {
              Deadline d = Context.current().getDeadline();
              router.count("-", "-", body.endpoint, d != null && d.isExpired() ? 408 : 499,
                  body.t0);
            }
            super.onCancel();
          }
        };
      }
    };
  }

  private static String endpoint(ServerCall<?, ?> call) {
    return call.getMethodDescriptor().getBareMethodName();
  }

  /** Closes the calls whose request has not ended within the body timeout. */
  void sweep() {
    long now = System.nanoTime();
    for (Body b : arriving) {
      if (now - b.t0 > bodyTimeoutNanos) {
        b.refuse(408, "request did not arrive whole and ended within "
            + TimeUnit.NANOSECONDS.toMillis(bodyTimeoutNanos) + " ms");
      }
    }
  }

  /**
   * One stream's message bytes. gRPC calls the tracer's methods on the stream's transport
   * thread; {@link #refuse} may also come from the sweep.
   */
  private final class Body extends ServerStreamTracer {
    private final boolean infer;
    /** Bytes of the answer framed and not known to have left: counted until the stream closes. */
    private final AtomicLong sending = new AtomicLong();
    /** Why the call is refused, once it is: the first reason wins. */
    private final AtomicReference<Refusal> refused = new AtomicReference<>();
    private volatile Guarded<?, ?> call;
    private volatile String endpoint = "-";
    private volatile long t0;
    /** The stream has closed (set before {@link #answered}, read after adding to arriving). */
    private volatile boolean closed;
    /** Bytes of the message seen so far, on the wire and inflated; transport thread only. */
    private long seen;
    private long inflated;
    /** Of them, the bytes counted in the budget and not given back yet. */
    private final AtomicLong counted = new AtomicLong();

    Body(boolean infer) {
      this.infer = infer;
    }

    @Override
    public Context filterContext(Context context) {
      return context.withValue(BODY, this);
    }

    /** Whether the call is refused (set on the transport thread before gRPC delivers). */
    boolean refused() {
      return refused.get() != null;
    }

    void attach(Guarded<?, ?> call, String endpoint) {
      this.endpoint = endpoint;
      this.t0 = System.nanoTime();
      this.call = call;
      arriving.add(this);
      if (closed) {
        // its stream closed before its call started (queued for a worker): nothing arrives
        // any more, and the deadline would count it as a 408 later
        arriving.remove(this);
        return;
      }
      if (refused.get() != null) {
        arriving.remove(this);
        close(call);
      }
    }

    @Override
    public void inboundWireSize(long bytes) {
      if (refused.get() != null) {
        return;
      }
      seen += bytes;
      if (!infer) {
        if (seen > SMALL) {
          refuse(413, "request message is more than " + SMALL + " bytes, the limit for "
              + endpoint + " calls");
        }
        return;
      }
      if (!grpcBudget.tryReserve(bytes)) {
        refuse(503, grpcBudget.refusal());
        return;
      }
      if (!budget.tryReserve(bytes)) {
        grpcBudget.release(bytes);
        refuse(503, budget.refusal());
        return;
      }
      counted.addAndGet(bytes);
    }

    @Override
    public void inboundUncompressedSize(long bytes) {
      // a message to a method that runs no model, inflated (gzip): the same 1 KiB
      inflated += bytes;
      if (!infer && inflated > SMALL && refused.get() == null) {
        refuse(413, "request message is more than " + SMALL + " bytes (inflated), the limit for "
            + endpoint + " calls");
      }
    }

    @Override
    public void outboundWireSize(long bytes) {
      if (infer) {
        budget.hold(bytes);
        grpcBudget.hold(bytes);
        sending.addAndGet(bytes);
      }
    }

    @Override
    public void streamClosed(Status status) {
      closed = true;
      answered();
      long n = sending.getAndSet(0);
      budget.release(n);
      grpcBudget.release(n);
    }

    /**
     * The request has ended (the service sees its half-close): off the deadline. Not when its
     * message is in: a client that sends a whole message and never ends its request would
     * otherwise hold its bytes past the deadline. Not once answered: a model slower than the
     * deadline is not a slow client.
     */
    void ended() {
      arriving.remove(this);
    }

    /** The call is answered (or closed): off the deadline, and its bytes back to the budget. */
    void answered() {
      arriving.remove(this);
      long n = counted.getAndSet(0);
      budget.release(n);
      grpcBudget.release(n);
    }

    void refuse(int code, String message) {
      Refusal r = new Refusal(code, GrpcFront.status(code).withDescription(message));
      if (!refused.compareAndSet(null, r)) {
        return;
      }
      arriving.remove(this);
      Guarded<?, ?> c = call;
      if (c != null) { // else attach closes it
        close(c);
      }
    }

    /** Closes the call on the closer, counted once however many times this runs. */
    private void close(Guarded<?, ?> c) {
      Refusal r = refused.get();
      // counted before the client can see the status
      closer.execute(() -> c.refuseNow(r.status(),
          () -> router.count("-", "-", endpoint, r.code(), t0)));
    }
  }

  /** A refused call's status, and the HTTP code it is counted as. */
  private record Refusal(int code, Status status) {}

  /**
   * The call as the rest of the chain sees it: closed once, by whichever comes first, the
   * service or a refusal; what the service sends after a refusal is dropped.
   */
  private static final class Guarded<Q, A>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
    private boolean closed;

    Guarded(ServerCall<Q, A> call) {
      super(call);
    }

    /** Unless the call is closed, runs {@code first} and closes it with {@code status}. */
    synchronized void refuseNow(Status status, Runnable first) {
      if (!closed) {
        closed = true;
        first.run();
        super.close(status, new Metadata());
      }
    }

    @Override
    public synchronized void request(int numMessages) {
      if (!closed) {
        super.request(numMessages);
      }
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (!closed) {
        super.sendHeaders(headers);
      }
    }

    @Override
    public synchronized void sendMessage(A message) {
      if (!closed) {
        try {
          super.sendMessage(message);
        } catch (Error e) {
          closed = true; // gRPC closed the call CANCELLED before it threw
          throw e;
        }
      }
    }

    /**
     * Closes the call unless it is closed. A send that failed with an exception has had gRPC
     * close the call itself, unseen from here (and not thrown): closing it again is refused, and
     * there is nothing left to close.
     */
    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!closed) {
        closed = true;
        try {
          super.close(status, trailers);
        } catch (IllegalStateException alreadyClosed) {
          // see above
        }
      }
    }
  }
}
