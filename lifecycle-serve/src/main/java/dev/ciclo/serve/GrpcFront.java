package dev.ciclo.serve;

import com.google.protobuf.ByteString;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.serve.internal.GRPCInferenceServiceGrpc;
import dev.ciclo.serve.internal.GrpcPredictV2.InferParameter;
import dev.ciclo.serve.internal.GrpcPredictV2.InferTensorContents;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelInferRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelInferResponse;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelMetadataRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelMetadataResponse;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelReadyRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ModelReadyResponse;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerLiveRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerLiveResponse;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerMetadataRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerMetadataResponse;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerReadyRequest;
import dev.ciclo.serve.internal.GrpcPredictV2.ServerReadyResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open Inference Protocol v2 over gRPC ({@code inference.GRPCInferenceService}) on the same
 * models as REST: the same checks, token, consent, logging, shadow, hot swap and metrics (a
 * gRPC status is counted under the HTTP code it stands for). Client mistakes are
 * {@code INVALID_ARGUMENT} (400), {@code NOT_FOUND} (404), {@code UNAUTHENTICATED} (401) or
 * {@code RESOURCE_EXHAUSTED} (413, over the row cap).
 */
final class GrpcFront extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcFront.class);
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Context.Key<String> AUTH = Context.key("ciclo-authorization");

  /** The metrics' endpoint label of ModelInfer. */
  static final String INFER = "grpc.infer";
  /** The metrics' endpoint label of ServerLive and ServerReady. */
  static final String HEALTH = "grpc.health";
  /** The metrics' endpoint label of ServerMetadata. */
  static final String SERVER = "grpc.server";
  /** The metrics' endpoint label of ModelReady and ModelMetadata. */
  static final String METADATA = "grpc.metadata";

  private final Router router;
  /** The prediction permits REST takes too ({@link JettyFront#predictionPermits()}). */
  private final Semaphore predicting;

  GrpcFront(Router router, Semaphore predicting) {
    this.router = router;
    this.predicting = predicting;
  }

  /** Puts the call's {@code authorization} header where the service reads it. */
  static ServerInterceptor authInterceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        return Contexts.interceptCall(Context.current().withValue(AUTH,
            headers.get(AUTHORIZATION)), call, headers, next);
      }
    };
  }

  /** The gRPC status that stands for an HTTP code (the mapping the docs list). */
  static Status status(int http) {
    return switch (http) {
      case 400 -> Status.INVALID_ARGUMENT;
      case 401 -> Status.UNAUTHENTICATED;
      case 404 -> Status.NOT_FOUND;
      case 405 -> Status.UNIMPLEMENTED;
      case 408, 499 -> Status.CANCELLED;
      case 413 -> Status.RESOURCE_EXHAUSTED;
      case 503 -> Status.UNAVAILABLE;
      default -> http < 500 ? Status.FAILED_PRECONDITION : Status.INTERNAL;
    };
  }

  /** The metrics' endpoint label of a method of the service, by its bare name. */
  static String endpoint(String method) {
    return switch (method) {
      case "ModelInfer" -> INFER;
      case "ServerLive", "ServerReady" -> HEALTH;
      case "ServerMetadata" -> SERVER;
      default -> METADATA;
    };
  }

  private <T> void fail(StreamObserver<T> out, String model, String version, String endpoint,
      int http, String message, long t0) {
    router.count(model, version, endpoint, http, t0);
    out.onError(status(http).withDescription(GrpcGuards.capped(message)).asRuntimeException());
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
    long t0 = System.nanoTime();
    router.count("-", "-", HEALTH, 200, t0);
    out.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
    out.onCompleted();
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
    long t0 = System.nanoTime();
    router.count("-", "-", HEALTH, 200, t0);
    out.onNext(ServerReadyResponse.newBuilder().setReady(router.ready()).build());
    out.onCompleted();
  }

  @Override
  public void serverMetadata(ServerMetadataRequest request,
      StreamObserver<ServerMetadataResponse> out) {
    long t0 = System.nanoTime();
    try {
      router.checkToken(AUTH.get());
    } catch (ClientError e) {
      fail(out, "-", "-", SERVER, e.status, e.getMessage(), t0);
      return;
    }
    router.count("-", "-", SERVER, 200, t0);
    out.onNext(ServerMetadataResponse.newBuilder().setName("ciclo").setVersion("0.1").build());
    out.onCompleted();
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
    long t0 = System.nanoTime();
    try {
      router.checkToken(AUTH.get());
      ModelSlot<?> slot = router.slotFor(request.getName());
      String served = slot.liveVersion();
      boolean ready = router.ready()
          && (request.getVersion().isEmpty() || request.getVersion().equals(served));
      router.count(request.getName(), served, METADATA, 200, t0);
      out.onNext(ModelReadyResponse.newBuilder().setReady(ready).build());
      out.onCompleted();
    } catch (ClientError e) {
      fail(out, "-", "-", METADATA, e.status, e.getMessage(), t0);
    }
  }

  @Override
  public void modelMetadata(ModelMetadataRequest request,
      StreamObserver<ModelMetadataResponse> out) {
    long t0 = System.nanoTime();
    try {
      router.checkToken(AUTH.get());
      ModelSlot<?> slot = router.slotFor(request.getName());
      ModelMetadata md = slot.live().metadata();
      String served = md.version();
      if (!request.getVersion().isEmpty() && !request.getVersion().equals(served)) {
        throw ClientError.notFound("model '" + request.getName() + "' has no version '"
            + request.getVersion() + "' in service; it serves version '" + served + "'");
      }
      ModelMetadataResponse.Builder b = ModelMetadataResponse.newBuilder()
          .setName(slot.model.name()).addVersions(served).setPlatform(md.framework());
      if (slot.model.tensorWidth() > 0) {
        b.addInputs(tensor("input", "FP64", -1, slot.model.tensorWidth()));
      }
      b.addOutputs(tensor("label", "BYTES", -1))
          .addOutputs(tensor("scores", "FP64", -1, -1))
          .addOutputs(tensor("score_labels", "BYTES", -1));
      router.count(slot.model.name(), served, METADATA, 200, t0);
      out.onNext(b.build());
      out.onCompleted();
    } catch (ClientError e) {
      fail(out, "-", "-", METADATA, e.status, e.getMessage(), t0);
    }
  }

  private static ModelMetadataResponse.TensorMetadata tensor(String name, String type,
      long... shape) {
    ModelMetadataResponse.TensorMetadata.Builder t = ModelMetadataResponse.TensorMetadata
        .newBuilder().setName(name).setDatatype(type);
    for (long d : shape) {
      t.addShape(d);
    }
    return t.build();
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
    long t0 = System.nanoTime();
    String model = "-";
    String version = "-";
    ModelInferResponse answer;
    try {
      router.checkToken(AUTH.get());
      ModelSlot<?> slot = router.slotFor(request.getModelName());
      model = slot.model.name();
      answer = infer(slot, request, t0);
    } catch (ClientError e) {
      fail(out, model, version, INFER, e.status, e.getMessage(), t0);
      return;
    } catch (Throwable e) { // NOPMD: an Error from a model is a 500, the server keeps serving
      fail(out, model, version, INFER, 500, "internal error: "
          + e.getClass().getSimpleName(), t0);
      return;
    }
    version = answer.getModelVersion();
    router.count(model, version, INFER, 200, t0);
    try {
      out.onNext(answer);
      out.onCompleted();
    } catch (RuntimeException | Error e) { // NOPMD: the answer is lost, not the server
      // gRPC closed the call itself when the send failed (CANCELLED to the client): nothing is
      // left to answer, and a second close would only be refused
      LOG.warn("the answer to a ModelInfer call of model {} could not be sent: {}", model,
          e.toString());
    }
  }

  private ModelInferResponse infer(ModelSlot<?> slot, ModelInferRequest req, long t0) {
    String name = slot.model.name();
    int width = slot.model.tensorWidth();
    if (width == 0) {
      throw ClientError.badRequest("model '" + name + "' takes no tensors");
    }
    if (req.getInputsCount() != 1) {
      throw ClientError.badRequest("'inputs' must hold exactly one input tensor for model '"
          + name + "' but held " + req.getInputsCount());
    }
    ModelInferRequest.InferInputTensor in = req.getInputs(0);
    String where = "input '" + in.getName() + "'";
    String datatype = in.getDatatype();
    int size = elementBytes(datatype);
    if (size == 0) {
      throw ClientError.badRequest(where + " has datatype '" + datatype + "' but model '" + name
          + "' takes numbers: FP32, FP64 or an integer type");
    }
    List<Long> shape = in.getShapeList();
    long rows;
    if (shape.size() == 1 && shape.get(0) == width) {
      rows = 1;
    } else if (shape.size() == 2 && shape.get(1) == width) {
      rows = shape.get(0);
    } else {
      throw ClientError.badRequest(where + " has shape " + shape + " but model '" + name
          + "' takes rows of " + width + " values: shape [" + width + "] or [n, " + width + "]");
    }
    if (rows < 1) {
      throw ClientError.badRequest(where + " must have at least 1 row but had " + rows);
    }
    double[] flat = values(req, in, datatype, size, where);
    long needed;
    try {
      needed = Math.multiplyExact(rows, (long) width);
    } catch (ArithmeticException e) {
      throw ClientError.badRequest(where + " has shape " + shape
          + ", whose size overflows a 64-bit count; it has " + flat.length + " values");
    }
    if (flat.length != needed) {
      throw ClientError.badRequest(where + " has " + flat.length + " values but its shape "
          + shape + " needs " + needed);
    }
    if (rows > router.maxRows()) {
      throw new ClientError(413, where + " has " + rows + " rows but the limit is "
          + router.maxRows() + " rows per request; split it into several requests");
    }
    double[][] table = new double[(int) rows][];
    for (int r = 0; r < rows; r++) {
      double[] row = new double[width];
      for (int c = 0; c < width; c++) {
        double v = flat[r * width + c];
        if (!Double.isFinite(v)) {
          throw ClientError.badRequest(where + " data element " + (r * width + c) + " is " + v
              + " but must be a finite number");
        }
        row[c] = v;
      }
      table[r] = row;
    }
    Map<String, InferParameter> params = req.getParametersMap();
    String consent = text(params, "consent");
    String subject = text(params, "subject_id");
    String id = req.getId().isEmpty() ? router.newId() : Router.checkedId(req.getId(), "'id'");
    String asked = req.getModelVersion().isEmpty() ? null : req.getModelVersion();
    java.util.Set<String> outputs = V2Json.requestedOutputs(req.getOutputsList().stream()
        .map(ModelInferRequest.InferRequestedOutputTensor::getName).toList());
    Router.Inferred r;
    // the same fair permits as REST: gRPC and REST predictions take turns, at most `threads`
    predicting.acquireUninterruptibly();
    try {
      Context context = Context.current();
      if (context.isCancelled()) {
        // 408 for a deadline that passed, 499 (as proxies count a client that went away) for a
        // call the client cancelled: neither reaches the client, both count in the metrics
        boolean late = context.getDeadline() != null && context.getDeadline().isExpired();
        throw new ClientError(late ? 408 : 499, late
            ? "the call passed its deadline before the model ran"
            : "the client cancelled the call before the model ran");
      }
      r = router.inferRows(slot, asked, id, table, consent, subject, null, t0);
    } finally {
      predicting.release();
    }
    return response(name, r, id, outputs);
  }

  private static String text(Map<String, InferParameter> params, String key) {
    InferParameter p = params.get(key);
    if (p == null) {
      return null;
    }
    if (p.getParameterChoiceCase() != InferParameter.ParameterChoiceCase.STRING_PARAM) {
      throw ClientError.badRequest("parameter '" + key + "' must be a string");
    }
    return p.getStringParam();
  }

  /**
   * The bytes of one element of a numeric datatype, as REST takes them (FP16, FP32, FP64 and the
   * integer types); 0 for any other datatype.
   */
  private static int elementBytes(String datatype) {
    return switch (datatype) {
      case "INT8", "UINT8" -> 1;
      case "FP16", "INT16", "UINT16" -> 2;
      case "FP32", "INT32", "UINT32" -> 4;
      case "FP64", "INT64", "UINT64" -> 8;
      default -> 0;
    };
  }

  private static double[] values(ModelInferRequest req, ModelInferRequest.InferInputTensor in,
      String datatype, int size, String where) {
    if (req.getRawInputContentsCount() > 0) {
      if (in.hasContents()) {
        throw ClientError.badRequest(where + " has both contents and raw_input_contents");
      }
      if (req.getRawInputContentsCount() != req.getInputsCount()) {
        throw ClientError.badRequest("raw_input_contents holds " + req.getRawInputContentsCount()
            + " entries but the request has " + req.getInputsCount() + " input; send one entry"
            + " per input");
      }
      ByteString raw = req.getRawInputContents(0);
      if (raw.size() % size != 0) {
        throw ClientError.badRequest(where + " has " + raw.size() + " raw bytes, not a whole"
            + " number of " + datatype + " values");
      }
      ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      double[] out = new double[raw.size() / size];
      for (int i = 0; i < out.length; i++) {
        out[i] = switch (datatype) {
          case "FP16" -> halfToFloat(b.getShort());
          case "FP32" -> b.getFloat();
          case "FP64" -> b.getDouble();
          case "INT8" -> b.get();
          case "UINT8" -> Byte.toUnsignedInt(b.get());
          case "INT16" -> b.getShort();
          case "UINT16" -> Short.toUnsignedInt(b.getShort());
          case "INT32" -> b.getInt();
          case "UINT32" -> Integer.toUnsignedLong(b.getInt());
          case "INT64" -> b.getLong();
          default -> unsigned(b.getLong()); // UINT64
        };
      }
      return out;
    }
    InferTensorContents c = in.getContents();
    switch (datatype) {
      case "FP16":
        throw ClientError.badRequest(where + " is FP16, which the gRPC protocol carries only as"
            + " raw_input_contents (little-endian halves); or send FP32");
      case "FP32": {
        double[] out = new double[c.getFp32ContentsCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = c.getFp32Contents(i);
        }
        return out;
      }
      case "FP64": {
        double[] out = new double[c.getFp64ContentsCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = c.getFp64Contents(i);
        }
        return out;
      }
      case "INT8", "INT16", "INT32": {
        double[] out = new double[c.getIntContentsCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = inRange(c.getIntContents(i), datatype, where, i);
        }
        return out;
      }
      case "INT64": {
        double[] out = new double[c.getInt64ContentsCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = c.getInt64Contents(i);
        }
        return out;
      }
      case "UINT8", "UINT16", "UINT32": {
        double[] out = new double[c.getUintContentsCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = inRange(Integer.toUnsignedLong(c.getUintContents(i)), datatype, where, i);
        }
        return out;
      }
      default: { // UINT64
        double[] out = new double[c.getUint64ContentsCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = unsigned(c.getUint64Contents(i));
        }
        return out;
      }
    }
  }

  /**
   * A typed 8- or 16-bit value, which travels in a 32-bit field: a 400 if the datatype cannot
   * hold it (raw bytes always can).
   */
  private static double inRange(double v, String datatype, String where, int i) {
    String range = V2Json.outOfRange(datatype, v);
    if (range != null) {
      throw ClientError.badRequest(where + " data element " + i + " is " + (long) v + " but "
          + range);
    }
    return v;
  }

  /** An unsigned 64-bit value as the nearest double. */
  private static double unsigned(long v) {
    return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
  }

  /** An IEEE 754 half (binary16) as a float: exact, as every half is a float. */
  static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0) { // zero or subnormal: mant * 2^-24
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    if (exp == 31) { // infinity or NaN
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /** The answer with the outputs asked for (null for all), as REST writes them. */
  private static ModelInferResponse response(String name, Router.Inferred r, String id,
      java.util.Set<String> outputs) {
    List<? extends Prediction<?>> ps = r.predictions();
    ModelInferResponse.Builder b = ModelInferResponse.newBuilder().setModelName(name)
        .setModelVersion(r.version()).setId(id);
    if (outputs == null || outputs.contains("label")) {
      InferTensorContents.Builder labels = InferTensorContents.newBuilder();
      for (Prediction<?> p : ps) {
        labels.addBytesContents(ByteString.copyFrom(p.value().toString(),
            StandardCharsets.UTF_8));
      }
      b.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("label")
          .setDatatype("BYTES").addShape(ps.size()).setContents(labels));
    }
    List<String> k = r.scoreLabels();
    if (k != null) {
      InferTensorContents.Builder scores = InferTensorContents.newBuilder();
      for (Prediction<?> p : ps) {
        for (String l : k) {
          scores.addFp64Contents(p.scores().get(l));
        }
      }
      InferTensorContents.Builder names = InferTensorContents.newBuilder();
      for (String l : k) {
        names.addBytesContents(ByteString.copyFrom(l, StandardCharsets.UTF_8));
      }
      if (outputs == null || outputs.contains("scores")) {
        b.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("scores")
            .setDatatype("FP64").addShape(ps.size()).addShape(k.size()).setContents(scores));
      }
      if (outputs == null || outputs.contains("score_labels")) {
        b.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("score_labels")
            .setDatatype("BYTES").addShape(k.size()).setContents(names));
      }
    }
    return b.build();
  }
}
