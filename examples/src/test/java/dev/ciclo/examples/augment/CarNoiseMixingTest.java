package dev.ciclo.examples.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.audio.Wav;
import dev.ciclo.testkit.Required;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarNoiseMixingTest {
  @TempDir Path out;

  private static Path data() {
    Required.data("fsdd/recordings");
    Required.data("noise/street-cars.wav");
    return Required.dataDir();
  }

  private static double snr(AudioClip clean, AudioClip noisy) {
    double s = 0;
    double n = 0;
    for (int i = 0; i < clean.length(); i++) {
      double d = noisy.sample(i) - (double) clean.sample(i);
      s += clean.sample(i) * (double) clean.sample(i);
      n += d * d;
    }
    return 10 * Math.log10(s / n);
  }

  @Test
  @DisplayName("writes 10 noisy digits at 0-10 dB whose files measure the recorded SNR")
  void writesNoisyDigitsAndRecords() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<CarNoiseMixing.Written> written = CarNoiseMixing.run(data(), out, "jackson", 42L,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(10, written.size());
    for (CarNoiseMixing.Written w : written) {
      AudioClip noisy = Wav.read(w.wav());
      AudioClip clean = Wav.read(w.source());
      assertEquals(clean.length(), noisy.length());
      assertTrue(w.requestedSnrDb() >= 0 && w.requestedSnrDb() <= 10);
      assertEquals(w.requestedSnrDb(), snr(clean, noisy), 0.01, w.wav().toString());
      String json = Files.readString(w.recordJson()).strip();
      assertTrue(json.contains("\"name\":\"background-noise\""), json);
      assertTrue(json.contains("\"noiseFile\":\"street-cars.wav\""), json);
      assertTrue(json.matches(".*\"noiseSha256\":\"[0-9a-f]{64}\".*"), json);
    }
    String prov = Files.readString(out.resolve("provenance.txt"));
    assertTrue(prov.contains("augment: 10 copies") && prov.contains("street-cars.wav"), prov);
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("wrote 10 clips"));
  }

  @Test
  @DisplayName("the same seed writes the same bytes")
  void deterministic(@TempDir Path other) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    List<CarNoiseMixing.Written> a = CarNoiseMixing.run(data(), out, "theo", 7L, quiet);
    List<CarNoiseMixing.Written> b = CarNoiseMixing.run(data(), other, "theo", 7L, quiet);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(-1, Files.mismatch(a.get(i).wav(), b.get(i).wav()));
      assertEquals(Files.readString(a.get(i).recordJson()), Files.readString(b.get(i).recordJson()));
    }
  }
}
