package dev.ciclo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.tribuo.TribuoClassifiers;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkScoringTest {
  private static final List<String> NAMES = List.of("x0", "x1", "x2", "x3");
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("x0", DataTypes.DoubleType, false)
      .add("x1", DataTypes.DoubleType, false)
      .add("x2", DataTypes.DoubleType, false)
      .add("x3", DataTypes.DoubleType, false);
  /** How many times executors in this JVM opened a model. */
  static final AtomicInteger OPENS = new AtomicInteger();

  private static double[][] points(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = {{0, 0, 0, 0}, {3, 3, 0, 0}, {0, 3, 3, 3}};
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % 3];
      out[i] = new double[] {c[0] + r.nextGaussian(), c[1] + r.nextGaussian(),
          c[2] + r.nextGaussian(), c[3] + r.nextGaussian()};
    }
    return out;
  }

  private static FeatureVector vector(Row r) {
    return FeatureVector.of(NAMES, new double[] {r.getDouble(1), r.getDouble(2), r.getDouble(3),
        r.getDouble(4)});
  }

  @Test
  @DisplayName("a saved Tribuo model scores a DataFrame with the answers it gives in process,"
      + " opened once per executor")
  void equalsInProcess(@TempDir Path dir) {
    double[][] train = points(300, 1);
    List<Example<FeatureVector, String>> ex = new ArrayList<>();
    for (int i = 0; i < train.length; i++) {
      ex.add(Example.of("t" + i, FeatureVector.of(NAMES, train[i]), "class" + (i % 3)));
    }
    Model<FeatureVector, String> model = TribuoClassifiers
        .logisticRegression(FeatureExtractor.identity(), 10).train(Dataset.of("blobs", ex), 1);
    Path file = dir.resolve("blobs.model");
    ModelFiles.save(model, file);

    double[][] test = points(20_000, 2);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < test.length; i++) {
      rows.add(RowFactory.create("q" + i, test[i][0], test[i][1], test[i][2], test[i][3]));
    }
    SparkScoring.ModelSource<FeatureVector, String> saved = SparkScoring.savedModel(file,
        () -> TribuoModelLoader.of(FeatureExtractor.identity()));
    SparkScoring.ModelSource<FeatureVector, String> counted = () -> {
      OPENS.incrementAndGet();
      return saved.open();
    };
    OPENS.set(0);
    List<Row> scored = SparkScoring.of(counted, SparkScoringTest::vector, 512)
        .score(TestSpark.session().createDataFrame(rows, SCHEMA).repartition(6))
        .collectAsList();

    assertEquals(test.length, scored.size());
    assertEquals(1, OPENS.get(), "local mode is one executor: the model is opened once");
    Predictor<FeatureVector, String> inProcess = model;
    for (Row r : scored) {
      Prediction<String> p = inProcess.predict(vector(r));
      String id = r.getString(0);
      assertEquals(p.value(), r.getString(5), id);
      assertEquals(p.confidence().getAsDouble(), r.getDouble(6), 0.0, id);
    }
  }

  @Test
  @DisplayName("a batch size below 1 is refused with its value")
  void badBatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkScoring.of(() -> null, r -> r, 0));
    assertEquals("batchSize must be at least 1 but was 0", e.getMessage());
  }
}
