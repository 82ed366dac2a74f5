package dev.ciclo.core.persist;

import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import java.io.OutputStream;
import java.util.Map;

/** Test model: predicts "odd" or "even" for an integer. */
public final class ModelFilesTestModel implements Model<Integer, String> {
  @Override
  public Prediction<String> predict(Integer input) {
    return Prediction.of(input % 2 == 0 ? "even" : "odd");
  }

  @Override
  public ModelMetadata metadata() {
    return new ModelMetadata("parity", "unregistered", "test", Map.of());
  }

  @Override
  public String format() {
    return "parity";
  }

  @Override
  public void writeTo(OutputStream out) {}
}
