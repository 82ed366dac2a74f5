package dev.ciclo.examples.cycle;

import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.log.PrivacyPolicy;
import dev.ciclo.core.maintain.GateDecision;
import dev.ciclo.core.maintain.MaintenanceEvent;
import dev.ciclo.core.maintain.MaintenanceLoop;
import dev.ciclo.core.maintain.PromotionGate;
import dev.ciclo.core.maintain.Recipes;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.examples.serve.DigitServing;
import dev.ciclo.examples.monitor.DigitMonitor;
import dev.ciclo.examples.monitor.SpeechTraffic;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.speech.SpeechRequests;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steps 5 to 7: the registry, the server and the app; the monitor; the maintenance loop. Owns
 * the server and the log; close it.
 */
final class Production implements AutoCloseable {
  static final int WINDOW = 100;
  static final int WINDOWS_BEFORE = 3;
  static final int WINDOWS_AFTER = 4;
  /** How long a new champion is watched, in simulated time. */
  static final java.time.Duration WATCH = java.time.Duration.ofMinutes(10);

  final SimClock clock = new SimClock(Instant.parse("2026-11-27T08:00:00Z"));
  final ServedDigits served;
  final Workspace workspace;
  final FileModelRegistry registry;
  final RunStore runs;
  final FilePredictionLog log;
  final InferenceServer server;
  final MobileApp app;
  final Instant deployed;
  final List<MobileApp.Answer> answers = new CopyOnWriteArrayList<>();
  final List<SpeechTraffic.Request> requests = new CopyOnWriteArrayList<>();
  private int sent;

  Production(Path dir, ServedDigits served, Model<FeatureVector, String> champion,
      RunRecord run, AudioClip warmUp) {
    this.served = served;
    workspace = Workspace.open(dir);
    registry = FileModelRegistry.builder(workspace).clock(clock)
        .loader(served.recipe.loader()).build();
    runs = RunStore.in(workspace);
    runs.save(run);
    ModelVersion v = registry.register(ServedDigits.MODEL, champion, run);
    registry.setAlias(ServedDigits.MODEL, "champion", v.version(), "first deployment");
    Predictor<FeatureVector, String> loaded =
        registry.load(v, FeatureVector.class, String.class);
    log = FilePredictionLog.builder(workspace).privacyPolicy(PrivacyPolicy.keepAll())
        .clock(clock).build();
    server = InferenceServer.builder().port(0).clock(clock).predictionLog(log)
        .maxRequestBytes(1 << 20)
        .serve(ServedModel.builder(ServedDigits.MODEL, loaded)
            .bytesInput(body -> served.input(SpeechRequests.defaults().decode(body)))
            .warmUp(List.of(served.input(warmUp)))
            .signals(ServedDigits::signals)
            .build())
        .build().start();
    app = new MobileApp(server.uri(), clock);
    deployed = clock.instant();
  }

  /** Sends requests until {@code logged} more of them were logged (consent allowing). */
  void traffic(SpeechTraffic traffic, int logged, boolean changed) {
    int n = 0;
    while (n < logged) {
      int i = sent++;
      SpeechTraffic.Request q = traffic.request("live", i, changed);
      Consent c = MobileApp.consentOf(i);
      MobileApp.Answer a = app.send(q, c);
      if (a == null && app.failed.get() > 50) {
        throw new IllegalStateException("the server at " + server.uri() + " failed "
            + app.failed.get() + " requests; the demo stops");
      }
      if (a != null) {
        answers.add(a);
        requests.add(q);
        n += c.allowsLogging() ? 1 : 0;
      }
    }
  }

  double accuracy(boolean changed) {
    int right = 0;
    int all = 0;
    for (int i = 0; i < answers.size(); i++) {
      if (requests.get(i).changed() == changed) {
        all++;
        right += answers.get(i).digit().equals(requests.get(i).digit()) ? 1 : 0;
      }
    }
    return all == 0 ? 0 : right / (double) all;
  }

  LogMonitor monitor(Predictor<FeatureVector, String> champion, SpeechTraffic traffic) {
    List<AudioClip> reference = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      reference.add(traffic.request("ref", i, false).clip());
    }
    return DigitMonitor.build("digits-monitor", log, served.onAudio(champion), reference,
        clock, deployed, WINDOW);
  }

  /** Feedback: users who allowed training say which digit they meant. */
  int feedback(MaintenanceLoop<FeatureVector, String> loop) {
    int n = 0;
    for (int i = 0; i < answers.size(); i++) {
      MobileApp.Answer a = answers.get(i);
      if (a.consent().allowsTraining()) {
        loop.addLabel(new LabelRecord(a.requestId(), requests.get(i).digit(), clock.instant()));
        n++;
      }
    }
    return n;
  }

  MaintenanceLoop<FeatureVector, String> loop(Dataset<FeatureVector, String> trainingSet,
      String newUser, List<MaintenanceEvent> events) {
    PromotionGate gate = PromotionGate.builder().margin(0.02).sliceTolerance(0.03)
        .slice("known users", e -> !e.group().equals(newUser))
        .slice("new user", e -> e.group().equals(newUser))
        .build();
    return MaintenanceLoop.builder(ServedDigits.MODEL, FeatureVector.class)
        .registry(registry).runs(runs).log(log).clock(clock)
        .recipes(Recipes.of(List.of(served.recipe.trainer())))
        .decoder(served::decode)
        .trainingSet(trainingSet)
        .gate(gate)
        .server(server)
        .watch(WATCH, 100, 0.05)
        .logFrom(deployed)
        .listener(events::add)
        .build();
  }

  /** What happened to live traffic while the loop ran. */
  record Swap(int requests, int failed, Set<String> versions, GateDecision decision) {}

  /**
   * Lets an alert start the loop while three app threads keep sending requests, and counts
   * every request that failed.
   */
  Swap maintainUnderLoad(MaintenanceLoop<FeatureVector, String> loop, Alert alert, SpeechTraffic traffic,
      List<MaintenanceEvent> events) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Set<String> versions = ConcurrentHashMap.newKeySet();
    int failedBefore = app.failed.get();
    int answeredBefore = app.answered.get();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<?>> load = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int thread = t;
      load.add(pool.submit(() -> {
        // users who did not consent to logging: answered, never logged; paced at ~20 requests
        // a second per thread so the load does not starve the training it runs beside
        for (int i = 0; !stop.get(); i++) {
          MobileApp.Answer a = app.send(traffic.request("load" + thread, i, true),
              Consent.NONE);
          if (a != null) {
            versions.add(a.version());
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }));
    }
    waitFor(() -> app.answered.get() > answeredBefore + 30);
    loop.onAlert(alert);
    int afterSwap = app.answered.get();
    waitFor(() -> app.answered.get() > afterSwap + 30);
    stop.set(true);
    for (Future<?> f : load) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    GateDecision d = null;
    for (MaintenanceEvent e : events) {
      if (e instanceof MaintenanceEvent.GateDecided g) {
        d = g.decision();
      }
    }
    return new Swap(app.answered.get() - answeredBefore, app.failed.get() - failedBefore,
        Set.copyOf(versions), d);
  }

  /**
   * The watch after a promotion: more requests with labelled feedback, answered by the new
   * champion while the old one shadows it; then the watch period ends and the loop judges.
   */
  void watch(MaintenanceLoop<FeatureVector, String> loop, SpeechTraffic traffic, int requests)
      throws InterruptedException {
    Instant from = clock.instant();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      SpeechTraffic.Request q = traffic.request("watch", i, true);
      MobileApp.Answer a = app.send(q, MobileApp.consentOf(i));
      if (a != null) {
        loop.addLabel(new LabelRecord(a.requestId(), q.digit(), clock.instant()));
        ids.add(a.requestId());
      }
    }
    // the shadow answers after the live one: wait until its records stop arriving
    long last = -1;
    for (int k = 0; k < 100; k++) {
      long n = log.scan(from, clock.instant().plusSeconds(1)).records().size();
      if (n == last) {
        break;
      }
      last = n;
      Thread.sleep(50);
    }
    clock.advance(WATCH);
    loop.tick();
  }

  private static void waitFor(java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    server.close();
    log.close();
  }
}
