package dev.ciclo.examples.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.Signal;
import dev.ciclo.api.log.LabelRecord;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.log.Consent;
import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import dev.ciclo.core.log.FilePredictionLog;
import dev.ciclo.core.log.PrivacyPolicy;
import dev.ciclo.core.maintain.MaintenanceEvent;
import dev.ciclo.core.maintain.MaintenanceLoop;
import dev.ciclo.core.maintain.PromotionGate;
import dev.ciclo.core.maintain.Recipes;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.train.RunRecorder;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.serve.InferenceServer;
import dev.ciclo.serve.ServedModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.monitor.LogMonitor;
import dev.ciclo.monitor.vocabulary.VocabularyDrift;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Voice search whose vocabulary drifts: an intent classifier (bag-of-words hashing into a Tribuo
 * logistic regression) is served; people's queries are logged with consent; half-way, people
 * start calling and playing new names; {@link LogMonitor}'s vocabulary drift raises an alert naming them;
 * the alert starts the {@link MaintenanceLoop}, which retrains on the labelled, consenting
 * queries, passes the gate and swaps the new model in.
 *
 * <pre>{@code
 * QueryDrift.Outcome o = QueryDrift.run(Path.of("ciclo-workspace-text"), System.out);
 * }</pre>
 *
 * <p>Run it with {@code java ... dev.ciclo.examples.text.QueryDrift [workspace folder]}.
 */
public final class QueryDrift {
  /** The served model's name. */
  public static final String MODEL = "intent";
  /** Queries per monitoring window. */
  static final int WINDOW = 250;
  /** Windows before the change and after it. */
  static final int BEFORE = 2;
  static final int AFTER = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryDrift() {}

  /**
   * What happened.
   *
   * @param alertsBefore alerts raised while people called the old names
   * @param alertsAfter alerts raised after the change
   * @param events the maintenance loop's events, in order
   * @param liveAccuracy the served model's accuracy in each window, in order
   * @param oldModelOnNew the first model's accuracy on held-out queries after the change
   * @param servedOnNew the model served at the end, on the same queries
   * @param servedVersion the version served at the end
   */
  public record Outcome(List<Alert> alertsBefore, List<Alert> alertsAfter,
      List<MaintenanceEvent> events, List<Double> liveAccuracy, double oldModelOnNew,
      double servedOnNew, String servedVersion) {
    /** Copies the lists. */
    public Outcome {
      alertsBefore = List.copyOf(alertsBefore);
      alertsAfter = List.copyOf(alertsAfter);
      events = List.copyOf(events);
      liveAccuracy = List.copyOf(liveAccuracy);
    }
  }

  /**
   * Runs the story in a workspace folder.
   *
   * @param workspaceDir the workspace (created when missing)
   * @param out where to print what happens
   * @return what happened
   * @throws IOException if the server cannot be reached
   * @throws InterruptedException if interrupted while posting
   */
  @SuppressWarnings("unchecked")
  public static Outcome run(Path workspaceDir, PrintStream out)
      throws IOException, InterruptedException {
    Clock clock = Clock.systemUTC();
    Workspace ws = Workspace.open(workspaceDir);
    HashingBagOfWords features = new HashingBagOfWords(1024);
    TribuoClassifierTrainer<String> trainer =
        TribuoClassifierTrainer.logisticRegression(features, 10);
    Dataset<String, String> train = VoiceQueries.generate("queries", 1200, false, 1);
    Dataset<String, String> dev = VoiceQueries.generate("dev", 300, false, 2);
    Dataset<String, String> newTest = VoiceQueries.generate("after-change", 600, true, 3);

    RunStore runs = RunStore.in(ws);
    FileModelRegistry registry = FileModelRegistry.builder(ws).clock(clock)
        .loader(TribuoModelLoader.of(String.class, features)).build();
    RunRecorder.Result<String, String> first =
        RunRecorder.builder().store(runs).clock(clock).build().train(trainer, train, dev, 7);
    ModelVersion v1 = registry.register(MODEL, first.model(), first.record());
    registry.setAlias(MODEL, "champion", v1.version(), "first intent model");
    out.printf(Locale.ROOT, "1. trained %s on %d queries: dev accuracy %.3f; registered as"
        + " version %d (champion)%n", trainer.name(), train.size(),
        first.record().metrics().get("dev.accuracy"), v1.version());

    List<Alert> alerts = new CopyOnWriteArrayList<>();
    List<MaintenanceEvent> events = new CopyOnWriteArrayList<>();
    List<Double> live = new ArrayList<>();
    try (FilePredictionLog log = FilePredictionLog.builder(ws).clock(clock)
            .privacyPolicy(PrivacyPolicy.builder().keep("query").build()).build();
        InferenceServer server = InferenceServer.builder().port(0).clock(clock)
            .predictionLog(log)
            .serve(ServedModel.builder(MODEL, registry.load(v1, String.class, String.class))
                .bytesInput(b -> new String(b, StandardCharsets.UTF_8))
                .warmUp(List.of("call anna", "play adele", "navigate to rome"))
                .signals(q -> Map.of("query", Signal.of(q))).build())
            .build().start()) {
      LogMonitor monitor = LogMonitor.builder("queries", log).clock(clock)
          .start(clock.instant().minusSeconds(1)).windowByCount(WINDOW)
          .textField("query", VocabularyDrift.builder(VoiceQueries.vocabulary(train))
              .baselineRate(0.005).build())
          .listener(a -> {
            alerts.add(a);
            out.println("   ALERT " + a.subject() + ": " + a.message());
          }).build();
      MaintenanceLoop<String, String> loop = MaintenanceLoop.builder(MODEL, String.class)
          .registry(registry).runs(runs).log(log).clock(clock).server(server)
          .recipes(Recipes.of(List.of(trainer)))
          .decoder(p -> new String(((RawPayload) p).bytes(), StandardCharsets.UTF_8))
          .trainingSet(train)
          .gate(PromotionGate.builder().margin(0.02).build())
          .listener(events::add)
          .listener(e -> out.println("   maintenance: " + describe(e)))
          .build();
      monitor.addListener(loop);
      out.printf("2. serving version %s at %s%n", server.servedVersion(MODEL), server.uri());

      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI predict = URI.create(server.uri() + "/models/" + MODEL + "/predict");
      int id = 0;
      Instant change = Instant.MAX;
      for (int w = 0; w < BEFORE + AFTER; w++) {
        boolean changed = w >= BEFORE;
        if (w == BEFORE) {
          change = clock.instant();
        }
        Dataset<String, String> queries =
            VoiceQueries.generate("window-" + w, WINDOW, changed, 100 + w);
        int right = 0;
        for (Example<String, String> q : queries) {
          String requestId = "q-" + (++id);
          Consent consent = id % 5 == 0 ? Consent.MONITORING : Consent.TRAINING;
          String answer = post(client, predict, requestId, q.input(), consent, "user-" + id % 50);
          right += answer.equals(q.target()) ? 1 : 0;
          // the user's next action (the contact they called, the song that played) is the label
          loop.addLabel(new LabelRecord(requestId, q.target(), clock.instant()));
        }
        live.add(right / (double) WINDOW);
        out.printf(Locale.ROOT, "3. window %d (%s names): served version %s, live accuracy %.3f%n",
            w, changed ? "new" : "old", server.servedVersion(MODEL), right / (double) WINDOW);
        monitor.poll();
      }
      Predictor<String, String> oldModel = registry.load(v1, String.class, String.class);
      Predictor<String, String> served = registry.load(
          registry.aliased(MODEL, "champion").orElseThrow(), String.class, String.class);
      double oldAcc = ClassificationEvaluator.evaluate(oldModel, newTest).accuracy();
      double newAcc = ClassificationEvaluator.evaluate(served, newTest).accuracy();
      out.printf(Locale.ROOT, "4. on %d held-out queries with the new names: version %d %.3f,"
          + " served version %s %.3f%n", newTest.size(), v1.version(), oldAcc,
          server.servedVersion(MODEL), newAcc);
      List<Alert> before = new ArrayList<>();
      List<Alert> after = new ArrayList<>();
      for (Alert a : alerts) {
        (a.since().isBefore(change) ? before : after).add(a);
      }
      return new Outcome(before, after, events, live, oldAcc, newAcc,
          server.servedVersion(MODEL));
    }
  }

  private static String post(HttpClient client, URI uri, String requestId, String query,
      Consent consent, String subject) throws IOException, InterruptedException {
    HttpResponse<String> a = client.send(HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("X-Request-Id", requestId)
        .header("Ciclo-Consent", consent.name().toLowerCase(Locale.ROOT))
        .header("Ciclo-Subject", subject)
        .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode prediction = a.statusCode() == 200
        ? JSON.readTree(a.body()).path("prediction") : null;
    if (prediction == null || !prediction.isTextual()) {
      throw new IOException("request " + requestId + " got " + a.statusCode() + ": " + a.body());
    }
    return prediction.asText();
  }

  private static String describe(MaintenanceEvent e) {
    if (e instanceof MaintenanceEvent.Triggered t) {
      return "triggered by " + t.trigger().kind() + ": " + t.trigger().reason();
    } else if (e instanceof MaintenanceEvent.DatasetBuilt d) {
      return "training set " + d.trainSize() + " (" + d.fromLog() + " from the log), fresh "
          + d.freshSize() + ", left out without training consent " + d.withoutTrainingConsent();
    } else if (e instanceof MaintenanceEvent.GateDecided g) {
      return "gate " + g.decision().verdict() + ": " + String.join("; ", g.decision().reasons());
    } else if (e instanceof MaintenanceEvent.Promoted p) {
      return "promoted version " + p.change().newVersion() + " (was "
          + p.change().previousVersion() + ")";
    }
    return e.getClass().getSimpleName();
  }

  /**
   * Runs the example.
   *
   * @param args optionally the workspace folder (default {@code ciclo-workspace-text})
   * @throws Exception if it fails
   */
  public static void main(String[] args) throws Exception {
    Path ws = Path.of(args.length > 0 ? args[0] : "ciclo-workspace-text");
    Outcome o = run(ws, System.out);
    System.out.println("alerts before the change: " + o.alertsBefore().size()
        + ", after: " + o.alertsAfter().size() + "; served version " + o.servedVersion());
  }
}
