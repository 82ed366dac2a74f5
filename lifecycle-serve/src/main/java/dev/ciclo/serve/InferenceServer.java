package dev.ciclo.serve;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.maintain.SwapTarget;
import io.grpc.ServerInterceptors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP inference server on Jetty 12 (Open Inference Protocol v2 over REST).
 *
 * <pre>{@code
 * InferenceServer server = InferenceServer.builder()
 *     .port(0)
 *     .serve(ServedModel.features("digits", model, names, warmUpInputs))
 *     .build()
 *     .start();
 * URI uri = server.uri();   // http://127.0.0.1:<port>
 * server.swap("digits", newModel);   // warmed up first; in-flight requests finish on the old one
 * server.close();
 * }</pre>
 *
 * <p>The endpoints are listed in the {@link dev.ciclo.serve package documentation}. Every
 * client mistake (bad JSON, wrong shape, wrong datatype, NaN, unknown model or version, too large,
 * no or wrong token, wrong method) gets a 4xx with {@code {"error": "..."}} that says what was
 * wrong; 5xx is kept for failures of the server or model (an {@code Error} thrown by a model is a
 * 500 too, and the server keeps serving).
 *
 * <p><b>Limits</b>, each on the {@link Builder} with its default: a connection idle for
 * {@link Builder#idleTimeout} (30 s) is closed; a request's line and headers must arrive within
 * {@link Builder#headerTimeout} (10 s) of their first byte, or the connection is closed; its body
 * within {@link Builder#bodyTimeout} (30 s), or 408; request line plus headers at most
 * {@link Builder#maxHeaderBytes} (8 KiB: a longer line is 414, larger headers 431); at most
 * {@link Builder#maxHeaderCount} headers (100, else 431); a body of at most
 * {@link Builder#maxRequestBytes} (4 MiB, else 413); at most {@link Builder#maxRowsPerRequest}
 * rows (1,000, else 413); at most {@link Builder#maxInFlight} requests with their body in being
 * answered at once (256, else 503 with {@code Retry-After: 1}; health, metadata and metrics are
 * not limited); request bodies (and gRPC messages) hold memory for the bytes that came, from
 * their first byte to their answer, at most {@link Builder#maxBufferedBytes} together
 * ({@code maxInFlight * maxRequestBytes}, at most a quarter of the heap; else 503); at most
 * {@link Builder#maxConnections} open connections on each port, REST's and gRPC's (10,000 each,
 * fewer where the process's file descriptor limit could not hold that many, and on gRPC's port
 * no more than an eighth of the direct memory limit holds flow-control windows; beyond them new
 * connections wait in the accept backlog). Slow clients hold no thread: Jetty parses headers and
 * reads bodies as bytes arrive.
 *
 * <p>The library sets no system property.
 *
 * <p>Metrics go to a Micrometer {@link MeterRegistry}: the host's ({@link Builder#meterRegistry}),
 * or by default a Prometheus registry of the server's own, shown at {@code GET /metrics}.
 *
 * <p>Thread-safe: {@link #swap}, {@link #shadow} and {@link #close} may be called from any thread
 * while requests are served.
 */
public final class InferenceServer implements SwapTarget, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceServer.class);
  private final InetAddress bindAddress;
  private final int requestedPort;
  private final int threads;
  private final Duration stopGrace;
  private final Map<String, ModelSlot<?>> slots;
  private final ServerMetrics metrics;
  private final Router router;
  private final Builder config;
  private JettyFront front;
  private Server jetty;
  private ServerConnector connector;
  private ScheduledExecutorService timer;
  private ThreadPoolExecutor workers;
  /** gRPC's own: a backlog of gRPC calls must not queue REST requests behind it. */
  private ThreadPoolExecutor grpcWorkers;
  private io.grpc.Server grpc;
  /** gRPC's event loops and its cap on connections; null until gRPC starts. */
  private GrpcConnections grpcConnections;
  private GrpcBodies grpcBodies;
  private final Executor hostShadowExecutor;
  private final Object lifecycle = new Object();
  private ThreadPoolExecutor ownShadowPool;
  private boolean started;
  private boolean closed;

  private InferenceServer(Builder b) {
    this.bindAddress = b.bindAddress;
    this.requestedPort = b.port;
    this.threads = b.threads;
    this.stopGrace = b.stopGrace;
    this.config = b;
    this.metrics = new ServerMetrics(b.meterRegistry != null ? b.meterRegistry
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    Map<String, ModelSlot<?>> m = new LinkedHashMap<>();
    for (ServedModel<?> s : b.models) {
      m.put(s.name(), new ModelSlot<>(s));
    }
    this.slots = Map.copyOf(m);
    this.hostShadowExecutor = b.shadowExecutor;
    Executor shadow =
        b.shadowExecutor != null ? b.shadowExecutor : task -> ownShadowPool.execute(task);
    this.router =
        new Router(slots, b.maxRequestBytes, b.maxRows, b.maxHeaderCount, b.token, metrics,
            new Recorder(b.log, metrics), shadow, b.clock,
            Long.toString(System.nanoTime() & 0xffffff, 36) + "-");
  }

  /**
   * Starts configuring a server.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Warms every model up, then starts listening.
   *
   * @return this server
   * @throws IllegalStateException if it was started or closed before
   * @throws CicloException if a model fails its warm-up or the port cannot be bound
   */
  public InferenceServer start() {
    synchronized (lifecycle) {
      if (started || closed) {
        throw new IllegalStateException("server can be started once; it was "
            + (closed ? "closed" : "started") + " already");
      }
      slots.values().forEach(ModelSlot::warmInitial);
      if (config.inlineNanos() > 0) {
        // shown as 0 from the start, not absent until the first inline prediction
        slots.values().forEach(s -> s.inlineCounter(metrics));
      }
      publishVersions();
      if (hostShadowExecutor == null) {
        ownShadowPool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024), named("ciclo-shadow"),
            new ThreadPoolExecutor.AbortPolicy());
      }
      ScheduledThreadPoolExecutor t =
          new ScheduledThreadPoolExecutor(1, named("ciclo-serve-timer"));
      // A cancelled body deadline leaves the queue at once instead of keeping its request
      // reachable until it would have fired.
      t.setRemoveOnCancelPolicy(true);
      timer = t;
      // Predictions run on `threads` workers; the queue needs no bound of its own since
      // maxInFlight bounds what is in flight.
      workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), named("ciclo-serve-worker"));
      // one budget for what request bodies hold, REST's and gRPC's together
      BodyBudget bodies = new BodyBudget(config.bufferLimit());
      front = new JettyFront(router, metrics, config.maxInFlight, config.maxRequestBytes,
          bodies, config.bodyTimeout.toNanos(), config.headerTimeout.toNanos(),
          timer, workers, threads, config.inlineNanos());
      // Predicting inline, each selector thread parses and predicts: one per processor (at most
      // one per prediction thread), so that small models use every processor, and no two
      // selectors take turns on one processor (which doubled the p99 at 20,000 req/s on one); else
      // one selector hands requests to the pool's threads, which parse, check and write, and
      // predict while a prediction permit is free (at most 2 * threads of them predict or wait
      // for a permit, see JettyFront). Either way 16 more threads stay free to answer.
      int selectors = config.inlineNanos() > 0 ? selectors(threads) : 1;
      QueuedThreadPool pool = new QueuedThreadPool(16 + 2 * threads + selectors, 4);
      pool.setName("ciclo-serve");
      pool.setDaemon(true);
      jetty = new Server(pool);
      HttpConfiguration http = new HttpConfiguration();
      http.setRequestHeaderSize(config.maxHeaderBytes);
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      connector = new ServerConnector(jetty, 1, selectors, new HttpConnectionFactory(http));
      connector.setHost(bindAddress.getHostAddress());
      connector.setPort(requestedPort);
      connector.setIdleTimeout(config.idleTimeout.toMillis());
      connector.setAcceptQueueSize(1024);
      connector.addBean(front.connectionListener());
      jetty.addConnector(connector);
      int maxConnections = config.connectionLimit();
      int grpcMaxConnections = config.grpcConnectionLimit(maxConnections);
      jetty.addBean(new NetworkConnectionLimit(maxConnections, connector));
      jetty.setHandler(front);
      jetty.setErrorHandler(front.new Errors());
      jetty.setStopTimeout(stopGrace.toMillis());
      try {
        jetty.start();
      } catch (Exception e) {
        stopQuietly();
        throw new CicloException("cannot listen on " + bindAddress.getHostAddress() + ":"
            + requestedPort, e);
      }
      if (config.grpcPort >= 0) {
        try {
          // ModelInfer runs on gRPC's own workers and takes the same fair prediction permits as
          // REST, so a backlog of gRPC calls neither queues REST requests behind it nor runs
          // more than `threads` predictions; health and metadata answer on the transport thread,
          // never behind that backlog (they run no model and never block).
          grpcWorkers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(), named("ciclo-grpc-worker"));
          grpcConnections = new GrpcConnections(grpcMaxConnections);
          grpcBodies = new GrpcBodies(bodies, config.grpcBufferLimit(), router,
              config.bodyTimeout.toNanos(), timer);
          grpc = grpcConnections.serverBuilder(new InetSocketAddress(bindAddress, config.grpcPort))
              // gRPC looks a method up on the default executor before it asks callExecutor:
              // direct, so that the lookup does not queue behind the backlog either
              .directExecutor()
              .callExecutor(GrpcGuards.executorFor(grpcWorkers))
              .maxInboundMessageSize((int) config.maxRequestBytes)
              // what each connection may send before the server reads it: bytes not counted
              // in the body budget yet (see GrpcBodies); the default connection limit keeps them
              // all within an eighth of the direct memory (grpcConnectionLimit)
              .flowControlWindow(GrpcBodies.WINDOW)
              .maxInboundMetadataSize(config.maxHeaderBytes)
              // one connection may hold an eighth of the in-flight permits (at least 4): a
              // client that never reads its answers no longer takes them all (see GrpcGuards)
              .maxConcurrentCallsPerConnection(Builder.grpcCallsPerConnection(config.maxInFlight))
              .maxConnectionIdle(config.idleTimeout.toMillis(), TimeUnit.MILLISECONDS)
              // A client that never reads its answers holds in-flight permits (see GrpcGuards)
              // until its connection goes: after idleTimeout of age it is asked to go away
              // (GOAWAY; clients reconnect on their own) and idleTimeout later it is closed with
              // whatever it left unread, as REST closes a write stalled for idleTimeout.
              .maxConnectionAge(config.idleTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .maxConnectionAgeGrace(config.idleTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .handshakeTimeout(config.headerTimeout.toMillis(), TimeUnit.MILLISECONDS)
              // HTTP/2 rapid reset (CVE-2023-44487): a client that opens and cancels streams
              // as fast as it can makes the server start and drop calls at no cost to itself
              // (760,000 in 5 s from one connection, 7.9 s of CPU). grpc-java leaves the limit
              // off; this is the one Netty's own HTTP/2 servers default to: over 200 resets in
              // 30 s, GOAWAY ENHANCE_YOUR_CALM (a client cancelling calls on its deadlines stays
              // far below it, and reconnects if it ever passes it).
              .maxRstFramesPerWindow(200, 30)
              // messages being received: the body budget and deadline (outermost, so that it
              // sees each call first)
              .addStreamTracerFactory(grpcBodies.tracers())
              .addService(ServerInterceptors.intercept(GrpcGuards.service(router,
                  front.predictionPermits(), config.maxInFlight), grpcBodies.interceptor()))
              .build().start();
        } catch (IOException e) {
          stopQuietly();
          throw new CicloException("cannot listen for gRPC on " + bindAddress.getHostAddress()
              + ":" + config.grpcPort, e);
        }
      }
      long sweep = Math.max(10, config.headerTimeout.toMillis() / 4);
      timer.scheduleWithFixedDelay(front::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
      if (grpcBodies != null) {
        timer.scheduleWithFixedDelay(grpcBodies::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
      }
      started = true;
      router.ready = true;
      // the connection limits in effect: their defaults follow this process's limits
      if (grpc == null) {
        LOG.info("inference server listening on {} (at most {} connections) serving {}", uri(),
            maxConnections, slots.keySet());
      } else {
        LOG.info("inference server listening on {} (at most {} connections) and gRPC port {} (at"
            + " most {} connections) serving {}", uri(), maxConnections, grpc.getPort(),
            grpcMaxConnections, slots.keySet());
      }
      return this;
    }
  }

  private void stopQuietly() {
    if (grpc != null) {
      grpc.shutdown();
      try {
        if (!grpc.awaitTermination(stopGrace.toMillis() + 100, TimeUnit.MILLISECONDS)) {
          grpc.shutdownNow();
        }
      } catch (InterruptedException e) {
        grpc.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (grpcConnections != null) {
      grpcConnections.close();
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.debug("stopping jetty after a failed start", e);
    }
    timer.shutdownNow();
    workers.shutdownNow();
    if (grpcWorkers != null) {
      grpcWorkers.shutdownNow();
    }
    if (ownShadowPool != null) {
      ownShadowPool.shutdownNow();
    }
  }

  private void publishVersions() {
    Map<String, String> v = new LinkedHashMap<>();
    slots.forEach((n, s) -> v.put(n, s.liveVersion()));
    metrics.versions(v);
  }

  /**
   * The meter registry the server's metrics are on: the host's, or the server's own Prometheus
   * registry.
   *
   * @return the registry
   */
  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /**
   * The port the server listens on (the chosen one when built with port 0).
   *
   * @return the port
   * @throws IllegalStateException if the server is not started
   */
  public int port() {
    synchronized (lifecycle) {
      if (!started) {
        throw new IllegalStateException("server is not started; call start() first");
      }
      return connector.getLocalPort();
    }
  }

  /**
   * The port gRPC listens on.
   *
   * @return the port
   * @throws IllegalStateException if the server is not started or serves no gRPC
   */
  public int grpcPort() {
    synchronized (lifecycle) {
      if (!started || grpc == null) {
        throw new IllegalStateException("server is not started or serves no gRPC; set"
            + " grpcPort(...) on the builder and call start()");
      }
      return grpc.getPort();
    }
  }

  /**
   * The base URI, for example {@code http://127.0.0.1:41234}.
   *
   * @return the URI
   * @throws IllegalStateException if the server is not started
   */
  public URI uri() {
    String host = bindAddress.getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /**
   * Replaces the predictor a model serves. The new predictor first runs on the model's warm-up
   * inputs; only when every warm-up prediction succeeds does it take traffic. Requests already
   * running finish on the old predictor; no request fails or is dropped.
   *
   * @param modelName the served model's name
   * @param next the new predictor; it must take the model's input type
   * @return the version that was replaced
   * @throws IllegalArgumentException if no model of that name is served
   * @throws CicloException if the new predictor fails its warm-up; the old one stays in service
   */
  public String swap(String modelName, Predictor<?, ?> next) {
    Objects.requireNonNull(next, "next");
    ModelSlot<?> slot = slot(modelName);
    String labels = ServerMetrics.modelLabel(modelName);
    try {
      String old = slot.swap(next);
      metrics.count("ciclo_model_swaps_total", labels, 1);
      publishVersions();
      LOG.info("model {} swapped from version {} to {}", modelName, old,
          next.metadata().version());
      return old;
    } catch (RuntimeException e) {
      metrics.count("ciclo_model_swap_failures_total", labels, 1);
      throw e;
    }
  }

  /**
   * Serves the version a registry alias points to (for example {@code "champion"}): loads it
   * through {@link ModelRegistry#load}, which checks its SHA-256, then {@link #swap}s it in.
   * A missing alias, a corrupt or mismatching file, or a failed warm-up leaves the running model
   * in service.
   *
   * @param modelName the served model's name, also its name in the registry
   * @param registry the registry
   * @param alias the alias
   * @return the version now served
   * @throws IllegalArgumentException if no model of that name is served or the alias is not set
   * @throws CicloException if loading or warm-up fails; the old model stays in service
   */
  @Override
  public ModelVersion swapTo(String modelName, ModelRegistry registry, String alias) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(alias, "alias");
    slot(modelName);
    ModelVersion v = registry.aliased(modelName, alias)
        .orElseThrow(() -> new IllegalArgumentException(
            "alias '" + alias + "' of model '" + modelName + "' is not set in the registry"));
    Model<?, ?> model;
    try {
      model = registry.load(v);
    } catch (RuntimeException e) {
      metrics.count("ciclo_model_swap_failures_total", ServerMetrics.modelLabel(modelName), 1);
      throw e;
    }
    swap(modelName, model);
    return v;
  }

  /**
   * Sets a challenger that sees a copy of the model's live traffic: its predictions are computed
   * after the live answer is sent, counted and compared in {@code /metrics}
   * ({@code ciclo_shadow_predictions_total}, {@code ciclo_shadow_agreements_total}) and logged
   * under its own version as consent allows; they are never returned to a client. The
   * challenger is warmed up first. When the shadow queue is full, copies are dropped and counted.
   *
   * @param modelName the served model's name
   * @param challenger the challenger, or {@code null} to stop shadowing
   * @throws IllegalArgumentException if no model of that name is served
   * @throws CicloException if the challenger fails its warm-up
   */
  @Override
  public void shadow(String modelName, Predictor<?, ?> challenger) {
    slot(modelName).setShadow(challenger);
  }

  /**
   * The names of the served models, sorted.
   *
   * @return the names
   */
  public List<String> modelNames() {
    return slots.keySet().stream().sorted().toList();
  }

  /**
   * The version a model serves now.
   *
   * @param modelName the served model's name
   * @return the version
   * @throws IllegalArgumentException if no model of that name is served
   */
  @Override
  public String servedVersion(String modelName) {
    return slot(modelName).liveVersion();
  }

  /**
   * The metrics as {@code GET /metrics} shows them, in the Prometheus text format.
   *
   * @return the text
   * @throws IllegalStateException if the host gave a registry that is not a Prometheus one
   */
  public String metricsText() {
    String text = metrics.render();
    if (text == null) {
      throw new IllegalStateException("metrics go to the host's "
          + metrics.registry().getClass().getSimpleName() + "; there is no Prometheus text");
    }
    return text;
  }

  /**
   * Stops accepting, lets running requests finish for up to the builder's stop grace, and stops
   * the pools. Closing twice does nothing; a server never started is just marked closed.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      router.ready = false;
      if (!started) {
        return;
      }
      // Let running requests finish (new ones see ready=false on /v2/health/ready).
      long until = System.nanoTime() + stopGrace.toNanos();
      while (front.inFlight() > 0 && System.nanoTime() < until) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      stopQuietly();
      LOG.info("inference server stopped");
    }
  }

  /** Bytes buffered now for request bodies not yet answered (for tests of the memory bound). */
  long bufferedBodyBytes() {
    JettyFront f = front;
    return f == null ? 0 : f.bufferedBodyBytes();
  }

  private ModelSlot<?> slot(String modelName) {
    Objects.requireNonNull(modelName, "modelName");
    ModelSlot<?> s = slots.get(modelName);
    if (s == null) {
      throw new IllegalArgumentException(
          "modelName must be a served model " + slots.keySet() + " but was '" + modelName + "'");
    }
    return s;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The selector threads of a connector that predicts inline: one per processor the JVM may
   * use, at most {@code threads}.
   *
   * @param threads the prediction threads
   * @return at least 1
   */
  static int selectors(int threads) {
    return Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
  }

  /** Configures an {@link InferenceServer}. Not thread-safe. */
  public static final class Builder {
    private static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    private static final long DEFAULT_INLINE_NANOS = 200_000;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = 8080;
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private long maxRequestBytes = 4L << 20;
    private int maxRows = 1_000;
    private int maxHeaderBytes = 8 << 10;
    private int maxHeaderCount = 100;
    private int maxInFlight = 256;
    /** 0 until set: then {@link #connectionLimit()} derives it from the file descriptor limit. */
    private int maxConnections;
    /** 0 until set: then {@link #bufferLimit()} derives it from the limits and the heap. */
    private long maxBufferedBytes;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration bodyTimeout = Duration.ofSeconds(30);
    private MeterRegistry meterRegistry;
    private int grpcPort = -1;
    private String token;
    private PredictionLog log;
    private Clock clock = Clock.systemUTC();
    private Executor shadowExecutor;
    private Duration stopGrace = Duration.ofSeconds(1);
    private Duration inlineBound = Duration.ofNanos(DEFAULT_INLINE_NANOS);
    private final List<ServedModel<?>> models = new ArrayList<>();

    private Builder() {}

    /**
     * The address to listen on. Default: the loopback address (not reachable from other hosts).
     *
     * @param address the address, for example {@code InetAddress.getByName("0.0.0.0")}
     * @return this builder
     */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * The port. Default 8080; 0 picks a free port (see {@link InferenceServer#port()}).
     *
     * @param port from 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      this.port = Checks.between(port, 0, 65535, "port");
      return this;
    }

    /**
     * Threads that run predictions (Jetty's own threads only parse and write). Default: the
     * number of processors, at least 2.
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder threads(int threads) {
      this.threads = Checks.atLeast(threads, 1, "threads");
      return this;
    }

    /**
     * How long a prediction may hold an I/O (selector) thread: requests to a model whose recent
     * requests were answered within this bound are predicted on the thread that read them,
     * with no hand-off to another thread (a wake-up that costs a small model's request about
     * half of what the server spends on it); all others go to the prediction threads.
     *
     * <p>In detail: a request is predicted inline when its body is at most 16 KiB, a prediction
     * permit is free, the model has proven fast (16 successful answers within this bound since
     * its last slow answer; a late one halves that count, which goes up to 32), and the body is
     * at most 1 KiB or twice the largest of those answers' (a request of many rows costs more
     * than one of one row; larger requests are timed on the prediction threads, and so raise
     * that size as they prove fast). An answer over the bound is slow when it took the model
     * over twice the bound of its thread's processor time, or over 100 times the bound in all;
     * else it is late (a pause of the JVM or of the processor, a short wait, a little more
     * work). A new model, or a new version after a swap, proves itself on the prediction threads
     * first; a slow answer, or two late ones in a row, send the model back there until it has
     * proven itself again. So a model that blocks or runs long (an audio model, a remote call)
     * never runs inline after its first slow answer, and the only stalls of the I/O thread are
     * such answers. Each slow answer given inline is a strike: it doubles the fast answers
     * needed next time (up to about a million), and one strike is lived down per minute without
     * a new one, so that a client cannot make a model whose cost depends on the input hold the
     * I/O thread often (for up to twice the bound with no strike, once per 8 fast answers).
     * Raw bodies ({@code POST /models/NAME/predict}: audio, whose cost depends most on the
     * content) are never predicted inline. Logging a request that consents to it and a
     * shadow's copy never run inline (they may wait for a disk or a broker): the answer is then
     * finished on a prediction thread. The metrics text is rendered on Jetty's pool. Health and
     * metadata answers always run inline (they are constant-time). Requests predicted inline are
     * counted in {@code ciclo_inline_predictions_total}, per model.
     *
     * <p>{@link Duration#ZERO} turns this off: the handler is then a blocking one for Jetty,
     * which hands every request to a pool thread, whatever the model did so far (for a model
     * that may block without warning after many fast answers). Default 200 µs.
     * With inline predictions the connector has one selector thread per processor (at most
     * {@link #threads}), else one.
     *
     * @param bound from zero to 1 s
     * @return this builder
     * @throws IllegalArgumentException if negative or over 1 s
     * @throws NullPointerException if {@code bound} is null
     */
    public Builder inlinePredictions(Duration bound) {
      Objects.requireNonNull(bound, "bound");
      if (bound.isNegative() || bound.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new IllegalArgumentException("inlinePredictions must be between 0 and 1 s but was "
            + bound);
      }
      this.inlineBound = bound;
      return this;
    }

    long inlineNanos() {
      return inlineBound.toNanos();
    }

    /**
     * The largest request body accepted; larger ones get 413. Default 4 MiB.
     *
     * @param bytes from 1 to 2^31 - 9
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRequestBytes(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxRequestBytes must be between 1 and "
            + (Integer.MAX_VALUE - 8) + " but was " + bytes);
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /**
     * Also serves Open Inference Protocol v2 over gRPC ({@code inference.GRPCInferenceService})
     * on this port, with the same models, answers, token, logging and limits (message size,
     * metadata size, calls per connection, open connections, idle and handshake timeouts).
     * Default: no gRPC.
     *
     * @param port from 0 (a free port, see {@link InferenceServer#grpcPort()}) to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder grpcPort(int port) {
      this.grpcPort = Checks.between(port, 0, 65535, "grpcPort");
      return this;
    }

    /**
     * The most rows one infer request may carry; more get 413 (split the batch). Default 1,000.
     *
     * @param rows at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxRowsPerRequest(int rows) {
      this.maxRows = Checks.atLeast(rows, 1, "maxRowsPerRequest");
      return this;
    }

    /**
     * The most bytes of request line plus headers; a longer request line gets 414, larger
     * headers 431. Default 8 KiB.
     *
     * @param bytes at least 1,024
     * @return this builder
     * @throws IllegalArgumentException if less than 1,024
     */
    public Builder maxHeaderBytes(int bytes) {
      this.maxHeaderBytes = Checks.atLeast(bytes, 1024, "maxHeaderBytes");
      return this;
    }

    /**
     * The most request headers; more get 431. Default 100.
     *
     * @param count at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxHeaderCount(int count) {
      this.maxHeaderCount = Checks.atLeast(count, 1, "maxHeaderCount");
      return this;
    }

    /**
     * The most requests that may run a model (any method but {@code GET} and {@code HEAD}) being
     * answered at once, counted from when their body is all in to their answer; more get 503
     * with {@code Retry-After: 1}. Health, metadata and metrics requests are never refused by
     * it, and a request whose body is still arriving does not count (clients that stall their
     * bodies cannot make the server refuse others); the memory bodies hold is bounded by
     * {@link #maxBufferedBytes}. gRPC ModelInfer calls take the same number of permits of their
     * own, and one gRPC connection may have an eighth of it open at once (at least 4), so that
     * a client that never reads its answers holds at most that many. Default 256.
     *
     * @param requests at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxInFlight(int requests) {
      this.maxInFlight = Checks.atLeast(requests, 1, "maxInFlight");
      return this;
    }

    /**
     * The most bytes request bodies may hold together, from their first byte until their answer
     * has left (bodies arriving, and bodies waiting for or running a prediction); a body that
     * would pass it gets 503 with {@code Retry-After: 1}. Each body holds the bytes that have
     * arrived, not the length it declared. A request without a body reserves nothing. gRPC
     * ModelInfer messages count in the same budget from their first byte until the call is
     * answered, at most an eighth of the JVM's direct memory limit of it (Netty holds them in
     * direct memory, two to four times what they count), and a call that would pass it is
     * closed {@code UNAVAILABLE} (counted as 503). Messages to the other gRPC methods take at
     * most 1 KiB each, inflated too ({@code RESOURCE_EXHAUSTED} beyond), and are not counted.
     *
     * <p>Default: {@code maxInFlight * maxRequestBytes} (1 GiB), at most a quarter of the JVM's
     * maximum heap ({@code Runtime.maxMemory()}, read when the server starts) and at least
     * {@code maxRequestBytes}: clients sending large bodies then get 503 instead of running the
     * server out of memory (a container limited to 1 GiB gives the JVM a 256 MiB heap by
     * default, and 100 clients holding 4 MiB bodies each ran it out). A limit set here is used
     * as it is.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxBufferedBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBufferedBytes must be at least 1 but was "
            + bytes);
      }
      this.maxBufferedBytes = bytes;
      return this;
    }

    /**
     * The most open connections on each port: REST's, and gRPC's when it is served. At the limit
     * the server stops accepting on that port until one of its connections closes; new
     * connections wait in the operating system's accept backlog, where they hold no file
     * descriptor of the process (a gRPC client waiting there is served once a connection closes;
     * connections that send nothing are closed after {@link #headerTimeout}). Each port counts
     * its own connections, so that a flood of them on one port does not shut the other out (REST
     * health checks keep answering while gRPC is flooded); the process then holds up to twice
     * this many connection sockets.
     *
     * <p>Default: 10,000, or fewer where the process's file descriptor limit ({@code ulimit -n},
     * read when the server starts) could not hold that many on every port served with some left
     * for the process's own files: {@code (limit - reserve) / ports}, where the reserve is a
     * quarter of the limit, at most 1,024, and the result at least 16 (for example 9,488 per port
     * for REST and gRPC under a limit of 20,000, and 384 per port under 1,024). A flood of
     * connections then never leaves the process without descriptors for its registry, log and
     * class files. On gRPC's port the default is also at most as many connections as an eighth of
     * the JVM's direct memory limit ({@code -XX:MaxDirectMemorySize}, else the heap's) holds
     * flow-control windows of 128 KiB, at least 16: what each connection may have sent that no
     * budget counts yet (256 connections for 256 MiB of direct memory, about 250 for a 256 MiB
     * heap without that option, 2,048 for 2 GiB; gRPC clients send their calls over one
     * connection). A limit set here is used as it is, on both ports.
     *
     * @param connections at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConnections(int connections) {
      this.maxConnections = Checks.atLeast(connections, 1, "maxConnections");
      return this;
    }

    /**
     * How long a connection may stay silent (no byte in or out) before it is closed.
     * Default 30 s.
     *
     * @param timeout positive, at most 1 day
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than 1 day
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive("idleTimeout", timeout);
      return this;
    }

    /**
     * How long a request's line and headers may take from their first byte; a slower client's
     * connection is closed (a client sending one header line every few seconds). Default 10 s.
     *
     * @param timeout positive, at most 1 day
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than 1 day
     */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = positive("headerTimeout", timeout);
      return this;
    }

    /**
     * How long a request's body may take once its headers are in; a slower body gets 408 and the
     * connection is closed. Default 30 s (a 4 MiB upload at about 140 KB/s). Over gRPC, a call
     * whose request message is not all in this long after its headers is closed
     * {@code CANCELLED} (counted as 408), headers-only calls included.
     *
     * @param timeout positive, at most 1 day
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than 1 day
     */
    public Builder bodyTimeout(Duration timeout) {
      this.bodyTimeout = positive("bodyTimeout", timeout);
      return this;
    }

    /**
     * The Micrometer registry the server's meters go to; the host then exposes them as it
     * likes and {@code GET /metrics} answers 404 unless it is a
     * {@link PrometheusMeterRegistry}. Default: a Prometheus registry of the server's own, shown
     * at {@code GET /metrics}.
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The longest timeout taken: longer ones overflowed a count of nanoseconds at start. */
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(name + " must be positive and at most 1 day ("
            + MAX_TIMEOUT + ") but was " + d);
      }
      return d;
    }

    /**
     * Requires {@code Authorization: Bearer <token>} on every endpoint but
     * {@code /v2/health/*}; without it or with another token the answer is 401. Default: no
     * token required.
     *
     * @param token the token, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder bearerToken(String token) {
      this.token = Checks.notBlank(token, "token");
      return this;
    }

    /**
     * Where predictions are logged, as each request's consent allows (header
     * {@code Ciclo-Consent: none|monitoring|training}, or the v2 request's
     * {@code parameters.consent}; absent means none, so nothing is logged; subject from
     * {@code Ciclo-Subject} or {@code parameters.subject_id}). Default: no log. The server does
     * not close it.
     *
     * @param log the log
     * @return this builder
     */
    public Builder predictionLog(PredictionLog log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * The clock that stamps request times in the log. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where shadow predictions run. Default: a single daemon thread with a queue of 1,024 tasks
     * that the server owns; copies beyond that are dropped and counted. A host executor is not
     * shut down by the server; if it rejects a task, that copy is dropped and counted.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder shadowExecutor(Executor executor) {
      this.shadowExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * How long {@link InferenceServer#close()} lets running requests finish. Default 1 s.
     *
     * @param grace not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder stopGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("stopGrace must not be negative but was " + grace);
      }
      this.stopGrace = grace;
      return this;
    }

    /**
     * Adds a model to serve.
     *
     * @param model the model; its name must differ from the others'
     * @return this builder
     * @throws IllegalArgumentException if a model of the same name was added
     */
    public Builder serve(ServedModel<?> model) {
      Objects.requireNonNull(model, "model");
      for (ServedModel<?> m : models) {
        if (m.name().equals(model.name())) {
          throw new IllegalArgumentException("model '" + model.name() + "' is served already");
        }
      }
      models.add(model);
      return this;
    }

    /** {@link #maxBufferedBytes} as set, or its default for these limits and this heap. */
    long bufferLimit() {
      if (maxBufferedBytes > 0) {
        return maxBufferedBytes;
      }
      return Math.max(maxRequestBytes, Math.min((long) maxInFlight * maxRequestBytes,
          Runtime.getRuntime().maxMemory() / 4));
    }

    /**
     * What gRPC's messages being received may count of {@link #bufferLimit()}: at most an eighth
     * of the JVM's direct memory limit (Netty holds them there, two to four times what they
     * count; at a quarter of a 256 MiB heap, 64 MiB counted ran 256 MiB of direct memory out),
     * and at least one message of {@link #maxRequestBytes}.
     */
    long grpcBufferLimit() {
      return Math.min(bufferLimit(), Math.max(maxRequestBytes, maxDirectMemory() / 8));
    }

    /** The JVM's direct memory limit: {@code -XX:MaxDirectMemorySize}, else the heap's. */
    static long maxDirectMemory() {
      try {
        String v = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption("MaxDirectMemorySize").getValue();
        long set = Long.parseLong(v);
        if (set > 0) {
          return set;
        }
      } catch (RuntimeException e) { // not HotSpot, or no such option: the JDK's default
        LOG.debug("no MaxDirectMemorySize option", e);
      }
      return Runtime.getRuntime().maxMemory();
    }

    /** {@link #maxConnections} as set, or its default for this process and these ports. */
    int connectionLimit() {
      if (maxConnections > 0) {
        return maxConnections;
      }
      return defaultMaxConnections(maxFileDescriptors(), grpcPort >= 0 ? 2 : 1);
    }

    /**
     * The connection limit of gRPC's port, given REST's ({@link #connectionLimit()}, read once
     * by the caller): the same when set on the builder, else also within memory.
     */
    int grpcConnectionLimit(int restLimit) {
      return maxConnections > 0 ? restLimit : defaultGrpcConnections(restLimit, maxDirectMemory());
    }

    /**
     * The gRPC calls one connection may have open at once (HTTP/2's {@code
     * SETTINGS_MAX_CONCURRENT_STREAMS}) for an in-flight limit of {@code maxInFlight}: an
     * eighth of it, at least 4 (at most all of it). A client that opens more calls on one
     * connection has them wait in the client until earlier ones finish, as gRPC clients do; a
     * client that never reads its answers holds at most this many of the in-flight permits per
     * connection. Default 32 (of 256).
     */
    static int grpcCallsPerConnection(int maxInFlight) {
      return Math.max(Math.min(maxInFlight, 4), (maxInFlight + 7) / 8);
    }

    /**
     * The default connection limit of gRPC's port (see {@link #maxConnections}) under the
     * default of REST's, {@code limit}, for a direct memory limit of {@code directMemory} bytes:
     * an eighth of it holds every connection's flow-control window ({@link GrpcBodies#WINDOW}).
     */
    static int defaultGrpcConnections(int limit, long directMemory) {
      return (int) Math.max(16, Math.min(limit, directMemory / 8 / GrpcBodies.WINDOW));
    }

    /**
     * The default connection limit per port (see {@link #maxConnections}) for a process that may
     * open {@code maxFds} file descriptors ({@code -1} when unknown: 10,000) and serves
     * {@code ports} ports.
     */
    static int defaultMaxConnections(long maxFds, int ports) {
      if (maxFds <= 0) {
        return DEFAULT_MAX_CONNECTIONS;
      }
      long reserve = Math.min(1024, maxFds / 4);
      return (int) Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, (maxFds - reserve) / ports));
    }

    private static long maxFileDescriptors() {
      return ManagementFactory.getOperatingSystemMXBean()
          instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    /**
     * Makes the server (not started).
     *
     * @return the server
     * @throws IllegalStateException if no model was added
     */
    public InferenceServer build() {
      if (models.isEmpty()) {
        throw new IllegalStateException("add at least one model with serve(...)");
      }
      return new InferenceServer(this);
    }
  }
}
