package dev.ciclo.serve;

import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import io.grpc.Context;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * gRPC request messages while they arrive, bounded as REST's bodies are. gRPC buffers a message
 * until its last byte is in (in Netty's direct memory) and keeps granting the client HTTP/2 flow
 * control credit as the bytes come, so without this, about 200 streams each sending a message of
 * almost {@code maxRequestBytes} and never finishing it exhausted the JVM's direct memory. Here:
 * <ul>
 *   <li>ModelInfer messages count against the same {@link BodyBudget} as REST's bodies, byte by
 *       byte as they arrive, until the call ends; the call whose bytes would pass it is closed
 *       {@code UNAVAILABLE} (counted as 503), as REST answers 503.
 *   <li>The other methods take messages of at most {@link #SMALL} bytes (a model's name and
 *       version), not counted: no more than a stream's headers may hold already. Beyond it,
 *       {@code RESOURCE_EXHAUSTED} (413).
 *   <li>A call whose message is not all in within the body timeout of the call's start is closed
 *       {@code CANCELLED} (408), as REST answers 408 to a body still arriving: a client cannot
 *       hold budget by sending a message slowly, or a stream by sending headers alone.
 * </ul>
 *
 * <p>It takes a stream tracer, which gRPC tells of each stream's bytes as they arrive, and an
 * interceptor, which gives the tracer its call to close; both go on the server. Thread-safe.
 */
final class GrpcBodies {
  /** The most bytes of a message to any method but ModelInfer. */
  static final int SMALL = 1024;
  private static final Context.Key<Body> BODY = Context.key("ciclo-grpc-body");
  private static final String INFER =
      GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName();

  private final BodyBudget budget;
  private final Router router;
  private final long bodyTimeoutNanos;
  /** Runs the closing of a refused call off the transport thread that found it over. */
  private final Executor closer;
  /** Calls started whose message is not all in yet. */
  private final Set<Body> arriving = ConcurrentHashMap.newKeySet();

  GrpcBodies(BodyBudget budget, Router router, long bodyTimeoutNanos, Executor closer) {
    this.budget = budget;
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
          @Override
          public void onMessage(Q message) {
            if (!body.refused()) {
              super.onMessage(message);
            }
          }

          @Override
          public void onHalfClose() {
            if (!body.refused()) {
              super.onHalfClose();
            }
          }
        };
      }
    };
  }

  /** Closes the calls whose message has taken longer than the body timeout. */
  void sweep() {
    long now = System.nanoTime();
    for (Body b : arriving) {
      if (now - b.t0 > bodyTimeoutNanos) {
        b.refuse(408, "request message did not arrive within "
            + TimeUnit.NANOSECONDS.toMillis(bodyTimeoutNanos) + " ms");
      }
    }
  }

  /** Calls whose message is still arriving (for tests). */
  int arriving() {
    return arriving.size();
  }

  /**
   * One stream's message bytes. gRPC calls the tracer's methods on the stream's transport
   * thread; {@link #refuse} may also come from the sweep.
   */
  private final class Body extends ServerStreamTracer {
    private final boolean infer;
    /** Why the call is refused, once it is: the first reason wins. */
    private final AtomicReference<Refusal> refused = new AtomicReference<>();
    private volatile Guarded<?, ?> call;
    private volatile String endpoint = "-";
    private volatile long t0;
    /** Bytes of the message seen so far; transport thread only. */
    private long seen;
    /** Of them, the bytes counted in the budget; transport thread only. */
    private long counted;

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
      if (!budget.tryReserve(bytes)) {
        refuse(503, budget.refusal());
        return;
      }
      counted += bytes;
    }

    @Override
    public void inboundMessageRead(int seqNo, long optionalWireSize,
        long optionalUncompressedSize) {
      arriving.remove(this);
    }

    @Override
    public void streamClosed(Status status) {
      arriving.remove(this);
      budget.release(counted);
      counted = 0;
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
      closer.execute(() -> {
        if (c.refuseNow(r.status())) {
          router.count("-", "-", endpoint, r.code(), t0);
        }
      });
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

    /** Closes the call with {@code status} unless it is closed; whether this closed it. */
    synchronized boolean refuseNow(Status status) {
      if (closed) {
        return false;
      }
      closed = true;
      super.close(status, new Metadata());
      return true;
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
        super.sendMessage(message);
      }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!closed) {
        closed = true;
        super.close(status, trailers);
      }
    }
  }
}
