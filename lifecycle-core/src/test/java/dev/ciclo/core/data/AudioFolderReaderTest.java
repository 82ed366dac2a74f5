package dev.ciclo.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AudioFolderReader labels and groups files by their names")
class AudioFolderReaderTest {
  @TempDir Path dir;

  private static final Function<Path, String> LOADER = p -> {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  };

  @Test
  @DisplayName("FSDD names give label, speaker group and index metadata, in name order")
  void fsddNames() throws IOException {
    for (String n : List.of("7_jackson_32.wav", "0_theo_4.wav", "7_theo_0.wav", "notes.txt")) {
      Files.writeString(dir.resolve(n), "content of " + n);
    }
    Dataset<String, String> d = AudioFolderReader.read(dir, AudioFolderReader.FSDD, LOADER);
    assertEquals(3, d.size());
    assertEquals("0_theo_4", d.get(0).id());
    assertEquals("0", d.get(0).target());
    assertEquals("theo", d.get(0).group());
    assertEquals("4", d.get(0).metadata().get("index"));
    assertEquals("content of 7_jackson_32.wav", d.get(1).input());
    assertEquals("audio-folder", d.provenance().source());
    assertEquals(AudioFolderReader.read(dir, AudioFolderReader.FSDD, LOADER).fingerprint(),
        d.fingerprint());
  }

  @Test
  @DisplayName("a name that does not match, an empty folder, a failing loader get clear errors")
  void badInputs() throws IOException {
    Files.writeString(dir.resolve("7_jackson.wav"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AudioFolderReader.read(dir, AudioFolderReader.FSDD, LOADER));
    assertTrue(e.getMessage().contains("7_jackson.wav does not match the file-name pattern"),
        e.getMessage());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    e = assertThrows(IllegalArgumentException.class,
        () -> AudioFolderReader.read(empty, AudioFolderReader.FSDD, LOADER));
    assertTrue(e.getMessage().contains("has no file matching *.wav"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> AudioFolderReader.read(dir, Pattern.compile("(?<digit>.*)"), LOADER));
    assertTrue(e.getMessage().contains("named group 'label'"), e.getMessage());
    CicloException c = assertThrows(CicloException.class, () -> AudioFolderReader.read(dir,
        Pattern.compile("(?<label>[0-9])_.*\\.wav"), p -> {
          throw new IllegalStateException("not a WAV file");
        }));
    assertTrue(c.getMessage().contains("7_jackson.wav: not a WAV file"), c.getMessage());
  }
}
