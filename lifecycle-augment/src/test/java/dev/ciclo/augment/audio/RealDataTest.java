package dev.ciclo.augment.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RealDataTest {
  private static List<Path> wavs(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
    }
  }

  @Test
  @DisplayName("all 2,500 FSDD recordings load as 8 kHz clips of 0.1 to 2.5 s")
  void allFsddLoad() throws Exception {
    List<Path> files = wavs(TestData.fsdd());
    assertEquals(2500, files.size());
    for (Path f : files) {
      AudioClip c = Wav.read(f);
      assertEquals(8000, c.sampleRate(), f.toString());
      double sec = c.length() / 8000.0;
      assertTrue(sec > 0.1 && sec < 2.5, f + " lasts " + sec + " s");
      assertTrue(c.rms() > 0, f + " is silent");
    }
  }

  @Test
  @DisplayName("all 5 noise files load, are at least 10 s long and not silent")
  void allNoiseLoad() throws Exception {
    List<Path> files = wavs(TestData.noise());
    assertEquals(5, files.size());
    for (Path f : files) {
      AudioClip c = Wav.read(f);
      assertTrue(c.duration().getSeconds() >= 10, f + " " + c.duration());
      assertTrue(c.rms() > 1e-4, f + " rms " + c.rms());
    }
  }

  @Test
  @DisplayName("a real 16-bit recording written and read again is bit-identical")
  void realRoundTrip(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path src = TestData.fsdd().resolve("7_jackson_32.wav");
    AudioClip c = Wav.read(src);
    Path out = tmp.resolve("copy.wav");
    Wav.write(c, out);
    assertEquals(c, Wav.read(out));
  }
}
