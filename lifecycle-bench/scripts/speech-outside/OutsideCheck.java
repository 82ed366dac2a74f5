import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.speech.SpeechRecipe;
import dev.ciclo.speech.SpeechRequests;
import dev.ciclo.speech.VoiceActivity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An outside check of the shipped speech recipe on speakers and noises that are not in
 * ../shared/data (made by make-material.sh). Not a test: a measurement, printed as tables.
 *
 * <pre>
 * java -cp lifecycle-cli/target/ciclo.jar OutsideCheck.java train DATA_DIR OUT_DIR
 * java -cp lifecycle-cli/target/ciclo.jar OutsideCheck.java voices DATA_DIR OUT_DIR
 * java -cp lifecycle-cli/target/ciclo.jar OutsideCheck.java nospeech DATA_DIR OUT_DIR
 * </pre>
 * OUT_DIR holds the material (native/, digits8k/, effects, noise/) and the workspace (ws/).
 */
public class OutsideCheck {
  static final String MODEL = "digits";
  static final long SEED = 42;

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path data = Path.of(args[1]);
    Path out = Path.of(args[2]);
    SpeechRecipe recipe = SpeechRecipe.builder().progress(SpeechRecipe.Progress.EPOCH_LINES)
        .build();
    if (mode.equals("train")) {
      train(recipe, data, out);
      return;
    }
    Predictor<AudioClip, String> p = recipe.onAudio(load(recipe, out));
    switch (mode) {
      case "voices" -> voices(p, data, out);
      case "nospeech" -> noSpeech(p, data, out);
      case "real" -> real(p, data);
      default -> throw new IllegalArgumentException("mode must be train, voices, nospeech or "
          + "real but was " + mode);
    }
  }

  /** Trains the shipped recipe on all five shared speakers, as a user would, and registers it. */
  static void train(SpeechRecipe recipe, Path data, Path out) {
    Dataset<AudioClip, String> clean = SpeechRecipe.readFsdd(data.resolve("fsdd/recordings"));
    NoiseBank bank = SpeechRecipe.trainingNoise(data.resolve("noise"));
    Instant start = Instant.now();
    Model<FeatureVector, String> model = recipe.train(clean, bank, SEED);
    Duration took = Duration.between(start, Instant.now());
    System.out.println("trained on " + clean.size() + " clips in " + took + ": " + model);
    Workspace ws = Workspace.open(out.resolve("ws"));
    FileModelRegistry registry = FileModelRegistry.builder(ws).loader(recipe.loader()).build();
    RunRecord run = new RunRecord("outside-check-train", recipe.trainer().name(),
        recipe.trainer().parameters(), SEED, Map.of("train", clean.fingerprint()), List.of(),
        Map.of(), Map.of(), start, took, RunOutcome.COMPLETED, List.of(recipe.describe()));
    RunStore.in(ws).save(run);
    ModelVersion v = registry.register(MODEL, model, run);
    registry.setAlias(MODEL, "champion", v.version(), "outside check");
    System.out.println("registered " + MODEL + " version " + v.version() + " in " + ws);
  }

  static Predictor<FeatureVector, String> load(SpeechRecipe recipe, Path out) {
    Workspace ws = Workspace.open(out.resolve("ws"));
    FileModelRegistry registry = FileModelRegistry.builder(ws).loader(recipe.loader()).build();
    ModelVersion v = registry.aliased(MODEL, "champion").orElseThrow();
    return registry.load(v, FeatureVector.class, String.class);
  }

  /** Digit accuracy and the "no speech" share per synthetic voice, clean, through effects and
   * other formats, and with noises at 10 and 5 dB. */
  static void voices(Predictor<AudioClip, String> p, Path data, Path out) throws IOException {
    SpeechRequests req = SpeechRequests.defaults();
    Map<String, List<Path>> byVoice = new TreeMap<>();
    for (Path f : list(out.resolve("digits8k"))) {
      byVoice.computeIfAbsent(voice(f), k -> new ArrayList<>()).add(f);
    }
    Map<String, NoiseBank> noises = new LinkedHashMap<>();
    noises.put("street-cars", NoiseBank.load(List.of(data.resolve("noise/street-cars.wav")),
        SpeechRecipe.SAMPLE_RATE));
    for (String n : List.of("white", "pink", "babble6", "hum-50hz")) {
      noises.put(n, NoiseBank.load(List.of(out.resolve("noise/" + n + ".wav")),
          SpeechRecipe.SAMPLE_RATE));
    }
    List<String> conds = new ArrayList<>(List.of("clean", "native", "r16k", "r44k-stereo",
        "phone", "clipped", "reverb", "quiet"));
    for (String n : noises.keySet()) {
      conds.add(n + "@10");
      conds.add(n + "@5");
    }
    Map<String, Map<String, int[]>> table = new LinkedHashMap<>(); // voice -> cond -> n, ok, none
    for (var e : byVoice.entrySet()) {
      Map<String, int[]> row = new LinkedHashMap<>();
      List<Example<AudioClip, String>> ex = new ArrayList<>();
      for (Path f : e.getValue()) {
        ex.add(Example.of(f.getFileName().toString(), Wav.read(f), label(f)));
      }
      Dataset<AudioClip, String> clean = Dataset.of(e.getKey(), ex);
      for (String c : conds) {
        int[] cell = new int[4];
        if (c.contains("@")) {
          String[] nc = c.split("@");
          for (Example<AudioClip, String> x : SpeechRecipe.mixedAt(clean, noises.get(nc[0]),
              Double.parseDouble(nc[1]), SEED)) {
            // as an app sends it: 16-bit PCM, decoded as the server does
            AudioClip c2 = req.decode(Wav.encode(x.input(),
                dev.ciclo.augment.audio.SampleFormat.PCM_16));
            count(cell, p.predict(c2), x.target(), c2);
          }
        } else {
          String dir = c.equals("clean") ? "digits8k" : c;
          for (Path f : e.getValue()) {
            AudioClip c2 = req.decode(Files.readAllBytes(out.resolve(dir)
                .resolve(f.getFileName())));
            count(cell, p.predict(c2), label(f), c2);
          }
        }
        row.put(c, cell);
      }
      table.put(e.getKey(), row);
      System.err.println("done " + e.getKey());
    }
    print("digit accuracy (correct / clips)", table, conds, 1);
    print("share answered \"no speech\"", table, conds, 2);
    print("share stopped by the voice-activity gate (the rest of \"no speech\" is the model's)",
        table, conds, 3);
  }

  static void count(int[] cell, Prediction<String> pr, String truth, AudioClip clip) {
    if (!VoiceActivity.detect(clip).hasSpeech()) {
      cell[3]++;
    }
    cell[0]++;
    if (pr.value().equals(truth)) {
      cell[1]++;
    }
    if (pr.value().equals(SpeechRecipe.NO_SPEECH)) {
      cell[2]++;
    }
  }

  static void print(String title, Map<String, Map<String, int[]>> table, List<String> conds,
      int k) {
    System.out.println("\n### " + title + "\n");
    System.out.println("| voice | " + String.join(" | ", conds) + " |");
    System.out.println("|---" + "|---".repeat(conds.size()) + "|");
    Map<String, int[]> all = new LinkedHashMap<>();
    for (var e : table.entrySet()) {
      StringBuilder sb = new StringBuilder("| " + e.getKey());
      for (String c : conds) {
        int[] cell = e.getValue().get(c);
        sb.append(String.format(Locale.ROOT, " | %.2f", cell[k] / (double) cell[0]));
        int[] a = all.computeIfAbsent(c, x -> new int[4]);
        for (int i = 0; i < 4; i++) {
          a[i] += cell[i];
        }
      }
      System.out.println(sb.append(" |"));
    }
    StringBuilder sb = new StringBuilder("| **all**");
    for (String c : conds) {
      int[] a = all.get(c);
      sb.append(String.format(Locale.ROOT, " | **%.3f**", a[k] / (double) a[0]));
    }
    System.out.println(sb.append(" |"));
    StringBuilder sb2 = new StringBuilder("| all but whisper");
    for (String c : conds) {
      int n = 0;
      int v = 0;
      for (var e : table.entrySet()) {
        if (!e.getKey().contains("whisper")) {
          n += e.getValue().get(c)[0];
          v += e.getValue().get(c)[k];
        }
      }
      sb2.append(String.format(Locale.ROOT, " | %.3f", v / (double) n));
    }
    System.out.println(sb2.append(" |"));
  }

  static String voice(Path f) {
    String n = f.getFileName().toString();
    return n.substring(2, n.lastIndexOf('_'));
  }

  static String label(Path f) {
    return f.getFileName().toString().substring(0, 1);
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.toString().endsWith(".wav")).sorted().collect(Collectors.toList());
    }
  }

  static final double[] LEVELS = {-60, -45, -30, -20, -10};
  static final double[] SECONDS = {0.2, 1, 5, 10};
  static final int PIECES = 12;

  /** The share answered "no speech" for noise alone, by level and duration, and for odd clips. */
  static void noSpeech(Predictor<AudioClip, String> p, Path data, Path out) throws IOException {
    SpeechRequests req = SpeechRequests.defaults();
    int rate = SpeechRecipe.SAMPLE_RATE;
    Map<String, AudioClip> noises = new LinkedHashMap<>();
    Map<String, Double> from = new LinkedHashMap<>();
    for (String n : List.of("street-cars", "street-buses-tram", "windy-street-distant-cars",
        "market-church-bells", "ice-rink-children")) {
      noises.put(n, Wav.read(data.resolve("noise/" + n + ".wav")));
      // the training noise's last quarter was never in training (NoSpeech.TRAIN_SHARE)
      from.put(n, n.equals("street-cars") ? 0.0 : 0.75);
    }
    for (Path f : list(out.resolve("noise"))) {
      String n = f.getFileName().toString().replace(".wav", "");
      noises.put(n, Wav.read(f));
      from.put(n, 0.0);
    }
    System.out.println("\n### noise alone: share answered \"no speech\" (" + PIECES
        + " pieces per cell; level = RMS dBFS of the piece; shared training noise from its "
        + "held-out last quarter, or the whole recording when that is shorter than the piece)\n");
    StringBuilder h = new StringBuilder("| noise | level |");
    for (double s : SECONDS) {
      h.append(" ").append(s).append(" s |");
    }
    System.out.println(h);
    System.out.println("|---|---" + "|---".repeat(SECONDS.length) + "|");
    Map<String, String> worst = new LinkedHashMap<>();
    int total = 0;
    int none = 0;
    for (var e : noises.entrySet()) {
      AudioClip noise = e.getValue();
      for (double level : LEVELS) {
        StringBuilder sb = new StringBuilder("| " + e.getKey() + " | " + (int) level + " |");
        for (double sec : SECONDS) {
          int len = (int) Math.round(sec * rate);
          int lo = (int) (noise.length() * from.get(e.getKey()));
          if (noise.length() - lo < len) {
            lo = 0;
          }
          SplittableRandom r = new SplittableRandom(
              (e.getKey() + level + "/" + sec).hashCode());
          int ok = 0;
          List<String> answers = new ArrayList<>();
          for (int k = 0; k < PIECES; k++) {
            int start = lo + (noise.length() - lo - len > 0
                ? r.nextInt(noise.length() - lo - len) : 0);
            float[] x = new float[len];
            for (int i = 0; i < len; i++) {
              x[i] = noise.sample((start + i) % noise.length());
            }
            String a = answer(p, req, scaleTo(x, level));
            if (a.equals(SpeechRecipe.NO_SPEECH)) {
              ok++;
            } else {
              answers.add(a);
            }
          }
          total += PIECES;
          none += ok;
          sb.append(String.format(Locale.ROOT, " %.2f |", ok / (double) PIECES));
          if (!answers.isEmpty()) {
            worst.merge(e.getKey(), (int) level + " dB " + sec + " s: " + answers, (a, b) -> a
                + "; " + b);
          }
        }
        System.out.println(sb);
      }
    }
    System.out.printf(Locale.ROOT, "%nnoise alone overall: %d of %d (%.4f) answered no speech%n",
        none, total, none / (double) total);
    worst.forEach((k, v) -> System.out.println("  answered a digit: " + k + " -> " + v));

    System.out.println("\n### odd clips\n");
    System.out.println("| clip | answer | gate passes | voicing |");
    System.out.println("|---|---|---|---|");
    Map<String, float[]> odd = new LinkedHashMap<>();
    odd.put("empty", new float[0]);
    odd.put("400 zero samples", new float[400]);
    for (double s : SECONDS) {
      odd.put("silence " + s + " s", new float[(int) (s * rate)]);
    }
    odd.put("16-bit dither 1 s", scaleTo(white(rate, 1), -96));
    for (double dc : new double[] {0.01, 0.1, 0.5, -0.9}) {
      odd.put("DC " + dc + " 1 s", constant(rate, (float) dc));
      float[] x = white(rate, 2);
      x = scaleTo(x, -70);
      for (int i = 0; i < x.length; i++) {
        x[i] += (float) dc;
      }
      odd.put("DC " + dc + " + noise -70 dBFS 1 s", x);
    }
    float[] step = new float[rate];
    for (int i = rate / 2; i < rate; i++) {
      step[i] = 0.5f;
    }
    odd.put("DC step 0 -> 0.5", step);
    float[] click = new float[rate];
    click[rate / 2] = 0.9f;
    odd.put("single click in silence", click);
    float[] clickNoise = scaleTo(white(rate, 3), -60);
    clickNoise[rate / 2] = 0.9f;
    odd.put("single click in -60 dBFS noise", clickNoise);
    for (int hz : new int[] {100, 200, 440, 1000, 3000}) {
      for (double level : new double[] {-40, -20, -6}) {
        odd.put("sine " + hz + " Hz " + (int) level + " dBFS 1 s", scaleTo(sine(rate, hz, rate),
            level));
      }
      float[] beep = new float[rate];
      float[] b = scaleTo(sine(rate, hz, rate / 5), -20);
      System.arraycopy(b, 0, beep, 2 * rate / 5, b.length);
      odd.put("beep " + hz + " Hz 0.2 s in 1 s silence", beep);
    }
    float[] dtmf = new float[rate];
    float[] t1 = sine(rate, 697, rate / 5);
    float[] t2 = sine(rate, 1209, rate / 5);
    for (int i = 0; i < t1.length; i++) {
      dtmf[2 * rate / 5 + i] = 0.2f * (t1[i] + t2[i]);
    }
    odd.put("DTMF '1' 0.2 s in 1 s silence", dtmf);
    float[] clipped = white(rate, 4);
    clipped = scaleTo(clipped, 6);
    for (int i = 0; i < clipped.length; i++) {
      clipped[i] = Math.max(-1f, Math.min(1f, clipped[i]));
    }
    odd.put("white noise +6 dB clipped to full scale 1 s", clipped);
    float[] sq = scaleTo(square(rate, 120, rate / 3), -20);
    float[] buzz = new float[rate];
    System.arraycopy(sq, 0, buzz, rate / 3, sq.length);
    odd.put("buzz 120 Hz square 0.33 s in 1 s silence", buzz);
    for (var e : odd.entrySet()) {
      AudioClip c = req.decode(Wav.encode(AudioClip.of(e.getValue(), rate),
          dev.ciclo.augment.audio.SampleFormat.PCM_16));
      VoiceActivity.Segment seg = VoiceActivity.detect(c);
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f |%n", e.getKey(),
          p.predict(c).value(), seg.hasSpeech(), seg.voicing());
    }
  }

  static String answer(Predictor<AudioClip, String> p, SpeechRequests req, float[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(-1f, Math.min(1f, x[i]));
    }
    return p.predict(req.decode(Wav.encode(AudioClip.of(x, SpeechRecipe.SAMPLE_RATE),
        dev.ciclo.augment.audio.SampleFormat.PCM_16))).value();
  }

  static float[] scaleTo(float[] x, double dbfs) {
    double sum = 0;
    for (float v : x) {
      sum += v * (double) v;
    }
    double rms = Math.sqrt(sum / Math.max(1, x.length));
    double g = rms == 0 ? 0 : Math.pow(10, dbfs / 20) / rms;
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (x[i] * g);
    }
    return y;
  }

  static float[] white(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return x;
  }

  static float[] constant(int n, float v) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, v);
    return x;
  }

  static float[] sine(int rate, double hz, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.sin(2 * Math.PI * hz * i / rate);
    }
    return x;
  }

  static float[] square(int rate, double hz, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(2 * Math.PI * hz * i / rate) >= 0 ? 1f : -1f;
    }
    return x;
  }

  /** The real digit clips: the gate alone, and the model (trained on them, so optimistic). */
  static void real(Predictor<AudioClip, String> p, Path data) throws IOException {
    Map<String, int[]> by = new TreeMap<>(); // speaker -> n, gate passes, model not "no speech"
    for (Path f : list(data.resolve("fsdd/recordings"))) {
      String n = f.getFileName().toString();
      String speaker = n.substring(2, n.lastIndexOf('_'));
      AudioClip c = Wav.read(f);
      int[] cell = by.computeIfAbsent(speaker, k -> new int[3]);
      cell[0]++;
      if (VoiceActivity.detect(c).hasSpeech()) {
        cell[1]++;
      }
      if (!p.predict(c).value().equals(SpeechRecipe.NO_SPEECH)) {
        cell[2]++;
      }
    }
    System.out.println("\n### real FSDD clips that pass\n");
    System.out.println("| speaker | clips | gate passes | model answers a digit (trained on them) |");
    System.out.println("|---|---|---|---|");
    by.forEach((k, c) -> System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f |%n", k, c[0],
        c[1] / (double) c[0], c[2] / (double) c[0]));
  }
}
