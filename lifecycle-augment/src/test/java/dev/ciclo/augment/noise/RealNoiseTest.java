package dev.ciclo.augment.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.Augmented;
import dev.ciclo.api.augment.RandomKey;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.TestData;
import dev.ciclo.augment.audio.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RealNoiseTest {
  @Test
  @DisplayName("real noise into real speech at 0-10 dB measures the requested SNR within 0.01 dB")
  void snrOnRealData() throws Exception {
    NoiseBank bank = NoiseBank.fromDirectory(TestData.noise(), 8000);
    assertEquals(5, bank.size());
    assertEquals(List.of("ice-rink-children.wav", "market-church-bells.wav",
        "street-buses-tram.wav", "street-cars.wav", "windy-street-distant-cars.wav"), bank.names());
    BackgroundNoise mix = BackgroundNoise.builder(bank).snrDb(0, 10).build();
    List<Path> speech;
    try (Stream<Path> s = Files.list(TestData.fsdd())) {
      speech = s.sorted().filter(p -> p.getFileName().toString().endsWith("_3.wav")).toList();
    }
    assertEquals(50, speech.size());
    double worst = 0;
    for (Path p : speech) {
      AudioClip clip = Wav.read(p);
      Augmented<AudioClip> a =
          mix.apply(clip, new RandomKey(42, p.getFileName().toString(), 0).generator());
      AppliedTransform t = a.record().transforms().get(0);
      double requested = t.number("requestedSnrDb");
      assertTrue(requested >= 0 && requested <= 10);
      double measured = BackgroundNoiseTest.snr(clip, a.output());
      worst = Math.max(worst, Math.abs(measured - requested));
      assertEquals(requested, measured, 0.01, p.toString());
      // The record is the SNR of the two signals summed (see BackgroundNoise), not of the
      // output, so it leaves out the rounding of the mix: well within 1e-4 dB of the output.
      assertEquals(measured, t.number("measuredSnrDb"), 1e-4);
      assertEquals(64, ((String) t.parameters().get("noiseSha256")).length());
    }
    assertTrue(worst < 0.01, "worst SNR error " + worst + " dB");
  }
}
