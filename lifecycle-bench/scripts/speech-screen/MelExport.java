import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
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
 * Exports the whole clip's log-mel frames (40 bands, the recipe's spectral configuration, NOT
 * trimmed), the frame range the recipe's VAD trimming keeps, and the recipe's four VAD fields,
 * for front-end screens (noise-floor removal, PCEN) in screen_front.py: the clean FSDD clips, the
 * recipe's augmented clips (seed 42) and the clips with street-cars.wav at 5 dB (seed 43). Per
 * clip: id, label, speaker, tag, frames T, first trimmed frame, trimmed frame count, 4 VAD
 * fields, then T x 40 floats. Run with the source launcher: {@code java -cp
 * lifecycle-speech/target/classes:$(cat /tmp/speech-cp.txt) MelExport.java <data dir> <out>}.
 */
public class MelExport {
  static SpeechFeatures sf = SpeechFeatures.defaults();
  static final int HOP = 80;

  static float[] feat(AudioClip clip) {
    VoiceActivity.Segment seg = VoiceActivity.detect(clip);
    int first = 0;
    int len = clip.length();
    if (seg.end() - seg.start() < clip.length() && seg.speechMs() >= VoiceActivity.MIN_SPEECH_MS) {
      first = seg.start();
      len = seg.end() - seg.start();
    }
    if (first % HOP != 0) throw new IllegalStateException("segment start " + first);
    int trimFrames = len <= 200 ? 1 : 1 + (len - 200 + HOP - 1) / HOP;
    AudioClip whole = clip.length() < 200 ? AudioClip.of(Arrays.copyOf(clip.samples(), 200), 8000)
        : clip;
    Spectrogram lm = sf.logMel(whole);
    int t = lm.frames(), b = lm.bins();
    float[] out = new float[7 + t * b];
    out[0] = t;
    out[1] = first / HOP;
    out[2] = Math.min(trimFrames, t - first / HOP);
    out[3] = (float) Math.log1p(seg.speechMs() / 100.0);
    out[4] = (float) seg.speechRatio();
    out[5] = (float) ((seg.peakDb() - seg.floorDb()) / 10.0);
    out[6] = seg.hasSpeech() ? 1 : 0;
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < b; k++) {
        out[7 + i * b + k] = (float) lm.get(i, k);
      }
    }
    return out;
  }

  static void write(DataOutputStream o, Dataset<AudioClip, String> d) throws IOException {
    float[][] x = new float[d.size()][];
    IntStream.range(0, d.size()).parallel().forEach(i -> x[i] = feat(d.get(i).input()));
    o.writeInt(d.size());
    for (int i = 0; i < d.size(); i++) {
      Example<AudioClip, String> e = d.get(i);
      o.writeUTF(e.id()); o.writeUTF(e.target()); o.writeUTF(e.group());
      o.writeUTF(e.tags().isEmpty() ? "" : e.tags().iterator().next());
      o.writeInt(x[i].length);
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
    }
  }
}
