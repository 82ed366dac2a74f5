package dev.ciclo.core.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.internal.Json;
import dev.ciclo.core.workspace.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Saves models with their SHA-256 and loads them back only when the file still matches.
 *
 * <p>{@link #save} writes two files, each atomically: the model in its own format
 * ({@code model.bin}, say) and a readable manifest beside it ({@code model.bin.json}) with the
 * format, size, SHA-256 and metadata. {@link #load} reads the manifest, hashes the model file,
 * refuses it with a {@link CicloException} naming the file and both hashes if they differ, and
 * otherwise hands the bytes to the {@link ModelLoader} of the manifest's format.
 *
 * <pre>{@code
 * ModelFiles.save(model, ws.models().resolve("digits.model"));
 * Model<FeatureVector, String> back = ModelFiles.load(ws.models().resolve("digits.model"),
 *     TribuoModelLoader.of(FeatureVector.class, FeatureExtractor.identity()));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelFiles {

  private ModelFiles() {}

  /**
   * The manifest path of a model file.
   *
   * @param file the model file
   * @return {@code file} with {@code .json} appended to its name
   */
  public static Path manifestOf(Path file) {
    Objects.requireNonNull(file, "file");
    return file.resolveSibling(file.getFileName() + ".json");
  }

  /**
   * Saves a model and its manifest, each atomically, replacing earlier files of that name.
   *
   * @param model the model
   * @param file the model file to write; its parent folder is created if missing
   * @return what was written
   * @throws NullPointerException if an argument is null
   * @throws CicloException if the model cannot be written, naming the file, with the cause
   */
  public static SavedModel save(Model<?, ?> model, Path file) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(file, "file");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      model.writeTo(bytes);
    } catch (IOException e) {
      throw new CicloException("cannot serialise model " + model.metadata().name() + " for " + file
          + ": " + e.getMessage(), e);
    }
    byte[] content = bytes.toByteArray();
    String sha = sha256(content);
    SavedModel saved = new SavedModel(file, manifestOf(file), model.format(), sha, content.length,
        model.metadata());
    AtomicFiles.write(file, content);
    AtomicFiles.write(saved.manifest(), out -> out.write(Json.PRETTY.writeValueAsBytes(toJson(saved))));
    return saved;
  }

  /**
   * Reads a model's manifest without loading the model.
   *
   * @param file the model file (not the manifest)
   * @return what the manifest says
   * @throws CicloException if the manifest is missing or unreadable, naming it
   */
  public static SavedModel describe(Path file) {
    Objects.requireNonNull(file, "file");
    Path manifest = manifestOf(file);
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(manifest.toFile());
    } catch (IOException e) {
      throw new CicloException("cannot read the manifest " + manifest + " of model file " + file
          + ": " + e.getMessage(), e);
    }
    try {
      JsonNode m = n.required("metadata");
      Map<String, String> props = new TreeMap<>();
      m.required("properties").fields().forEachRemaining(f -> props.put(f.getKey(),
          f.getValue().asText()));
      ModelMetadata meta = new ModelMetadata(m.required("name").asText(),
          m.required("version").asText(), m.required("framework").asText(), props);
      return new SavedModel(file, manifest, n.required("format").asText(),
          n.required("sha256").asText(), n.required("size").asLong(), meta);
    } catch (IllegalArgumentException e) {
      throw new CicloException("the manifest " + manifest + " is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model, checking its SHA-256 against the manifest first.
   *
   * @param file the model file
   * @param loaders loaders to choose from by the manifest's format
   * @param <X> the input type
   * @param <Y> the target type
   * @return the model
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no loader reads the saved format, naming the format and
   *     the formats the loaders read
   * @throws CicloException if the file or manifest is missing or unreadable, the file's SHA-256
   *     does not match the stored one (message names the file and both hashes), or the loader
   *     fails
   */
  public static <X, Y> Model<X, Y> load(Path file, List<? extends ModelLoader<X, Y>> loaders) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(loaders, "loaders");
    SavedModel saved = describe(file);
    ModelLoader<X, Y> loader = null;
    List<String> known = new ArrayList<>();
    for (ModelLoader<X, Y> l : loaders) {
      known.add(l.format());
      if (l.format().equals(saved.format())) {
        loader = l;
        break;
      }
    }
    if (loader == null) {
      throw new IllegalArgumentException("model file " + file + " has format '" + saved.format()
          + "' but the loaders given read only " + known);
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CicloException("model file " + file + " is missing (its manifest "
          + saved.manifest() + " exists)", e);
    } catch (IOException e) {
      throw new CicloException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    String actual = sha256(content);
    if (!actual.equals(saved.sha256())) {
      throw new CicloException("refusing to load model file " + file + ": its SHA-256 is "
          + actual + " but the manifest stores " + saved.sha256() + " (" + content.length
          + " bytes, " + saved.size() + " expected); the file was changed or corrupted");
    }
    try (InputStream in = new ByteArrayInputStream(content)) {
      return Objects.requireNonNull(loader.read(in, saved.metadata()),
          "loader " + loader.format() + " returned null");
    } catch (IOException | RuntimeException e) {
      throw new CicloException("cannot load model file " + file + " as " + saved.format() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Loads a model with one loader; see {@link #load(Path, List)}.
   *
   * @param file the model file
   * @param loader the loader
   * @param <X> the input type
   * @param <Y> the target type
   * @return the model
   * @throws IllegalArgumentException if the loader does not read the saved format
   * @throws CicloException if the file does not match its SHA-256 or cannot be read
   */
  public static <X, Y> Model<X, Y> load(Path file, ModelLoader<X, Y> loader) {
    return load(file, List.of(Objects.requireNonNull(loader, "loader")));
  }

  /**
   * The SHA-256 of a file's content.
   *
   * @param file the file
   * @return 64 lower-case hex digits
   * @throws CicloException if the file cannot be read, naming it
   */
  public static String sha256(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new CicloException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static String sha256(byte[] content) {
    return Hashing.sha256().hashBytes(content).toString();
  }

  private static ObjectNode toJson(SavedModel s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("format", s.format());
    n.put("sha256", s.sha256());
    n.put("size", s.size());
    ObjectNode m = n.putObject("metadata");
    m.put("name", s.metadata().name());
    m.put("version", s.metadata().version());
    m.put("framework", s.metadata().framework());
    ObjectNode p = m.putObject("properties");
    new TreeMap<>(s.metadata().properties()).forEach(p::put);
    return n;
  }
}
