package dev.ciclo.core.registry;

import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** A loaded model that reports its registry name and version as its metadata. */
final class RegisteredModel<X, Y> implements Model<X, Y> {
  private final Model<X, Y> model;
  private final ModelMetadata metadata;

  RegisteredModel(Model<X, Y> model, ModelMetadata metadata) {
    this.model = model;
    this.metadata = metadata;
  }

  @Override
  public Prediction<Y> predict(X input) {
    return model.predict(input);
  }

  @Override
  public List<Prediction<Y>> predictBatch(List<? extends X> inputs) {
    return model.predictBatch(inputs);
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public String format() {
    return model.format();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    model.writeTo(out);
  }

  @Override
  public String toString() {
    return "RegisteredModel[" + metadata.name() + " v" + metadata.version() + ", " + model + "]";
  }
}
