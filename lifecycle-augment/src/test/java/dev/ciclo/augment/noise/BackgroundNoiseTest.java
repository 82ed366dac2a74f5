package dev.ciclo.augment.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.Augmenter;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.Clips;
import dev.ciclo.testkit.AugmenterContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackgroundNoiseTest extends AugmenterContract<AudioClip> {
  static final NoiseBank BANK = NoiseBank.of("hum", Clips.speechLike(1000, 99), 8000);

  @Override
  protected Augmenter<AudioClip> newAugmenter() {
    return BackgroundNoise.builder(BANK).snrDb(0, 10).build();
  }

  @Override
  protected List<AudioClip> inputs() {
    return Clips.some();
  }

  @Test
  @DisplayName("a noise shorter than the clip is looped, and the SNR is still exact")
  void loops() {
    AudioClip clip = Clips.speechLike(8000, 3);
    Augmented<AudioClip> a = BackgroundNoise.builder(BANK).snrDb(5, 5).build()
        .apply(clip, new RandomKey(1, "a", 0).generator());
    AppliedTransform t = a.record().transforms().get(0);
    assertEquals(Boolean.TRUE, t.parameters().get("looped"));
    assertEquals(5, t.number("requestedSnrDb"));
    assertEquals(5, snr(clip, a.output()), 1e-4);
    assertEquals(5, t.number("measuredSnrDb"), 1e-4);
  }

  @Test
  @DisplayName("the output is the clean clip plus gain times the noise from the offset, exactly")
  void outputIsTheMix() {
    qt().withExamples(100)
        .forAll(integers().between(1, 3000), longs().all())
        .checkAssert((n, seed) -> {
          AudioClip clip = Clips.speechLike(n, seed);
          Augmented<AudioClip> a =
              newAugmenter().apply(clip, new RandomKey(seed, "m", 0).generator());
          AppliedTransform t = a.record().transforms().get(0);
          int offset = (int) t.number("offset");
          float g = (float) t.number("noiseGain");
          AudioClip noise = BANK.clip(0);
          float[] want = new float[n];
          for (int i = 0; i < n; i++) {
            want[i] = clip.sample(i) + g * noise.sample((offset + i) % noise.length());
          }
          assertArrayEquals(want, a.output().samples(), "n " + n);
          assertEquals(n > noise.length(), t.parameters().get("looped"));
        });
  }

  @Test
  @DisplayName("the recorded SNR is that of the signals summed, and the output's within 1e-4 dB")
  void measuredSnr() {
    NoiseBank long1 = NoiseBank.of("long", Clips.speechLike(20_000, 8), 8000);
    AudioClip noise = long1.clip(0);
    for (double db : new double[] {-20, -3, 0, 10, 30, 45, 60}) {
      for (AudioClip clip : List.of(Clips.speechLike(8000, 3), Clips.speechLike(30_000, 4))) {
        Augmented<AudioClip> a = BackgroundNoise.builder(long1).snrDb(db, db).build()
            .apply(clip, new RandomKey(3, "snr" + db, 0).generator());
        AppliedTransform t = a.record().transforms().get(0);
        // from the output array itself: rms(clean) / rms(output - clean)
        double fromOutput = snr(clip, a.output());
        assertEquals(db, fromOutput, 0.01, db + " dB");
        assertEquals(fromOutput, t.number("measuredSnrDb"), 1e-4, db + " dB");
        // the definition: clean RMS over the applied gain times the segment's RMS, in double
        int offset = (int) t.number("offset");
        double e = 0;
        for (int i = 0; i < clip.length(); i++) {
          double v = noise.sample((offset + i) % noise.length());
          e += v * v;
        }
        double g = (float) t.number("noiseGain");
        double defined = 20 * Math.log10(clip.rms() / (g * Math.sqrt(e / clip.length())));
        // the record sums the segment in float lanes: within 2e-5 dB of a double sum
        assertEquals(defined, t.number("measuredSnrDb"), 2e-5, db + " dB");
      }
    }
  }

  @Test
  @DisplayName("a long noise is read from an offset where the clip fits")
  void offsetFits() {
    NoiseBank long1 = NoiseBank.of("long", Clips.speechLike(5000, 7), 8000);
    AudioClip clip = Clips.speechLike(1000, 3);
    for (int i = 0; i < 50; i++) {
      AppliedTransform t = BackgroundNoise.builder(long1).build()
          .apply(clip, new RandomKey(2, "x" + i, 0).generator()).record().transforms().get(0);
      double off = t.number("offset");
      assertTrue(off >= 0 && off <= 4000, "offset " + off);
      assertEquals(Boolean.FALSE, t.parameters().get("looped"));
      double snr = t.number("requestedSnrDb");
      assertTrue(snr >= 3 && snr <= 30);
    }
  }

  @Test
  @DisplayName("a silent clip is returned unchanged, without NaN, and the record says why")
  void silentInput() {
    AudioClip silent = AudioClip.of(new float[400], 8000);
    Augmented<AudioClip> a = newAugmenter().apply(silent, new RandomKey(1, "s", 0).generator());
    assertSame(silent, a.output());
    assertEquals("silent input", a.record().transforms().get(0).parameters().get("skipped"));
    assertFalse(a.record().transforms().get(0).parameters().containsKey("measuredSnrDb"));
  }

  @Test
  @DisplayName("bad parameters and a clip at another rate are refused with clear messages")
  void badInput() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> BackgroundNoise.builder(BANK).snrDb(0, 75));
    assertEquals("snrDb must be between -20 and 60 but was 75", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BackgroundNoise.builder(BANK).snrDb(10, 0));
    assertEquals("snrDb range must have min <= max but was [10, 0]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> newAugmenter()
        .apply(AudioClip.of(new float[10], 16000), new RandomKey(1, "x", 0).generator()));
    assertEquals("input sampleRate must be 8000 Hz (the noise bank's) but was 16000",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NoiseBank.of("quiet", AudioClip.of(new float[10], 8000), 8000));
    assertTrue(e.getMessage().contains("must not be silent"), e.getMessage());
  }

  static double snr(AudioClip clean, AudioClip noisy) {
    double s = 0;
    double n = 0;
    for (int i = 0; i < clean.length(); i++) {
      double c = clean.sample(i);
      double d = noisy.sample(i) - c;
      s += c * c;
      n += d * d;
    }
    return 10 * Math.log10(s / n);
  }
}
