package dev.ciclo.examples.analysis;

import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.SliceMetrics;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.core.analysis.BiasVarianceDiagnoser;
import dev.ciclo.core.analysis.ErrorAnalyzer;
import dev.ciclo.core.analysis.LearningCurves;
import dev.ciclo.core.analysis.SliceFinder;
import dev.ciclo.api.analysis.TagReport;
import dev.ciclo.core.analysis.TaggingSheet;
import dev.ciclo.core.data.AudioFolderReader;
import dev.ciclo.core.evaluate.Bootstrap;
import dev.ciclo.api.analysis.Calibration;
import dev.ciclo.core.evaluate.ClassificationEvaluator;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoClassifierTrainer;
import dev.ciclo.report.Charts;
import dev.ciclo.report.Reports;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Error analysis on FSDD with real street noise in half of the dev set.
 *
 * <ol>
 *   <li>Read the 2,500 FSDD recordings; recordings with index 0-9 are the dev set (500), the rest
 *       the training set (2,000); every speaker is in both.
 *   <li>Mix {@code street-cars.wav} into a seeded half of the dev clips at 0 to 5 dB SNR and tag
 *       them {@code car-noise}.
 *   <li>Train Tribuo logistic regression on MFCC summary vectors of the clean training clips.
 *   <li>Error analysis: slices ranked most clearly worse first, SliceLine-style discovery, the
 *       most confident errors; log loss and calibration of the scores.
 *   <li>Tagging round trip: sample 30 errors to {@code errors-to-tag.csv}; a person fills the
 *       {@code tags} column (here {@link #fillAsListener} stands in for them); read it back.
 *   <li>Learning curve (4 sizes, 2 repeats) and the bias/variance diagnosis against an assumed
 *       human-level error of {@value #HUMAN_LEVEL_ERROR}.
 *   <li>Write {@code report.html} and the PNG charts.
 * </ol>
 *
 * <p>Run: {@code java ... dev.ciclo.examples.analysis.FsddErrorAnalysis OUT_DIR [DATA_DIR]}; the
 * data folder defaults to {@code $CICLO_DATA_DIR}, else {@code ../shared/data}.
 */
public final class FsddErrorAnalysis {
  /** The error a person makes naming clean spoken digits (an assumption, not a measurement). */
  public static final double HUMAN_LEVEL_ERROR = 0.01;
  /** The tag of the dev clips with street noise. */
  public static final String NOISE_TAG = "car-noise";

  private FsddErrorAnalysis() {}

  /**
   * What the example produced.
   *
   * @param analysis the error analysis of the dev set
   * @param discovered the weakest slices found by search
   * @param tags the counted tags of the sampled errors
   * @param curve the learning curve
   * @param diagnosis the bias/variance diagnosis read from it
   * @param calibration log loss and calibration of the model's scores on the dev set
   * @param noisyDevClips how many dev clips got street noise
   * @param report the HTML report
   * @param charts the PNG charts written
   */
  public record Result(ErrorAnalysis analysis, List<SliceMetrics> discovered, TagReport tags,
      LearningCurve curve, BiasVariance diagnosis, Calibration calibration, int noisyDevClips,
      Path report,
      List<Path> charts) {}

  /**
   * Runs the example from the command line.
   *
   * @param args the output folder, and optionally the data folder
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: FsddErrorAnalysis OUT_DIR [DATA_DIR]");
      System.exit(2);
    }
    Path data = args.length > 1 ? Path.of(args[1]) : defaultDataDir();
    Result r = run(data, Path.of(args[0]), 42L, System.out);
    System.out.println(Reports.text(r.analysis().overall()));
    System.out.println(Reports.text(r.calibration()));
    System.out.println(Reports.text(r.analysis()));
    System.out.println(Reports.text(r.discovered()));
    System.out.println(Reports.text(r.tags()));
    System.out.println(Reports.text(r.curve()));
    System.out.println(Reports.text(r.diagnosis()));
  }

  static Path defaultDataDir() {
    String env = System.getenv("CICLO_DATA_DIR");
    return env != null ? Path.of(env) : Path.of("..", "shared", "data");
  }

  /**
   * Runs the whole analysis and writes the report.
   *
   * @param dataDir the folder holding {@code fsdd/recordings} and {@code noise}
   * @param outDir the folder to write to (created if missing)
   * @param seed the seed of the noise, the training and the samples
   * @param log where to print progress
   * @return what was found and written
   * @throws dev.ciclo.api.CicloException if a file cannot be read or written
   */
  public static Result run(Path dataDir, Path outDir, long seed, PrintStream log) {
    Dataset<AudioClip, String> all = AudioFolderReader.read(
        dataDir.resolve("fsdd").resolve("recordings"), AudioFolderReader.FSDD, Wav::read);
    Dataset<AudioClip, String> train = all.filter("index >= 10", e -> index(e) >= 10);
    Dataset<AudioClip, String> cleanDev = all.filter("index < 10", e -> index(e) < 10);

    NoiseBank bank =
        NoiseBank.load(List.of(dataDir.resolve("noise").resolve("street-cars.wav")), 8000);
    BackgroundNoise noise = BackgroundNoise.builder(bank).snrDb(0, 5).build();
    List<Example<AudioClip, String>> devExamples = new ArrayList<>();
    int noisy = 0;
    for (Example<AudioClip, String> e : cleanDev) {
      var random = new RandomKey(seed, e.id(), 0).generator();
      if (random.nextBoolean()) {
        Augmented<AudioClip> a = noise.apply(e.input(), random);
        devExamples.add(e.withInput(a.output()).withTags(NOISE_TAG));
        noisy++;
      } else {
        devExamples.add(e);
      }
    }
    Dataset<AudioClip, String> dev = Dataset.of("fsdd-dev", devExamples,
        cleanDev.provenance().withStep("street-cars.wav mixed into " + noisy
            + " clips at 0-5 dB, tagged " + NOISE_TAG + ", seed " + seed));
    log.printf(Locale.ROOT, "train %d clips, dev %d clips (%d with street noise)%n",
        train.size(), dev.size(), noisy);

    MfccSummary mfcc = MfccSummary.builder().build();
    Dataset<FeatureVector, String> trainF = train.mapInputs(mfcc.describe(), mfcc::extract);
    Dataset<FeatureVector, String> devF = dev.mapInputs(mfcc.describe(), mfcc::extract);
    TribuoClassifierTrainer<FeatureVector> trainer =
        TribuoClassifierTrainer.logisticRegression(FeatureExtractor.identity(), 10);
    TribuoClassifierModel<FeatureVector> model = trainer.train(trainF, seed);

    ErrorAnalysis analysis = ErrorAnalyzer.builder().minSliceSize(20).worstErrors(10)
        .bootstrap(Bootstrap.builder().resamples(1000).seed(seed).build())
        .build().analyze(model, devF);
    Calibration calibration = ClassificationEvaluator.calibration(model, devF, 10);
    List<SliceMetrics> discovered =
        SliceFinder.builder().maxOrder(2).minSupport(20).build().find(model, devF);
    log.printf(Locale.ROOT, "dev error %.3f; weakest slice %s%n", analysis.overall().error(),
        analysis.slices().isEmpty() ? "none" : analysis.slices().get(0).slice());

    try {
      Files.createDirectories(outDir);
      Path sheet = outDir.resolve("errors-to-tag.csv");
      TaggingSheet.sample(model, devF, 30, seed).write(sheet);
      fillAsListener(sheet);
      TagReport tags = TaggingSheet.read(sheet);

      LearningCurve curve = LearningCurves.builder(trainer).fractions(0.1, 0.25, 0.5, 1.0)
          .repeats(2).seed(seed).build().run(trainF, devF);
      BiasVariance diagnosis =
          BiasVarianceDiagnoser.withDefaults().diagnose(HUMAN_LEVEL_ERROR, curve);
      log.println("diagnosis: " + diagnosis.diagnosis());

      List<Path> charts = new ArrayList<>();
      charts.add(write(Charts.learningCurve(curve), outDir.resolve("learning-curve.png")));
      charts.add(write(Charts.confusionMatrix(
          ((dev.ciclo.api.analysis.ClassificationEvaluation) analysis.overall()).confusion()),
          outDir.resolve("confusion-matrix.png")));
      charts.add(write(Charts.reliability(calibration), outDir.resolve("reliability.png")));
      charts.add(write(Charts.sliceErrors(analysis.slices(), analysis.overall().error(), 20),
          outDir.resolve("slice-errors.png")));
      Path report = outDir.resolve("report.html");
      String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>FSDD error"
          + " analysis</title></head><body>\n<h2>FSDD error analysis</h2>\n"
          + Reports.html(analysis.overall()) + Reports.html(calibration) + Reports.html(analysis)
          + Reports.html(discovered, analysis.overall().error()) + Reports.html(tags)
          + Reports.html(curve) + Reports.html(diagnosis) + "</body></html>\n";
      Files.writeString(report, html, StandardCharsets.UTF_8);
      log.println("wrote " + report + " and " + charts.size() + " charts");
      return new Result(analysis, discovered, tags, curve, diagnosis, calibration, noisy, report,
          charts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + outDir, e);
    }
  }

  private static int index(Example<?, ?> e) {
    return Integer.parseInt(e.metadata().get("index"));
  }

  private static Path write(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
    Reports.writePng(chart, file);
    return file;
  }

  /**
   * Stands in for the person who listens to each sampled error and tags it: a clip with street
   * noise gets "car noise"; a clean one gets "clean but misheard". (A real listener also finds
   * "mumbled" or "label wrong"; this stand-in only uses what the data knows.)
   *
   * @param sheet a sheet written by {@link TaggingSheet#write}
   * @throws IOException if the file cannot be read or written
   */
  public static void fillAsListener(Path sheet) throws IOException {
    List<String> lines = Files.readAllLines(sheet, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>(lines.subList(0, 2));
    for (String line : lines.subList(2, lines.size())) {
      // known_tags is the second-to-last field and tags the last (empty) one
      String known = line.substring(0, line.length() - 1);
      boolean car = known.endsWith(NOISE_TAG);
      out.add(line + (car ? "car noise" : "clean but misheard"));
    }
    Files.write(sheet, out, StandardCharsets.UTF_8);
  }
}
