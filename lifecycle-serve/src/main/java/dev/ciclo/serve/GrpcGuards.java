package dev.ciclo.serve;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What stands between gRPC's transport and {@link GrpcFront}: which thread each call runs on,
 * requests whose bytes are no protobuf message, and status messages short enough for a client
 * to read.
 */
final class GrpcGuards {
  /**
   * The unknown field that marks a request whose bytes were not a valid message (the largest
   * field number protobuf allows; no field of the protocol uses it).
   */
  private static final int UNREADABLE = 536_870_911;
  /**
   * The most bytes of a status description: gRPC sends it percent-encoded in a trailer, and a
   * client drops trailers over its header limit (8 KiB in grpc-java), turning the answer into an
   * INTERNAL error that names nothing.
   */
  static final int MAX_DESCRIPTION_BYTES = 2048;

  private GrpcGuards() {}

  /**
   * The service with its interceptors: the token header, and a request that is not a valid
   * protobuf message answered {@code INVALID_ARGUMENT} saying so (gRPC itself would answer
   * {@code UNKNOWN} "Application error processing RPC" and log a stack trace per request).
   */
  static ServerServiceDefinition service(Router router, Semaphore predicting, int maxInFlight) {
    ServerServiceDefinition plain = new GrpcFront(router, predicting).bindService();
    ServerServiceDefinition.Builder b =
        ServerServiceDefinition.builder(plain.getServiceDescriptor().getName());
    for (ServerMethodDefinition<?, ?> m : plain.getMethods()) {
      addChecked(b, m);
    }
    return ServerInterceptors.intercept(b.build(), unreadableInterceptor(router),
        GrpcFront.authInterceptor(), inFlightInterceptor(router, maxInFlight));
  }

  /**
   * At most {@code maxInFlight} ModelInfer calls at once over all connections, each counted
   * from its request message until gRPC reports it complete or cancelled, which is after its
   * answer has left: a client that opens calls and never reads their answers (holding them in
   * the server by HTTP/2 flow control) holds permits, not ever more memory. A call whose message
   * has not arrived holds none, as REST counts a request from its body: 256 streams of headers
   * alone on one connection made every other client's ModelInfer {@code UNAVAILABLE} for as long
   * as the connection lived. Beyond the limit: {@code UNAVAILABLE}, counted as a 503. Health and
   * metadata are never refused.
   */
  private static ServerInterceptor inFlightInterceptor(Router router, int maxInFlight) {
    String inferMethod = GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName();
    Semaphore permits = new Semaphore(maxInFlight);
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call,
          Metadata headers, ServerCallHandler<Q, A> next) {
        if (!call.getMethodDescriptor().getFullMethodName().equals(inferMethod)) {
          return next.startCall(call, headers);
        }
        long t0 = System.nanoTime();
        AtomicBoolean held = new AtomicBoolean();
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<Q>(
            next.startCall(call, headers)) {
          private boolean refused;

          @Override
          public void onMessage(Q message) {
            if (!held.get()) {
              if (!permits.tryAcquire()) {
                refused = true;
                router.count("-", "-", GrpcFront.INFER, 503, t0);
                call.close(Status.UNAVAILABLE.withDescription("server is busy: " + maxInFlight
                    + " gRPC calls are in flight (answers not yet sent count); retry after 1 s"),
                    new Metadata());
                return;
              }
              held.set(true);
            }
            super.onMessage(message);
          }

          @Override
          public void onHalfClose() {
            if (!refused) {
              super.onHalfClose();
            }
          }

          @Override
          public void onComplete() {
            try {
              super.onComplete();
            } finally {
              release();
            }
          }

          @Override
          public void onCancel() {
            try {
              super.onCancel();
            } finally {
              release();
            }
          }

          private void release() {
            if (held.compareAndSet(true, false)) {
              permits.release();
            }
          }
        };
      }
    };
  }

  /**
   * Where each call runs: ModelInfer on {@code infer} (gRPC's own workers), health and metadata
   * on the transport thread, so that they never wait behind a backlog of predictions (they run
   * no model and never block).
   */
  static ServerCallExecutorSupplier executorFor(Executor infer) {
    String inferMethod = GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName();
    Executor direct = Runnable::run;
    return new ServerCallExecutorSupplier() {
      @Override
      public <Q, A> Executor getExecutor(ServerCall<Q, A> call, Metadata metadata) {
        return call.getMethodDescriptor().getFullMethodName().equals(inferMethod) ? infer
            : direct;
      }
    };
  }

  /** The method with a request marshaller that marks unreadable bytes instead of throwing. */
  private static <Q, A> void addChecked(ServerServiceDefinition.Builder b,
      ServerMethodDefinition<Q, A> m) {
    MethodDescriptor<Q, A> md = m.getMethodDescriptor();
    MethodDescriptor.Marshaller<Q> plain = md.getRequestMarshaller();
    @SuppressWarnings("unchecked")
    Q prototype = ((MethodDescriptor.PrototypeMarshaller<Q>) plain).getMessagePrototype();
    String type = ((Message) prototype).getDescriptorForType().getFullName();
    MethodDescriptor.Marshaller<Q> checked = new MethodDescriptor.PrototypeMarshaller<>() {
      @Override
      public InputStream stream(Q value) {
        return plain.stream(value);
      }

      @Override
      public Q parse(InputStream in) {
        try {
          return plain.parse(in);
        } catch (RuntimeException e) {
          // gzip that inflates past the size limit fails here too, with gRPC's own status
          StatusRuntimeException tooLarge = find(e, Status.Code.RESOURCE_EXHAUSTED);
          Throwable why = e.getCause() != null ? e.getCause() : e;
          String reason = tooLarge != null
              ? "request is too large: " + tooLarge.getStatus().getDescription()
              : "request is not a valid " + type + " protobuf message: " + why.getMessage();
          @SuppressWarnings("unchecked")
          Q marked = (Q) ((Message) prototype).toBuilder().setUnknownFields(UnknownFieldSet
              .newBuilder().addField(UNREADABLE, UnknownFieldSet.Field.newBuilder()
                  .addLengthDelimited(ByteString.copyFromUtf8(reason))
                  .addVarint(tooLarge != null ? 413 : 400).build()).build()).build();
          return marked;
        }
      }

      @Override
      public Q getMessagePrototype() {
        return prototype;
      }

      @Override
      public Class<Q> getMessageClass() {
        @SuppressWarnings("unchecked")
        Class<Q> c = (Class<Q>) prototype.getClass();
        return c;
      }
    };
    b.addMethod(md.toBuilder().setRequestMarshaller(checked).build(), m.getServerCallHandler());
  }

  /** The first status exception with that code among the throwable and its causes, or null. */
  private static StatusRuntimeException find(Throwable e, Status.Code code) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == code) {
        return s;
      }
    }
    return null;
  }

  /** Why a request did not parse, or null for a request that did. */
  private static String unreadable(Object request) {
    if (!(request instanceof Message m)) {
      return null;
    }
    UnknownFieldSet.Field f = m.getUnknownFields().getField(UNREADABLE);
    return f.getLengthDelimitedList().isEmpty() ? null
        : f.getLengthDelimitedList().get(0).toStringUtf8();
  }

  /**
   * Answers a request marked unreadable with INVALID_ARGUMENT, counted as a 400, or one that
   * inflated past the size limit with RESOURCE_EXHAUSTED, counted as a 413.
   */
  private static ServerInterceptor unreadableInterceptor(Router router) {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call,
          Metadata headers, ServerCallHandler<Q, A> next) {
        long t0 = System.nanoTime();
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<Q>(
            next.startCall(call, headers)) {
          private boolean refused;

          @Override
          public void onMessage(Q message) {
            String reason = unreadable(message);
            if (reason == null) {
              super.onMessage(message);
              return;
            }
            refused = true;
            int code = ((Message) message).getUnknownFields().getField(UNREADABLE).getVarintList()
                .get(0).intValue();
            String method = call.getMethodDescriptor().getBareMethodName();
            router.count("-", "-", GrpcFront.endpoint(method), code, t0);
            call.close(GrpcFront.status(code).withDescription(capped(reason)), new Metadata());
          }

          @Override
          public void onHalfClose() {
            if (!refused) {
              super.onHalfClose();
            }
          }
        };
      }
    };
  }

  /**
   * The message cut in the middle to at most {@link #MAX_DESCRIPTION_BYTES} as gRPC sends it
   * (percent-encoded: 3 bytes for each UTF-8 byte outside printable ASCII and for '%'), so that
   * an echoed value of a megabyte still leaves the start and the end of the message readable.
   */
  static String capped(String message) {
    if (encodedBytes(message, 0, message.length()) <= MAX_DESCRIPTION_BYTES) {
      return message;
    }
    int headBudget = MAX_DESCRIPTION_BYTES * 2 / 3;
    int tailBudget = MAX_DESCRIPTION_BYTES / 4;
    int head = 0;
    int used = 0;
    while (head < message.length()) {
      int next = message.offsetByCodePoints(head, 1);
      int n = encodedBytes(message, head, next);
      if (used + n > headBudget) {
        break;
      }
      used += n;
      head = next;
    }
    int tail = message.length();
    used = 0;
    while (tail > head) {
      int prev = message.offsetByCodePoints(tail, -1);
      int n = encodedBytes(message, prev, tail);
      if (used + n > tailBudget) {
        break;
      }
      used += n;
      tail = prev;
    }
    return message.substring(0, head) + " [... " + message.codePointCount(head, tail)
        + " characters cut ...] " + message.substring(tail);
  }

  private static int encodedBytes(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp >= ' ' && cp < '~' && cp != '%') {
        n++;
      } else {
        n += 3 * (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
      }
    }
    return n;
  }
}
