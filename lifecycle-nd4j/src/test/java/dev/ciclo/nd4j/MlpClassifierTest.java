package dev.ciclo.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.core.data.DataSplitter;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.train.DevMetrics;
import dev.ciclo.core.train.EarlyStopping;
import dev.ciclo.core.train.LearningRateSchedule;
import dev.ciclo.core.train.TrainingLoop;
import dev.ciclo.core.train.TrainingResult;
import dev.ciclo.core.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the ND4J MLP learns through the TrainingLoop, is reproducible, saves and loads")
class MlpClassifierTest {
  static final FeatureExtractor<FeatureVector> ID = FeatureExtractor.identity();
  static final Dataset<FeatureVector, String> DATA = Blobs.make(5, 80, 8, 3);
  static final Splits<FeatureVector, String> SPLIT = DataSplitter.builder()
      .fractions(0.6, 0.2, 0.2).stratify(true).seed(1).build().split(DATA);

  static MlpClassifier<FeatureVector> mlp(double dropout) {
    return MlpClassifier.builder(ID).hiddenLayers(32, 16).l2(1e-4).dropout(dropout).build();
  }

  static TrainingLoop loop(int epochs) {
    return TrainingLoop.builder().epochs(epochs).batchSize(16).noProgressBar()
        .learningRate(LearningRateSchedule.constant(3e-3)).build();
  }

  static double accuracy(Model<FeatureVector, String> m, Dataset<FeatureVector, String> d) {
    return DevMetrics.<FeatureVector, String>accuracy().measure(m, d).get("dev.accuracy");
  }

  @Test
  @DisplayName("learns separable classes: test accuracy above 0.95, loss falls")
  void learns() {
    TrainingResult<FeatureVector, String> r = loop(15).run(mlp(0.1), SPLIT.train(), SPLIT.dev(), 7);
    double acc = accuracy(r.model(), SPLIT.test());
    assertTrue(acc > 0.95, "test accuracy " + acc);
    List<Double> losses = r.history().epochs().stream().map(e -> e.trainLoss()).toList();
    assertTrue(losses.get(losses.size() - 1) < losses.get(0) / 2, losses.toString());
    Prediction<String> p = r.model().predict(SPLIT.test().get(0).input());
    assertEquals(1.0, p.scores().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
  }

  @Test
  @DisplayName("the same seed gives identical weights and predictions; another seed differs")
  void deterministic() {
    MlpModel<FeatureVector> a = (MlpModel<FeatureVector>) loop(3).run(mlp(0.2), SPLIT.train(), 11)
        .model();
    MlpModel<FeatureVector> b = (MlpModel<FeatureVector>) loop(3).run(mlp(0.2), SPLIT.train(), 11)
        .model();
    MlpModel<FeatureVector> c = (MlpModel<FeatureVector>) loop(3).run(mlp(0.2), SPLIT.train(), 12)
        .model();
    assertArrayEquals(a.parameters(), b.parameters());
    List<FeatureVector> inputs = SPLIT.test().stream().map(Example::input).toList();
    assertEquals(a.predictBatch(inputs), b.predictBatch(inputs));
    assertFalse(java.util.Arrays.equals(a.parameters(), c.parameters()));
  }

  @Test
  @DisplayName("equal examples in other objects give the same weights: nothing depends on object"
      + " identity (the standardisation once summed rows in IdentityHashMap order, which differs"
      + " between JVMs, so the same seed gave other bits in another process)")
  void independentOfObjectIdentity() throws Exception {
    MlpModel<FeatureVector> a = (MlpModel<FeatureVector>) loop(3).run(mlp(0.2), SPLIT.train(), 11)
        .model();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeTo(bytes);
    for (int copy = 0; copy < 3; copy++) {
      List<Example<FeatureVector, String>> copies = SPLIT.train().stream()
          .map(e -> e.withInput(FeatureVector.of(e.input().names(), e.input().toArray())))
          .toList();
      MlpModel<FeatureVector> b = (MlpModel<FeatureVector>) loop(3)
          .run(mlp(0.2), Dataset.of(SPLIT.train().name(), copies), 11).model();
      ByteArrayOutputStream other = new ByteArrayOutputStream();
      b.writeTo(other);
      // the saved model: the standardisation's means and scales, then the weights
      assertArrayEquals(bytes.toByteArray(), other.toByteArray(), "copy " + copy);
    }
  }

  @Test
  @DisplayName("early stopping restores the best epoch; the run is recorded in the workspace")
  void earlyStoppingAndRecord(@TempDir Path dir) {
    Workspace ws = Workspace.open(dir);
    TrainingResult<FeatureVector, String> r = TrainingLoop.builder().epochs(40).batchSize(16)
        .noProgressBar().learningRate(LearningRateSchedule.constant(3e-3))
        .earlyStopping(EarlyStopping.maximize("dev.accuracy", 3)).workspace(ws)
        .checkpointEvery(5).runId("mlp-run").build()
        .run(mlp(0), SPLIT.train(), SPLIT.dev(), 5);
    assertEquals(RunOutcome.STOPPED_EARLY, r.outcome());
    double best = r.history().best("dev.accuracy", true).orElseThrow().metrics()
        .get("dev.accuracy");
    assertEquals(best, accuracy(r.model(), SPLIT.dev()), 1e-12);
    assertTrue(Files.exists(ws.runs().resolve("mlp-run.json")));
    Model<FeatureVector, String> cp = ModelFiles.load(
        ws.runs().resolve("mlp-run/checkpoints/best.model"), MlpModelLoader.of(ID));
    assertEquals(best, accuracy(cp, SPLIT.dev()), 1e-12);
  }

  @Test
  @DisplayName("save and load give the same answers; a corrupted file is refused")
  void saveLoad(@TempDir Path dir) throws Exception {
    MlpModel<FeatureVector> m = mlp(0).train(SPLIT.train(), 3);
    Path f = dir.resolve("mlp.model");
    ModelFiles.save(m, f);
    Model<FeatureVector, String> back = ModelFiles.load(f, MlpModelLoader.of(ID));
    List<FeatureVector> inputs = SPLIT.test().stream().map(Example::input).toList();
    assertEquals(m.predictBatch(inputs), back.predictBatch(inputs));
    assertEquals(m.metadata(), back.metadata());
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length - 1] ^= 1;
    Files.write(f, bytes);
    CicloException e = assertThrows(CicloException.class,
        () -> ModelFiles.load(f, MlpModelLoader.of(ID)));
    assertTrue(e.getMessage().startsWith("refusing to load model file"), e.getMessage());
  }

  @Test
  @DisplayName("one label, mismatched features and bad hyperparameters get clear errors")
  void badInputs() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mlp(0).train(DATA.filter("one", x -> x.target().equals("class0")), 1));
    assertTrue(e.getMessage().contains("only the label(s) [class0]"), e.getMessage());
    MlpModel<FeatureVector> m = mlp(0).train(SPLIT.train(), 3);
    e = assertThrows(IllegalArgumentException.class,
        () -> m.predict(FeatureVector.indexed("y", 1, 2)));
    assertEquals("model mlp needs the features [x0, x1, x2, x3, x4, x5, x6, x7] that the input"
        + " lacks (it was trained with 8 required features [x0, x1, x2, x3, x4, x5, x6, x7]; the"
        + " input has [y0, y1])", e.getMessage());
    FeatureVector first = SPLIT.test().get(0).input();
    List<String> names = new java.util.ArrayList<>(first.names());
    names.add("extra");
    double[] values = java.util.Arrays.copyOf(first.toArray(), first.size() + 1);
    values[first.size()] = 1e9;
    assertEquals(m.predict(first), m.predict(FeatureVector.of(names, values)),
        "a feature the model never saw is ignored");
    Dataset<FeatureVector, String> ragged = Dataset.of("ragged", List.of(
        Example.of("a", FeatureVector.indexed("x", 1, 2), "p"),
        Example.of("b", FeatureVector.indexed("x", 1), "q")));
    e = assertThrows(IllegalArgumentException.class, () -> mlp(0).train(ragged, 1));
    assertTrue(e.getMessage().contains("example b of dataset ragged has 1 features"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MlpClassifier.builder(ID).hiddenLayers(0));
    assertThrows(IllegalArgumentException.class, () -> MlpClassifier.builder(ID).dropout(1));
    assertThrows(IllegalArgumentException.class, () -> MlpClassifier.builder(ID).l2(-1));
    assertNotEquals(mlp(0).parameters(), mlp(0.5).parameters());
  }
}
