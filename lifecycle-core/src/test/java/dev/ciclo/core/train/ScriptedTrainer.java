package dev.ciclo.core.train;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trainer whose model after epoch e predicts the constant label script[e - 1], so dev accuracy
 * follows a script; it records every batch and learning rate it was given.
 */
final class ScriptedTrainer implements IterativeTrainer<Integer, String> {
  final String[] script;
  final List<String> log = new ArrayList<>();
  final List<Double> rates = new ArrayList<>();

  ScriptedTrainer(String... script) {
    this.script = script;
  }

  record Constant(String label) implements Model<Integer, String> {
    @Override
    public Prediction<String> predict(Integer input) {
      return Prediction.of(label);
    }

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata("scripted", "unregistered", "test", Map.of());
    }

    @Override
    public String format() {
      return "constant";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(label.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public Learner<Integer, String> start(Dataset<Integer, String> train, long seed) {
    return new Learner<>() {
      int steps;
      int batchesPerEpoch = -1;

      @Override
      public double fitBatch(List<Example<Integer, String>> batch, double learningRate) {
        steps++;
        rates.add(learningRate);
        log.add(batch.stream().map(Example::id).reduce((a, b) -> a + "," + b).orElseThrow());
        return 1.0 / steps;
      }

      @Override
      public Model<Integer, String> snapshot() {
        if (batchesPerEpoch < 0) {
          batchesPerEpoch = steps;
        }
        int epoch = batchesPerEpoch == 0 ? 1 : Math.max(1, steps / batchesPerEpoch);
        return new Constant(script[Math.min(script.length, epoch) - 1]);
      }
    };
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of("script", String.join(",", script));
  }
}
