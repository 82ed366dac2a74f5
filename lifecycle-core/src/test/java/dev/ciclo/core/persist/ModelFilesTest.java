package dev.ciclo.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.train.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ModelFiles saves with a SHA-256 and refuses a file that no longer matches it")
class ModelFilesTest {
  @TempDir Path dir;

  /** A model that always answers one word, written as that word. */
  record Constant(String word) implements Model<String, String> {
    @Override
    public Prediction<String> predict(String input) {
      return Prediction.of(word);
    }

    @Override
    public ModelMetadata metadata() {
      return new ModelMetadata("constant", "unregistered", "test", Map.of("word", word));
    }

    @Override
    public String format() {
      return "constant-v1";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(word.getBytes(StandardCharsets.UTF_8));
    }
  }

  static final ModelLoader<String, String> LOADER = new ModelLoader<>() {
    @Override
    public String format() {
      return "constant-v1";
    }

    @Override
    public Model<String, String> read(InputStream in, ModelMetadata metadata) throws IOException {
      return new Constant(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  };

  @Test
  @DisplayName("save writes the file and a readable manifest; load gives the same model")
  void roundTrip() throws IOException {
    Path f = dir.resolve("models/m.model");
    SavedModel s = ModelFiles.save(new Constant("seven"), f);
    assertEquals(ModelFiles.sha256(f), s.sha256());
    String manifest = Files.readString(ModelFiles.manifestOf(f));
    assertTrue(manifest.contains("\"format\" : \"constant-v1\"")
        && manifest.contains(s.sha256()), manifest);
    assertEquals(s, ModelFiles.describe(f));
    assertEquals("seven", ModelFiles.load(f, LOADER).predict("x").value());
    try (var files = Files.list(f.getParent())) {
      assertEquals(2, files.count(), "no temporary file left behind");
    }
  }

  @Test
  @DisplayName("a changed file is refused with the file and both hashes in the message")
  void tamperedRefused() throws IOException {
    Path f = dir.resolve("m.model");
    SavedModel s = ModelFiles.save(new Constant("seven"), f);
    Files.writeString(f, "eight");
    CicloException e = assertThrows(CicloException.class, () -> ModelFiles.load(f, LOADER));
    assertTrue(e.getMessage().startsWith("refusing to load model file " + f)
        && e.getMessage().contains("manifest stores " + s.sha256())
        && e.getMessage().contains(ModelFiles.sha256(f)), e.getMessage());
  }

  @Test
  @DisplayName("a missing manifest, a missing file or an unknown format get clear errors")
  void otherFailures() throws IOException {
    Path f = dir.resolve("m.model");
    ModelFiles.save(new Constant("x"), f);
    ModelLoader<String, String> other = new ModelLoader<>() {
      @Override
      public String format() {
        return "other";
      }

      @Override
      public Model<String, String> read(InputStream in, ModelMetadata m) {
        throw new AssertionError();
      }
    };
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.load(f, other));
    assertTrue(a.getMessage().contains("has format 'constant-v1' but the loaders given read only"
        + " [other]"), a.getMessage());
    Files.delete(f);
    CicloException e = assertThrows(CicloException.class, () -> ModelFiles.load(f, LOADER));
    assertTrue(e.getMessage().contains("model file " + f + " is missing"), e.getMessage());
    e = assertThrows(CicloException.class,
        () -> ModelFiles.load(dir.resolve("none.model"), LOADER));
    assertTrue(e.getMessage().contains("cannot read the manifest"), e.getMessage());
  }
}
