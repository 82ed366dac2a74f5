import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.augment.features.SpeechFeatures;
import dev.ciclo.augment.features.Spectrogram;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.speech.SpeechRecipe;
import dev.ciclo.speech.VoiceActivity;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.stream.IntStream;

/**
 * Exports VAD-trimmed log-mel (40 bands) interpolated to 32 frames, for the
 * speech screening scripts: the clean FSDD clips, the recipe's augmented clips (seed 42), and the
 * clips with street-cars.wav at 5, 0 and 10 dB. Run with the source launcher: {@code java -cp
 * lifecycle-speech/target/classes:$(cat /tmp/speech-cp.txt) LogMelExport.java <data dir> <out>}.
 */
public class LogMelExport {
  static final int F = 32;
  static SpeechFeatures sf = SpeechFeatures.defaults();
  static float[] feat(AudioClip clip) {
    VoiceActivity.Segment seg = VoiceActivity.detect(clip);
    AudioClip part = clip;
    if (seg.end() - seg.start() < clip.length() && seg.speechMs() >= VoiceActivity.MIN_SPEECH_MS) {
      part = AudioClip.of(Arrays.copyOfRange(clip.samples(), seg.start(), seg.end()), 8000);
    }
    if (part.length() < 200) part = AudioClip.of(Arrays.copyOf(part.samples(), 200), 8000);
    Spectrogram lm = sf.logMel(part);
    int t = lm.frames(), b = lm.bins();
    float[] out = new float[F * b + 2];
    for (int j = 0; j < F; j++) {
      double pos = (double) j * (t - 1) / (F - 1);
      int lo = (int) Math.floor(pos), hi = Math.min(t - 1, lo + 1); double fr = pos - lo;
      for (int k = 0; k < b; k++) out[j * b + k] = (float) (lm.get(lo, k) * (1 - fr) + lm.get(hi, k) * fr);
    }
    out[F * b] = t; out[F * b + 1] = seg.hasSpeech() ? 1 : 0;
    return out;
  }
  static void write(DataOutputStream o, Dataset<AudioClip, String> d) throws IOException {
    float[][] x = new float[d.size()][];
    IntStream.range(0, d.size()).parallel().forEach(i -> x[i] = feat(d.get(i).input()));
    o.writeInt(d.size()); o.writeInt(x[0].length);
    for (int i = 0; i < d.size(); i++) {
      Example<AudioClip, String> e = d.get(i);
      o.writeUTF(e.id()); o.writeUTF(e.target()); o.writeUTF(e.group());
      o.writeUTF(e.tags().isEmpty() ? "" : e.tags().iterator().next());
      for (float v : x[i]) o.writeFloat(v);
    }
  }
  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a[0]); long seed = 42;
    SpeechRecipe recipe = SpeechRecipe.builder().progress(SpeechRecipe.Progress.OFF).build();
    Dataset<AudioClip, String> audio = SpeechRecipe.readFsdd(dir.resolve("fsdd").resolve("recordings"));
    Path noise = dir.resolve("noise");
    Dataset<AudioClip, String> aug = recipe.augment(audio, SpeechRecipe.trainingNoise(noise), seed)
        .filter("aug", e -> !e.tags().isEmpty());
    NoiseBank cars = NoiseBank.load(List.of(noise.resolve("street-cars.wav")), 8000);
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[1])))) {
      write(o, audio); write(o, aug); write(o, SpeechRecipe.mixedAt(audio, cars, 5, seed + 1));
      for (double snr : new double[] {0, 10}) write(o, SpeechRecipe.mixedAt(audio, cars, snr, seed + 1));
    }
  }
}
