package dev.ciclo.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.train.EpochMetrics;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.TrainingListener;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TrainingLoop: epochs, listeners, early stopping, checkpoints, schedule, progress")
class TrainingLoopTest {
  @TempDir Path dir;

  static Dataset<Integer, String> data(int n, String label) {
    List<Example<Integer, String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Example.of(label + i, i, label));
    }
    return Dataset.of(label, out);
  }

  static final Dataset<Integer, String> TRAIN = data(10, "a").concat(data(10, "b"));
  static final Dataset<Integer, String> DEV = data(4, "a");

  /** Records every call as text. */
  static final class Recorder implements TrainingListener {
    final List<String> calls = new ArrayList<>();
    final String name;

    Recorder(String name) {
      this.name = name;
    }

    @Override
    public void onTrainingStart(String runId, int epochs, int steps) {
      calls.add(name + ":start " + epochs + "x" + steps);
    }

    @Override
    public void onEpochStart(int epoch) {
      calls.add(name + ":epoch " + epoch);
    }

    @Override
    public void onStep(int epoch, int step, double loss) {
      calls.add(name + ":step " + epoch + "." + step);
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
      calls.add(name + ":end " + m.epoch() + " acc " + m.metrics().get("dev.accuracy"));
    }

    @Override
    public void onTrainingEnd(RunOutcome outcome) {
      calls.add(name + ":done " + outcome);
    }
  }

  @Test
  @DisplayName("listeners hear start, epoch, steps, end and done in the documented order")
  void listenerOrder() {
    List<String> shared = new ArrayList<>();
    Recorder r1 = new Recorder("1");
    Recorder r2 = new Recorder("2");
    TrainingLoop.builder().epochs(2).batchSize(8).noProgressBar()
        .listener(r1).listener(r2).build().run(new ScriptedTrainer("a", "b"), TRAIN, DEV, 1);
    assertEquals(List.of("1:start 2x3", "1:epoch 1", "1:step 1.1", "1:step 1.2", "1:step 1.3",
        "1:end 1 acc 1.0", "1:epoch 2", "1:step 2.1", "1:step 2.2", "1:step 2.3",
        "1:end 2 acc 0.0", "1:done COMPLETED"), r1.calls);
    assertEquals(r1.calls.size(), r2.calls.size());
    assertTrue(shared.isEmpty());
  }

  @Test
  @DisplayName("early stopping stops after patience epochs and restores the best epoch's model")
  void earlyStopping() {
    ScriptedTrainer t = new ScriptedTrainer("b", "a", "a", "b", "b", "a", "a");
    TrainingResult<Integer, String> r = TrainingLoop.builder().epochs(7).batchSize(20)
        .noProgressBar().earlyStopping(EarlyStopping.maximize("dev.accuracy", 2)).build()
        .run(t, TRAIN, DEV, 1);
    assertEquals(RunOutcome.STOPPED_EARLY, r.outcome());
    assertEquals(4, r.history().epochs().size());
    assertEquals(2, r.modelEpoch());
    assertEquals("a", r.model().predict(0).value());
    assertEquals(1.0, r.record().metrics().get("dev.accuracy"));
    TrainingResult<Integer, String> last = TrainingLoop.builder().epochs(7).batchSize(20)
        .noProgressBar().earlyStopping(new EarlyStopping("dev.accuracy", true, 2, 0, false))
        .build().run(new ScriptedTrainer("b", "a", "a", "b", "b"), TRAIN, DEV, 1);
    assertEquals("b", last.model().predict(0).value(), "without restore the last model stays");
  }

  @Test
  @DisplayName("checkpoints and the run record land in the workspace")
  void checkpointsAndRecord() throws Exception {
    Workspace ws = Workspace.open(dir);
    TrainingResult<Integer, String> r = TrainingLoop.builder().epochs(4).batchSize(20)
        .noProgressBar().workspace(ws).checkpointEvery(2).runId("run-x")
        .earlyStopping(EarlyStopping.maximize("dev.accuracy", 5)).build()
        .run(new ScriptedTrainer("b", "a", "b", "b"), TRAIN, DEV, 1);
    Path cp = ws.runs().resolve("run-x/checkpoints");
    assertTrue(Files.exists(cp.resolve("epoch-0002.model")));
    assertTrue(Files.exists(cp.resolve("epoch-0004.model")));
    assertEquals("a", Files.readString(cp.resolve("best.model")));
    assertEquals(ModelFiles.sha256(cp.resolve("best.model")),
        ModelFiles.describe(cp.resolve("best.model")).sha256());
    assertEquals(r.record(), RunStore.in(ws).get("run-x"));
    assertEquals(4, RunStore.in(ws).get("run-x").epochs().size());
    assertThrows(IllegalStateException.class,
        () -> TrainingLoop.builder().checkpointEvery(1).build());
  }

  @Test
  @DisplayName("the schedule's rate reaches the learner; batches are shuffled by seed")
  void scheduleAndShuffle() {
    ScriptedTrainer t = new ScriptedTrainer("a");
    TrainingLoop loop = TrainingLoop.builder().epochs(4).batchSize(20).noProgressBar()
        .learningRate(LearningRateSchedule.stepDecay(0.1, 0.5, 2)).build();
    loop.run(t, TRAIN, DEV, 1);
    assertEquals(List.of(0.1, 0.1, 0.05, 0.05), t.rates);
    assertNotEquals(t.log.get(0), t.log.get(1), "each epoch reshuffles");
    ScriptedTrainer same = new ScriptedTrainer("a");
    loop.run(same, TRAIN, DEV, 1);
    assertEquals(t.log, same.log, "same seed, same batches");
    ScriptedTrainer other = new ScriptedTrainer("a");
    loop.run(other, TRAIN, DEV, 2);
    assertNotEquals(t.log, other.log);
    LearningRateSchedule cos = LearningRateSchedule.cosine(1, 0, 3);
    assertEquals(1.0, cos.rate(1), 1e-12);
    assertEquals(0.5, cos.rate(2), 1e-12);
    assertEquals(0.0, cos.rate(3), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(-1));
  }

  @Test
  @DisplayName("the progress bar shows epoch, step, loss, dev metric and ETA")
  void progressBar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TrainingLoop.builder().epochs(2).batchSize(5)
        .progressBar(new PrintStream(out, true, StandardCharsets.UTF_8)).build()
        .run(new ScriptedTrainer("a"), TRAIN, DEV, 1);
    String s = out.toString(StandardCharsets.UTF_8);
    assertTrue(s.contains("epoch 2/2 [") && s.contains("step 4/4 loss")
        && s.contains("dev.accuracy 1.0000") && s.contains("ETA 00:00")
        && s.contains("training ended: COMPLETED"), s);
  }

  @Test
  @DisplayName("a failing listener fails the run, is recorded FAILED and onTrainingEnd still runs")
  void listenerFailure() {
    Workspace ws = Workspace.open(dir);
    Recorder rec = new Recorder("r");
    TrainingLoop loop = TrainingLoop.builder().epochs(3).noProgressBar().workspace(ws)
        .runId("fails").listener(new TrainingListener() {
          @Override
          public void onEpochEnd(EpochMetrics m) {
            throw new IllegalStateException("listener broke");
          }
        }).listener(rec).build();
    assertThrows(IllegalStateException.class, () -> loop.run(new ScriptedTrainer("a"), TRAIN,
        DEV, 1));
    assertEquals("r:done FAILED", rec.calls.get(rec.calls.size() - 1));
    assertEquals(RunOutcome.FAILED, RunStore.in(ws).get("fails").outcome());
  }

  @Test
  @DisplayName("an interrupt cancels; bad settings and an empty dev with early stopping are refused")
  void cancelAndBadInputs() {
    Thread.currentThread().interrupt();
    TrainingResult<Integer, String> r;
    try {
      r = TrainingLoop.builder().epochs(3).noProgressBar().build()
          .run(new ScriptedTrainer("a"), TRAIN, DEV, 1);
    } finally {
      assertTrue(Thread.interrupted());
    }
    assertEquals(RunOutcome.CANCELLED, r.outcome());
    TrainingLoop es = TrainingLoop.builder().noProgressBar()
        .earlyStopping(EarlyStopping.maximize("dev.accuracy", 1)).build();
    assertThrows(IllegalArgumentException.class,
        () -> es.run(new ScriptedTrainer("a"), TRAIN, data(0, "a"), 1));
    assertThrows(IllegalStateException.class, () -> es.run(new ScriptedTrainer("a"), TRAIN, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingLoop.builder().noProgressBar()
            .earlyStopping(EarlyStopping.minimize("dev.loss", 1)).build()
            .run(new ScriptedTrainer("a"), TRAIN, DEV, 1));
    assertTrue(e.getMessage().contains("watches 'dev.loss' but the dev metrics are"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrainingLoop.builder().epochs(0));
    assertThrows(IllegalArgumentException.class, () -> TrainingLoop.builder().batchSize(0));
    assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("m", true, 0, 0, true));
  }

  @Test
  @DisplayName("the history table has one row per epoch with its metrics")
  void historyTable() {
    TrainingResult<Integer, String> r = TrainingLoop.builder().epochs(3).noProgressBar().build()
        .run(new ScriptedTrainer("a", "b", "a"), TRAIN, DEV, 1);
    String table = r.history().toTable();
    assertEquals(4, table.split("\n").length, table);
    assertTrue(table.contains("dev.accuracy"), table);
    assertEquals(1, r.history().best("dev.accuracy", true).orElseThrow().epoch());
    assertEquals(2, r.history().best("dev.accuracy", false).orElseThrow().epoch());
  }
}
