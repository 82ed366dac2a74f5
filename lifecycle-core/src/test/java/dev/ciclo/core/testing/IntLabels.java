package dev.ciclo.core.testing;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.Trainer;
import dev.ciclo.core.persist.ModelLoader;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * A classifier with {@code Integer} labels for the loop's tests: the Tribuo classifier underneath
 * learns the numbers' text, and every prediction is decoded back to an {@code Integer}. Registered
 * under its own format so the registry loads it as {@code FeatureVector -> Integer}.
 */
public final class IntLabels {
  public static final String FORMAT = TribuoClassifierModel.FORMAT + "+int";

  private IntLabels() {}

  /** Trains the wrapped String-label trainer on the labels' text; same name and parameters. */
  public record IntTrainer(Trainer<FeatureVector, String> inner)
      implements Trainer<FeatureVector, Integer> {
    @Override
    public Model<FeatureVector, Integer> train(Dataset<FeatureVector, Integer> data, long seed) {
      return new IntModel(inner.train(data.map("labels as text", e -> new Example<>(e.id(),
          e.input(), String.valueOf(e.target()), e.group(), e.tags(), e.metadata())), seed));
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Map<String, String> parameters() {
      return inner.parameters();
    }
  }

  /** A String-label model whose predictions are parsed to {@code Integer}s. */
  public record IntModel(Model<FeatureVector, String> inner) implements Model<FeatureVector, Integer> {
    @Override
    public Prediction<Integer> predict(FeatureVector input) {
      Prediction<String> p = inner.predict(input);
      return new Prediction<>(Integer.valueOf(p.value()), p.scores());
    }

    @Override
    public ModelMetadata metadata() {
      return inner.metadata();
    }

    @Override
    public String format() {
      return FORMAT;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      inner.writeTo(out);
    }
  }

  /** Reads an {@link IntModel} back: {@code FeatureVector -> Integer}. */
  public static ModelLoader<FeatureVector, Integer> loader() {
    TribuoModelLoader<FeatureVector> tribuo =
        TribuoModelLoader.of(FeatureVector.class, FeatureExtractor.identity());
    return new ModelLoader<>() {
      @Override
      public Class<?> inputType() {
        return FeatureVector.class;
      }

      @Override
      public Class<?> outputType() {
        return Integer.class;
      }

      @Override
      public String format() {
        return FORMAT;
      }

      @Override
      public Model<FeatureVector, Integer> read(InputStream in, ModelMetadata metadata)
          throws IOException {
        return new IntModel(tribuo.read(in, metadata));
      }
    };
  }
}
