package dev.ciclo.speech;

import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import dev.ciclo.augment.features.MfccSummary;
import dev.ciclo.augment.features.SpectralConfig;
import dev.ciclo.augment.features.Spectrogram;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.augment.signal.SpeedPerturbation;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Screen (not the recipe): test-time augmentation / VTLN over speed- and mel-filterbank-warped
 * versions of each test clip, and VTLP (filterbank warp) copies in training. Compiled into the
 * package dev.ciclo.speech (for FeatureCache, SpeechModel.members, describeData), on its own
 * class folder. Usage: TtaScreen <dataDir> <cacheDir> <outFile> <mode> [speakers]; mode base |
 * vtlp-add | vtlp-add4 | vtlp-replace | speed-add | speed-add4 | padNNN (the VAD segment padded
 * by NNN ms on each side); -DtrainSeed=N trains with another seed (default 42). Writes, per fold, type (speed, fwarp), warp, condition
 * (clean, street-cars 5 dB), clip: target index, gate flag and the members' averaged
 * probabilities (float32, big-endian) to outFile; analyse with tta_analyse.py.
 */
public final class TtaScreen {
  static final double[] WARPS = {0.88, 0.91, 0.94, 0.97, 1.0, 1.03, 1.06, 1.09, 1.12};
  static final SpectralConfig CFG = SpectralConfig.defaults();
  static final MfccSummary AL = MfccSummary.builder().config(CFG)
      .layout(MfccSummary.Layout.TIME_ALIGNED).alignedFrames(16).build();
  static final MfccSummary MS = MfccSummary.builder().config(CFG)
      .layout(MfccSummary.Layout.MEAN_STD_DELTAS).build();
  static final int SR = 8000;
  static final int NFFT = 256;
  static final int LEN = 200;
  static final int HOP = 80;
  static final int M = 40;
  static final int C = 13;
  static final double[] HANN = new double[LEN];
  /** Samples kept on each side of the VAD segment when trimming (mode padNNN, in ms). */
  static int pad = 0;
  static final double[] DCT = new double[C * M];

  static {
    for (int i = 0; i < LEN; i++) {
      HANN[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / LEN);
    }
    for (int k = 0; k < C; k++) {
      double s = k == 0 ? Math.sqrt(1.0 / M) : Math.sqrt(2.0 / M);
      for (int n = 0; n < M; n++) {
        DCT[k * M + n] = s * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * M));
      }
    }
  }

  /** VTLP (Jaitly and Hinton 2013) piecewise-linear warp, boundary at 3200 Hz of 4000. */
  static double warp(double f, double a) {
    double nyq = SR / 2.0;
    double fhi = 3200;
    double b = fhi * Math.min(a, 1) / a;
    if (f <= b) {
      return f * a;
    }
    return nyq - (nyq - fhi * Math.min(a, 1)) / (nyq - b) * (nyq - f);
  }

  /** The mel filterbank with each FFT bin's frequency warped by alpha: [band][bin]. */
  static double[][] bank(double alpha) {
    double lo = 2595 * Math.log10(1 + CFG.fmin() / 700);
    double hi = 2595 * Math.log10(1 + CFG.fmax() / 700);
    double[] hz = new double[M + 2];
    for (int i = 0; i < M + 2; i++) {
      hz[i] = 700 * (Math.pow(10, (lo + (hi - lo) * i / (M + 1)) / 2595) - 1);
    }
    double[][] w = new double[M][NFFT / 2 + 1];
    for (int b = 0; b < M; b++) {
      for (int k = 0; k <= NFFT / 2; k++) {
        double f = warp((double) k * SR / NFFT, alpha);
        w[b][k] = Math.max(0, Math.min((f - hz[b]) / (hz[b + 1] - hz[b]),
            (hz[b + 2] - f) / (hz[b + 2] - hz[b + 1])));
      }
    }
    return w;
  }

  static double[][] mfcc(float[] x, double[][] bank) {
    int n = x.length;
    int frames = n <= LEN ? 1 : 1 + (n - LEN + HOP - 1) / HOP;
    DoubleFFT_1D fft = new DoubleFFT_1D(NFFT);
    double[] buf = new double[NFFT];
    double[] power = new double[NFFT / 2 + 1];
    double[] lm = new double[M];
    double[][] out = new double[frames][C];
    for (int t = 0; t < frames; t++) {
      int start = t * HOP;
      Arrays.fill(buf, 0);
      for (int i = 0; i < LEN; i++) {
        int j = start + i;
        if (j >= n) {
          break;
        }
        double y = j == 0 ? x[0] : x[j] - CFG.preEmphasis() * x[j - 1];
        buf[i] = y * HANN[i];
      }
      fft.realForward(buf);
      power[0] = buf[0] * buf[0];
      power[NFFT / 2] = buf[1] * buf[1];
      for (int k = 1; k < NFFT / 2; k++) {
        power[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
      }
      for (int b = 0; b < M; b++) {
        double e = 0;
        double[] w = bank[b];
        for (int k = 0; k < w.length; k++) {
          e += w[k] * power[k];
        }
        lm[b] = Math.log(Math.max(e, 1e-10));
      }
      for (int k = 0; k < C; k++) {
        double acc = 0;
        for (int m = 0; m < M; m++) {
          acc += DCT[k * M + m] * lm[m];
        }
        out[t][k] = acc;
      }
    }
    return out;
  }

  /** RecipeFeatures.extract with a warped filterbank (the VAD on the unwarped clip). */
  static FeatureVector extract(AudioClip clip, double[][] bank, List<String> names) {
    VoiceActivity.Segment seg = VoiceActivity.detect(clip);
    float[] part = clip.samples();
    if (seg.end() - seg.start() < clip.length() && seg.speechMs() >= VoiceActivity.MIN_SPEECH_MS) {
      part = Arrays.copyOfRange(clip.samples(), Math.max(0, seg.start() - pad),
          Math.min(clip.length(), seg.end() + pad));
    }
    if (part.length < LEN) {
      part = Arrays.copyOf(part, LEN);
    }
    Spectrogram s = Spectrogram.of(mfcc(part, bank));
    double[] a = AL.summarise(s);
    double[] b = MS.summarise(s);
    double[] v = new double[names.size()];
    System.arraycopy(a, 0, v, 0, a.length);
    System.arraycopy(b, 0, v, a.length, b.length);
    int i = a.length + b.length;
    v[i++] = Math.log1p(seg.speechMs() / 100.0);
    v[i++] = seg.speechRatio();
    v[i++] = (seg.peakDb() - seg.floorDb()) / 10.0;
    v[i] = seg.hasSpeech() ? 1 : 0;
    return FeatureVector.of(names, v);
  }

  static Dataset<FeatureVector, String> features(Dataset<AudioClip, String> d,
      java.util.function.Function<AudioClip, FeatureVector> f) {
    FeatureVector[] out = new FeatureVector[d.size()];
    IntStream.range(0, d.size()).parallel().forEach(i -> out[i] = f.apply(d.get(i).input()));
    List<Example<FeatureVector, String>> ex = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      ex.add(d.get(i).withInput(out[i]));
    }
    return Dataset.of(d.name(), ex);
  }

  static String w(double a) {
    return String.format(Locale.ROOT, "%.2f", a);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path cache = Path.of(args[1]);
    Path outFile = Path.of(args[2]);
    String mode = args[3];
    long seed = 42;
    SpeechRecipe recipe = SpeechRecipe.builder().progress(SpeechRecipe.Progress.OFF).build();
    List<String> names = recipe.featureNames();
    long t0 = System.nanoTime();
    new LeaveOneSpeakerOut(recipe, dir, seed, cache); // makes the cache when missing
    Path file = cache.resolve("loso-" + Integer.toHexString(
        (recipe.describeData() + "|" + seed + "|" + dir.toAbsolutePath()).hashCode()) + ".bin");
    List<Dataset<FeatureVector, String>> base = FeatureCache.read(file);
    Dataset<FeatureVector, String> clean = base.get(0);
    Dataset<FeatureVector, String> augmented = base.get(1);
    Dataset<FeatureVector, String> testNoisy = base.get(2);
    Dataset<AudioClip, String> audio =
        SpeechRecipe.readFsdd(dir.resolve("fsdd").resolve("recordings"));
    Path noiseDir = dir.resolve("noise");
    NoiseBank cars = NoiseBank.load(List.of(noiseDir.resolve("street-cars.wav")), SR);
    Dataset<AudioClip, String> noisyAudio =
        SpeechRecipe.mixedAt(audio, cars, LeaveOneSpeakerOut.TEST_SNR_DB, seed + 1);

    // check: the warped extractor at alpha 1 equals the recipe's features
    double[][] b1 = bank(1.0);
    double maxDiff = 0;
    for (int i = 0; i < 2500; i += 97) {
      double[] r = clean.get(i).input().toArray();
      double[] m = extract(audio.get(i).input(), b1, names).toArray();
      for (int k = 0; k < r.length; k++) {
        maxDiff = Math.max(maxDiff, Math.abs(r[k] - m[k]));
      }
    }
    System.out.println("max |recipe - warped(1.0)| = " + maxDiff);

    if (mode.startsWith("pad")) {
      pad = Integer.parseInt(mode.substring(3)) * SR / 1000;
      Path f = cache.resolve("pad-" + mode + ".bin");
      if (!Files.exists(f)) {
        Dataset<AudioClip, String> aug = recipe.augment(audio, SpeechRecipe.trainingNoise(noiseDir),
            seed).filter("augmented only", e -> !e.tags().isEmpty());
        java.util.function.Function<AudioClip, FeatureVector> fx = c -> extract(c, b1, names);
        FeatureCache.write(f, List.of(features(audio, fx), features(aug, fx),
            features(noisyAudio, fx)));
        System.out.printf(Locale.ROOT, "pad features: %.0f s%n", (System.nanoTime() - t0) / 1e9);
      }
      List<Dataset<FeatureVector, String>> pd = FeatureCache.read(f);
      clean = pd.get(0);
      augmented = pd.get(1);
      testNoisy = pd.get(2);
    }
    // test features per (type, warp, condition), cached
    String[] types = {"speed", "fwarp"};
    List<List<Dataset<FeatureVector, String>>> test = new ArrayList<>(); // [type*W + w] -> [clean, noisy]
    for (String type : types) {
      for (double a : WARPS) {
        if (a == 1.0 || mode.startsWith("pad")) {
          test.add(List.of(clean, testNoisy));
          continue;
        }
        Path f = cache.resolve("tta-" + type + "-" + w(a) + ".bin");
        if (!Files.exists(f)) {
          java.util.function.Function<AudioClip, FeatureVector> fx;
          if (type.equals("speed")) {
            SpeedPerturbation sp = SpeedPerturbation.of(a, a);
            fx = c -> recipe.features().extract(sp.apply(c, new RandomKey(0, "x", 0).generator())
                .output());
          } else {
            double[][] bk = bank(a);
            fx = c -> extract(c, bk, names);
          }
          FeatureCache.write(f, List.of(features(audio, fx), features(noisyAudio, fx)));
          System.out.printf(Locale.ROOT, "features %s %s: %.0f s%n", type, w(a),
              (System.nanoTime() - t0) / 1e9);
        }
        test.add(FeatureCache.read(f));
      }
    }

    // VTLP training copies: filterbank warp in [0.88, 1.12], half also with training noise
    Dataset<FeatureVector, String> vtlp = null;
    if (mode.startsWith("vtlp") || mode.startsWith("speed-add")) {
      int copies = mode.endsWith("4") ? 4 : 2;
      boolean speedCopies = mode.startsWith("speed-add");
      Path f = cache.resolve((speedCopies ? "speedadd" : "vtlp") + "-train-" + copies + ".bin");
      if (!Files.exists(f)) {
        NoiseBank bank = SpeechRecipe.trainingNoise(noiseDir);
        Augmenter<AudioClip> noise = BackgroundNoise.builder(bank)
            .snrDb(SpeechRecipe.MIN_SNR_DB, SpeechRecipe.MAX_SNR_DB).build();
        List<Example<FeatureVector, String>> ex = new ArrayList<>();
        List<Example<AudioClip, String>> src = new ArrayList<>();
        List<double[]> alphas = new ArrayList<>();
        for (Example<AudioClip, String> e : audio) {
          for (int c = 1; c <= copies; c++) {
            RandomGenerator r = new RandomKey(seed, e.id(), 300 + c).generator();
            double a = 0.88 + 0.24 * r.nextDouble();
            AudioClip s = e.input();
            if (speedCopies) {
              s = SpeedPerturbation.of(a, a).apply(s, r).output();
              a = 1.0;
            }
            if (r.nextBoolean()) {
              s = noise.apply(s, r).output();
            }
            src.add(e.withInput(s).withTags("vtlp"));
            alphas.add(new double[] {a});
          }
        }
        FeatureVector[] fv = new FeatureVector[src.size()];
        IntStream.range(0, src.size()).parallel().forEach(i -> fv[i] =
            extract(src.get(i).input(), bank(alphas.get(i)[0]), names));
        for (int i = 0; i < fv.length; i++) {
          ex.add(src.get(i).withInput(fv[i]));
        }
        FeatureCache.write(f, List.of(Dataset.of("vtlp", ex)));
        System.out.printf(Locale.ROOT, "vtlp features: %.0f s%n", (System.nanoTime() - t0) / 1e9);
      }
      vtlp = FeatureCache.read(f).get(0);
    }

    List<String> speakers = args.length > 4 ? List.of(args[4].split(","))
        : List.of("george", "jackson", "nicolas", "theo", "yweweler");
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(
        new FileOutputStream(outFile.toFile())))) {
      for (String s : speakers) {
        Dataset<FeatureVector, String> aug = augmented.filter("not " + s,
            e -> !e.group().equals(s)
                && !(mode.equals("vtlp-replace") && e.tags().contains("speed")));
        Dataset<FeatureVector, String> train =
            clean.filter("not " + s, e -> !e.group().equals(s)).concat(aug);
        if (vtlp != null) {
          train = train.concat(vtlp.filter("not " + s, e -> !e.group().equals(s)));
        }
        Model<FeatureVector, String> model =
            recipe.trainer().train(train, Long.getLong("trainSeed", seed));
        SpeechModel sm = (SpeechModel) model;
        // the official numbers for the unwarped test (as LeaveOneSpeakerOut.holdOut)
        Dataset<FeatureVector, String> c = clean.filter(s, e -> e.group().equals(s));
        Dataset<FeatureVector, String> n = testNoisy.filter(s, e -> e.group().equals(s));
        List<Prediction<String>> pc = sm.predictBatch(inputs(c));
        List<Prediction<String>> pn = sm.predictBatch(inputs(n));
        System.out.printf(Locale.ROOT, "%-10s clean %.3f  street-cars 5 dB %.3f  ECE %.3f  (%.0f s, train %d)%n",
            s, LeaveOneSpeakerOut.accuracy(c, pc), LeaveOneSpeakerOut.accuracy(n, pn),
            LeaveOneSpeakerOut.ece(c, pc, 15), (System.nanoTime() - t0) / 1e9, train.size());
        var labels = sm.members().get(0).predict(c.get(0).input()).scores().labels();
        if (s.equals(speakers.get(0))) {
          StringBuilder sb = new StringBuilder("labels:");
          for (int i = 0; i < 11; i++) {
            sb.append(' ').append(labels.get(i));
          }
          System.out.println(sb);
        }
        for (List<Dataset<FeatureVector, String>> pair : test) {
          for (Dataset<FeatureVector, String> d : pair) {
            Dataset<FeatureVector, String> t = d.filter(s, e -> e.group().equals(s));
            List<FeatureVector> in = inputs(t);
            double[][] p = new double[in.size()][11];
            for (Model<FeatureVector, String> m : sm.members()) {
              List<Prediction<String>> ps = m.predictBatch(in);
              for (int i = 0; i < in.size(); i++) {
                double[] v = ps.get(i).scores().toArray();
                for (int k = 0; k < 11; k++) {
                  p[i][k] += v[k] / sm.members().size();
                }
              }
            }
            for (int i = 0; i < in.size(); i++) {
              o.writeFloat(labels.indexOf(t.get(i).target()));
              o.writeFloat(in.get(i).get(SpeechRecipe.HAS_SPEECH) < 0.5 ? 1 : 0);
              for (int k = 0; k < 11; k++) {
                o.writeFloat((float) p[i][k]);
              }
            }
          }
        }
        o.flush();
      }
    }
    System.out.printf(Locale.ROOT, "done %.0f s%n", (System.nanoTime() - t0) / 1e9);
  }

  static List<FeatureVector> inputs(Dataset<FeatureVector, String> d) {
    List<FeatureVector> out = new ArrayList<>(d.size());
    d.forEach(e -> out.add(e.input()));
    return out;
  }
}
