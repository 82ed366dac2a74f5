package dev.ciclo.examples.skeleton;

import dev.ciclo.api.analysis.ClassificationEvaluation;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.scope.ProjectSpec;
import dev.ciclo.api.scope.TaskType;
import dev.ciclo.core.data.CsvReader;
import dev.ciclo.core.data.CsvSchema;
import dev.ciclo.core.data.DataSplitter;
import dev.ciclo.core.data.TabularRow;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scope, data, split, train, evaluate and serve, in a few lines each: in-memory rows become a
 * {@link Dataset}, a seeded {@link DataSplitter} splits them, a Tribuo logistic regression is
 * trained through the api's {@code Trainer}, evaluated, and served as a {@link Predictor}.
 */
public final class SkeletonCycle {
  private SkeletonCycle() {}

  /**
   * What the cycle produced.
   *
   * @param spec the project's scope
   * @param splits the data split
   * @param model the trained model, a {@link Predictor}
   * @param dev the evaluation on the dev set
   * @param test the evaluation on the test set
   */
  public record Result(
      ProjectSpec spec,
      Splits<FeatureVector, String> splits,
      TribuoClassifierModel<FeatureVector> model,
      ClassificationEvaluation dev,
      ClassificationEvaluation test) {}

  /**
   * Fisher's Iris data as an in-memory dataset of feature vectors.
   *
   * @return 150 examples, three species
   */
  public static Dataset<FeatureVector, String> iris() {
    CsvSchema schema = CsvSchema.builder()
        .numeric("sepal_length", "sepal_width", "petal_length", "petal_width")
        .target("species").build();
    Dataset<TabularRow, String> rows;
    try (InputStream in = SkeletonCycle.class.getResourceAsStream("iris.csv")) {
      rows = CsvReader.read("iris.csv", in, schema);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled iris.csv", e);
    }
    FeatureExtractor<TabularRow> features = TabularRow.features();
    List<Example<FeatureVector, String>> out = new ArrayList<>(rows.size());
    for (Example<TabularRow, String> e : rows) {
      out.add(Example.of("iris-" + out.size(), features.extract(e.input()), e.target()));
    }
    return Dataset.of("iris", out);
  }

  /**
   * Runs the cycle and prints each step.
   *
   * @param out where to print
   * @param seed the seed of the split and of training
   * @return what the cycle produced
   */
  public static Result run(PrintStream out, long seed) {
    ProjectSpec spec = new ProjectSpec("iris", "species of an iris flower from four measurements",
        TaskType.CLASSIFICATION, "accuracy", 0.05, "a botanist", 0.02);
    out.printf("1. Scope   %s: %s; metric %s, target error %.2f, baseline %s at %.2f%n",
        spec.name(), spec.task(), spec.metric(), spec.targetError(), spec.baselineName(),
        spec.baselineError());

    Dataset<FeatureVector, String> data = iris();
    out.printf("2. Data    %d examples, labels %s, fingerprint %s%n", data.size(), data.targets(),
        data.fingerprint().substring(0, 16));

    Splits<FeatureVector, String> splits =
        DataSplitter.builder().fractions(0.6, 0.2, 0.2).seed(seed).build().split(data);
    out.printf("3. Split   train %d / dev %d / test %d (seed %d)%n", splits.train().size(),
        splits.dev().size(), splits.test().size(), seed);

    TribuoClassifierTrainer<FeatureVector> trainer =
        TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity(), 20);
    TribuoClassifierModel<FeatureVector> model = trainer.train(splits.train(), seed);
    out.printf("4. Train   %s %s%n", trainer.name(), trainer.parameters());

    ClassificationEvaluation dev = ClassificationEvaluator.evaluate(model, splits.dev());
    ClassificationEvaluation test = ClassificationEvaluator.evaluate(model, splits.test());
    out.printf(Locale.ROOT, "5. Analyse dev accuracy %.3f, test accuracy %.3f, macro F1 %.3f%n",
        dev.accuracy(), test.accuracy(), test.macroF1());
    out.print(indent(test.confusion().toString()));

    Predictor<FeatureVector, String> predictor = model;
    Example<FeatureVector, String> first = splits.test().get(0);
    Prediction<String> p = predictor.predict(first.input());
    out.printf(Locale.ROOT, "6. Serve   predict(%s) = %s (p=%.3f), true %s%n", first.id(),
        p.value(), p.confidence().orElse(Double.NaN), first.target());
    out.printf(Locale.ROOT, "accuracy: %.3f%n", test.accuracy());
    return new Result(spec, splits, model, dev, test);
  }

  private static String indent(String block) {
    StringBuilder sb = new StringBuilder();
    for (String line : block.split("\n")) {
      sb.append("          ").append(line).append('\n');
    }
    return sb.toString();
  }
}
