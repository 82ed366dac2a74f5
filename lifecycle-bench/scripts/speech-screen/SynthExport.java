import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.augment.noise.BackgroundNoise;
import dev.ciclo.augment.noise.NoiseBank;
import dev.ciclo.speech.SpeechRecipe;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;

/**
 * Writes, in MelExport's format, one set: each clean FSDD clip mixed (BackgroundNoise, 0 to 20
 * dB) with synthetic coloured noise, COPIES copies keyed by (seed, id, 200 + copy): 60 s of 2 s
 * stationary segments, each white noise through a random one-pole tilt (pole -0.6 to 0.95) plus,
 * half the time, a random resonance (300 to 3000 Hz). Compile with MelExport ({@code javac -cp ... -d
 * <dir> MelExport.java SynthExport.java}), run {@code java -cp <dir>:... SynthExport <data dir>
 * <out> <copies>}.
 */
public class SynthExport {
  static AudioClip synthetic(long seed, int rate) {
    SplittableRandom r = new SplittableRandom(seed);
    int seg = 2 * rate;
    float[] x = new float[30 * seg];
    for (int s = 0; s < 30; s++) {
      double pole = -0.6 + 1.55 * r.nextDouble();
      boolean res = r.nextBoolean();
      double f0 = 300 + 2700 * r.nextDouble();
      double q = 0.7 + 3 * r.nextDouble();
      double w = res ? 0.5 + 2 * r.nextDouble() : 0;
      // RBJ band-pass (constant 0 dB peak gain)
      double w0 = 2 * Math.PI * f0 / rate, alpha = Math.sin(w0) / (2 * q), a0 = 1 + alpha;
      double b0 = alpha / a0, b2 = -alpha / a0, a1 = -2 * Math.cos(w0) / a0, a2 = (1 - alpha) / a0;
      double y1 = 0, x1 = 0, x2 = 0, z1 = 0, z2 = 0;
      double[] y = new double[seg];
      double sum = 0;
      for (int i = 0; i < seg; i++) {
        double g = r.nextDouble() * 2 - 1 + r.nextDouble() * 2 - 1 + r.nextDouble() * 2 - 1;
        double t = g + pole * y1;
        y1 = t;
        double bp = b0 * g + b2 * x2 - a1 * z1 - a2 * z2;
        x2 = x1; x1 = g; z2 = z1; z1 = bp;
        double v = t * Math.sqrt(1 - pole * pole) + w * bp * 3;
        y[i] = v;
        sum += v * v;
      }
      double rms = Math.sqrt(sum / seg);
      for (int i = 0; i < seg; i++) {
        x[s * seg + i] = (float) (0.1 * y[i] / rms);
      }
    }
    return AudioClip.of(x, rate);
  }

  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a[0]); long seed = 42; int copies = Integer.parseInt(a[2]);
    Dataset<AudioClip, String> audio = SpeechRecipe.readFsdd(dir.resolve("fsdd").resolve("recordings"));
    NoiseBank bank = NoiseBank.of("synthetic-coloured", synthetic(seed, 8000), 8000);
    BackgroundNoise noise = BackgroundNoise.builder(bank).snrDb(0, 20).build();
    List<Example<AudioClip, String>> out = new ArrayList<>();
    for (Example<AudioClip, String> e : audio) {
      for (int c = 1; c <= copies; c++) {
        RandomGenerator r = new RandomKey(seed, e.id(), 200 + c).generator();
        out.add(e.withInput(noise.apply(e.input(), r).output()).withTags("synth"));
      }
    }
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[1])))) {
      MelExport.write(o, Dataset.of("synth", out));
    }
  }
}
