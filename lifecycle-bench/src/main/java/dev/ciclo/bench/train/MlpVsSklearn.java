package dev.ciclo.bench.train;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.train.EpochMetrics;
import dev.ciclo.api.train.TrainingListener;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.core.data.AudioFolderReader;
import dev.ciclo.core.train.DevMetrics;
import dev.ciclo.core.train.LearningRateSchedule;
import dev.ciclo.core.train.TrainingLoop;
import dev.ciclo.speech.SpeechRecipe;
import dev.ciclo.core.train.TrainingResult;
import dev.ciclo.nd4j.MlpClassifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The Java half of {@code scripts/mlp_vs_sklearn.sh}.
 *
 * <ul>
 *   <li>{@code export <file.csv>}: FSDD MFCC features (16 time-aligned frames plus mean/std of
 *       coefficients and deltas, 260 features) with speaker {@code theo} as the test split, or
 *       seeded synthetic data when {@code CICLO_DATA_DIR} has no FSDD. Columns: split, label,
 *       f0...
 *   <li>{@code export-recipe <file.csv>}: the same clips through lifecycle-speech's recipe
 *       features (voice-activity trimmed MFCC frames and summaries and the VAD fields, 264
 *       features): what the recipe's networks train on.
 *   <li>{@code time <file.csv> <hidden,sizes> <batch> <epochs>}: trains the Ciclo MLP (ReLU,
 *       softmax, Adam lr 1e-3, no dropout) through {@code TrainingLoop}, after one
 *       warm-up run, and prints {@code ciclo <median epoch ms> <test accuracy> <median epoch
 *       CPU ms>} (CPU time of the training thread). The L2 is
 *       {@code 1e-4 / batch}: scikit-learn adds {@code alpha * W} to the batch's summed gradient
 *       before dividing by the batch size, Ciclo to the mean gradient.
 * </ul>
 */
public final class MlpVsSklearn {
  private MlpVsSklearn() {}

  /**
   * Entry point.
   *
   * @param args see the class comment
   * @throws IOException if the CSV cannot be written or read
   */
  public static void main(String[] args) throws IOException {
    if (args.length >= 2 && args[0].equals("export")) {
      export(Path.of(args[1]), false);
    } else if (args.length >= 2 && args[0].equals("export-recipe")) {
      export(Path.of(args[1]), true);
    } else if (args.length == 5 && args[0].equals("time")) {
      int[] hidden = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
      time(Path.of(args[1]), hidden, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    } else {
      System.err.println("usage: export <file.csv> | time <file.csv> <h1,h2> <batch> <epochs>");
      System.exit(2);
    }
  }

  static void export(Path out, boolean recipe) throws IOException {
    String env = System.getenv("CICLO_DATA_DIR");
    Path rec = Path.of(env == null ? "../shared/data" : env).resolve("fsdd/recordings");
    List<String[]> rows = new ArrayList<>();
    if (Files.isDirectory(rec)) {
      Dataset<AudioClip, String> audio = AudioFolderReader.read(rec, AudioFolderReader.FSDD,
          Wav::read);
      MfccSummary aligned = MfccSummary.builder().layout(MfccSummary.Layout.TIME_ALIGNED).build();
      MfccSummary stats = MfccSummary.builder().build();
      double[][] f = new double[audio.size()][];
      FeatureExtractor<AudioClip> speech = SpeechRecipe.defaults().features();
      IntStream.range(0, audio.size()).parallel().forEach(i -> {
        AudioClip c = audio.get(i).input();
        if (recipe) {
          f[i] = speech.extract(c).toArray();
          return;
        }
        double[] a = aligned.extract(c).toArray();
        double[] b = stats.extract(c).toArray();
        double[] v = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, v, a.length, b.length);
        f[i] = v;
      });
      for (int i = 0; i < f.length; i++) {
        Example<AudioClip, String> e = audio.get(i);
        rows.add(row(e.group().equals("theo") ? "test" : "train", e.target(), f[i]));
      }
    } else {
      SplittableRandom r = new SplittableRandom(3);
      for (int i = 0; i < 2500; i++) {
        int c = i % 10;
        double[] v = new double[260];
        for (int j = 0; j < v.length; j++) {
          v[j] = r.nextGaussian() + (j % 10 == c ? 0.5 : 0);
        }
        rows.add(row(i % 5 == 0 ? "test" : "train", Integer.toString(c), v));
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      int d = rows.get(0).length - 2;
      StringBuilder h = new StringBuilder("split,label");
      for (int j = 0; j < d; j++) {
        h.append(",f").append(j);
      }
      w.println(h);
      rows.forEach(r -> w.println(String.join(",", r)));
    }
    System.out.println("exported " + rows.size() + " rows to " + out);
  }

  private static String[] row(String split, String label, double[] v) {
    String[] r = new String[v.length + 2];
    r[0] = split;
    r[1] = label;
    for (int j = 0; j < v.length; j++) {
      r[j + 2] = Double.toString(v[j]);
    }
    return r;
  }

  static void time(Path csv, int[] hidden, int batch, int epochs) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> names = List.of(lines.get(0).split(",")).subList(2, lines.get(0).split(",").length);
    List<Example<FeatureVector, String>> train = new ArrayList<>();
    List<Example<FeatureVector, String>> test = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] p = lines.get(i).split(",");
      double[] v = new double[p.length - 2];
      for (int j = 0; j < v.length; j++) {
        v[j] = Double.parseDouble(p[j + 2]);
      }
      Example<FeatureVector, String> e = Example.of("r" + i, FeatureVector.of(names, v), p[1]);
      (p[0].equals("test") ? test : train).add(e);
    }
    Dataset<FeatureVector, String> tr = Dataset.of("train", train);
    Dataset<FeatureVector, String> te = Dataset.of("test", test);
    MlpClassifier<FeatureVector> mlp = MlpClassifier.builder(FeatureExtractor.identity())
        .hiddenLayers(hidden).l2(1e-4 / batch).dropout(0).build();
    TrainingLoop.Builder loop = TrainingLoop.builder().batchSize(batch).noProgressBar()
        .learningRate(LearningRateSchedule.constant(1e-3));
    loop.epochs(2).build().run(mlp, tr, 99); // warm-up: JIT and ND4J kernels
    EpochCpuTime cpu = new EpochCpuTime();
    TrainingResult<FeatureVector, String> r =
        loop.epochs(epochs).listener(cpu).build().run(mlp, tr, 1);
    double[] ms = r.history().epochs().stream().map(EpochMetrics::duration)
        .mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
    double[] cpuMs = cpu.millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double acc = DevMetrics.<FeatureVector, String>accuracy().measure(r.model(), te)
        .get("dev.accuracy");
    System.out.printf(Locale.ROOT, "ciclo %.3f %.4f %.3f%n", ms[ms.length / 2], acc,
        cpuMs[cpuMs.length / 2]);
  }

  /**
   * The training thread's CPU time per epoch: on a shared machine the wall time measures the
   * share of a core the run got as much as the run. The products run on this thread (the
   * learner's rule gives these networks one BLAS thread); JIT and GC threads are not counted.
   */
  private static final class EpochCpuTime implements TrainingListener {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    final List<Double> millis = new ArrayList<>();
    private long start;

    @Override
    public void onEpochStart(int epoch) {
      start = threads.getCurrentThreadCpuTime();
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
      millis.add((threads.getCurrentThreadCpuTime() - start) / 1e6);
    }
  }
}
