package dev.ciclo.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.registry.AliasChange;
import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.internal.Json;
import dev.ciclo.core.persist.ModelFiles;
import dev.ciclo.core.persist.ModelLoader;
import dev.ciclo.core.persist.SavedModel;
import dev.ciclo.core.workspace.AtomicFiles;
import dev.ciclo.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ModelRegistry} in a folder, usually the workspace's {@code models/}:
 *
 * <pre>
 * models/&lt;name&gt;/v1/model.bin        the model in its own format (persist's ModelFiles)
 * models/&lt;name&gt;/v1/model.bin.json   its manifest: format, size, SHA-256, metadata
 * models/&lt;name&gt;/v1/version.json     the registered version: number, SHA-256, run, provenance
 * models/&lt;name&gt;/aliases.json        every alias move, oldest first; the last move of an alias
 *                                  is where it points
 * </pre>
 *
 * <p>Every file is written atomically, and a version exists only once its {@code version.json}
 * (written last) does, so a crash at any point leaves the registry readable: at worst a version
 * folder without {@code version.json}, which is ignored and whose number is not reused.
 *
 * <p>{@link #load} checks the file's SHA-256 against both the registered hash and the manifest,
 * refuses a mismatching or corrupt file with a {@link CicloException} naming it, and returns a
 * model whose {@link Model#metadata()} names the registered model and version (so a server shows
 * {@code "3"}, not the version the model had when it was trained).
 *
 * <p>Thread-safe within one process (changes are serialised); several processes writing the same
 * registry at once are not supported.
 */
public final class FileModelRegistry implements ModelRegistry {
  private static final String MODEL_FILE = "model.bin";

  private final Path root;
  private final Clock clock;
  private final List<ModelLoader<?, ?>> loaders;
  private final Map<String, List<ModelLoader<?, ?>>> loadersByModel;

  private FileModelRegistry(Builder b) {
    this.root = b.root;
    this.clock = b.clock;
    this.loaders = List.copyOf(b.loaders);
    Map<String, List<ModelLoader<?, ?>>> m = new HashMap<>();
    b.loadersByModel.forEach((k, v) -> m.put(k, List.copyOf(v)));
    this.loadersByModel = Map.copyOf(m);
  }

  /**
   * Starts configuring a registry in the workspace's {@code models/} folder.
   *
   * @param workspace the workspace
   * @return a builder
   */
  public static Builder builder(Workspace workspace) {
    return new Builder(Objects.requireNonNull(workspace, "workspace").models());
  }

  /**
   * Starts configuring a registry in any folder.
   *
   * @param folder the folder
   * @return a builder
   */
  public static Builder builder(Path folder) {
    return new Builder(Objects.requireNonNull(folder, "folder"));
  }

  @Override
  public synchronized ModelVersion register(String modelName, Model<?, ?> model, RunRecord run) {
    checkName(modelName);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(run, "run");
    Path modelDir = root.resolve(modelName);
    int next = highestFolderNumber(modelDir) + 1;
    Path dir = modelDir.resolve("v" + next);
    SavedModel saved = ModelFiles.save(model, dir.resolve(MODEL_FILE));
    Map<String, String> props = new TreeMap<>();
    model.metadata().properties().forEach((k, v) -> props.put("model." + k, v));
    props.put("model.framework", model.metadata().framework());
    props.put("model.trainedVersion", model.metadata().version());
    props.put("run.trainer", run.trainer());
    props.put("run.seed", Long.toString(run.seed()));
    props.put("run.start", run.start().toString());
    props.put("run.outcome", run.outcome().name());
    run.parameters().forEach((k, v) -> props.put("param." + k, v));
    run.datasetFingerprints().forEach((k, v) -> props.put("data." + k, v));
    run.metrics().forEach((k, v) -> props.put("metric." + k, Double.toString(v)));
    ModelVersion v = new ModelVersion(modelName, next, saved.sha256(), saved.format(),
        clock.instant(), run.runId(), props);
    AtomicFiles.write(dir.resolve("version.json"), out -> out.write(RegistryJson.version(v)));
    return v;
  }

  @Override
  public List<ModelVersion> versions(String modelName) {
    checkName(modelName);
    List<ModelVersion> out = new ArrayList<>();
    Path modelDir = root.resolve(modelName);
    for (int n : folderNumbers(modelDir)) {
      Path f = modelDir.resolve("v" + n).resolve("version.json");
      if (Files.isRegularFile(f)) {
        out.add(readVersion(f));
      }
    }
    return out;
  }

  @Override
  public Optional<ModelVersion> version(String modelName, int version) {
    checkName(modelName);
    if (version < 1) {
      return Optional.empty();
    }
    Path f = root.resolve(modelName).resolve("v" + version).resolve("version.json");
    return Files.isRegularFile(f) ? Optional.of(readVersion(f)) : Optional.empty();
  }

  @Override
  public Optional<ModelVersion> aliased(String modelName, String alias) {
    checkName(modelName);
    Objects.requireNonNull(alias, "alias");
    int v = current(aliasHistory(modelName), alias);
    return v == 0 ? Optional.empty() : version(modelName, v);
  }

  @Override
  public synchronized AliasChange setAlias(String modelName, String alias, int version,
      String reason) {
    checkName(modelName);
    checkText(alias, "alias");
    checkText(reason, "reason");
    if (version(modelName, version).isEmpty()) {
      throw new IllegalArgumentException("version must be a registered version of model '"
          + modelName + "' " + versions(modelName).stream().map(ModelVersion::version).toList()
          + " but was " + version);
    }
    List<AliasChange> history = new ArrayList<>(aliasHistory(modelName));
    AliasChange c = new AliasChange(modelName, alias, current(history, alias), version,
        clock.instant(), reason);
    history.add(c);
    writeHistory(modelName, history);
    return c;
  }

  @Override
  public synchronized AliasChange rollBack(String modelName, String alias, String reason) {
    checkName(modelName);
    checkText(alias, "alias");
    checkText(reason, "reason");
    List<AliasChange> history = new ArrayList<>(aliasHistory(modelName));
    AliasChange last = null;
    for (AliasChange c : history) {
      if (c.alias().equals(alias)) {
        last = c;
      }
    }
    if (last == null || !last.hadPrevious()) {
      throw new IllegalStateException("alias '" + alias + "' of model '" + modelName
          + "' has no earlier version to roll back to");
    }
    AliasChange c = new AliasChange(modelName, alias, last.newVersion(), last.previousVersion(),
        clock.instant(), reason);
    history.add(c);
    writeHistory(modelName, history);
    return c;
  }

  @Override
  public List<AliasChange> aliasHistory(String modelName) {
    checkName(modelName);
    Path f = root.resolve(modelName).resolve("aliases.json");
    try {
      return RegistryJson.history(modelName, Json.MAPPER.readTree(Files.readAllBytes(f)));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | RuntimeException e) {
      throw new CicloException("cannot read alias history " + f + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a version with the loader registered for its model and format, after checking that
   * the file's SHA-256 equals the registered one and the manifest's.
   *
   * @param version the version
   * @return the model, whose metadata has the registered name and version
   * @throws IllegalArgumentException if no loader reads the version's format
   * @throws CicloException if the file is missing, does not match its hash or cannot be read;
   *     the message names the file
   */
  @Override
  public Model<?, ?> load(ModelVersion version) {
    return read(version, loaderFor(version));
  }

  /**
   * Loads a version as a model of the expected types: the loader registered for its model and
   * format must declare that its models take {@code inputType} (or a supertype) and predict
   * {@code outputType} (or a subtype); then the same checks as {@link #load(ModelVersion)}.
   *
   * @throws IllegalArgumentException if the types do not match; the message names both
   * @throws IllegalStateException if the loader does not declare its types
   */
  @Override
  public <X, Y> Model<X, Y> load(ModelVersion version, Class<X> inputType,
      Class<Y> outputType) {
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
    ModelLoader<?, ?> loader = loaderFor(version);
    String what = "model '" + version.modelName() + "' version " + version.version();
    if (loader.inputType() == Object.class && inputType != Object.class
        || loader.outputType() == Object.class && outputType != Object.class) {
      throw new IllegalStateException(what + ": the loader of format '" + version.format()
          + "' does not declare its models' types; make it with its of(inputType, extractor)");
    }
    if (!loader.inputType().isAssignableFrom(inputType)
        || !outputType.isAssignableFrom(loader.outputType())) {
      throw new IllegalArgumentException(what + " takes " + loader.inputType().getName()
          + " and predicts " + loader.outputType().getName() + ", but was loaded as "
          + inputType.getName() + " -> " + outputType.getName());
    }
    @SuppressWarnings("unchecked") // the loader's declared types were checked just above
    Model<X, Y> typed = (Model<X, Y>) read(version, loader);
    return typed;
  }

  private ModelLoader<?, ?> loaderFor(ModelVersion version) {
    Objects.requireNonNull(version, "version");
    checkName(version.modelName());
    List<ModelLoader<?, ?>> candidates = new ArrayList<>(
        loadersByModel.getOrDefault(version.modelName(), List.of()));
    candidates.addAll(loaders);
    return candidates.stream()
        .filter(l -> l.format().equals(version.format())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no loader reads format '"
            + version.format() + "' of model '" + version.modelName() + "' version "
            + version.version() + "; loaders read "
            + candidates.stream().map(ModelLoader::format).toList()));
  }

  private Model<?, ?> read(ModelVersion version, ModelLoader<?, ?> loader) {
    Path file = root.resolve(version.modelName()).resolve("v" + version.version())
        .resolve(MODEL_FILE);
    SavedModel saved = ModelFiles.describe(file);
    if (!saved.sha256().equals(version.sha256())) {
      throw new CicloException("refusing to load " + file + ": its manifest stores SHA-256 "
          + saved.sha256() + " but version " + version.version() + " of '" + version.modelName()
          + "' was registered with " + version.sha256());
    }
    return wrap(ModelFiles.load(file, loader), version);
  }

  private static <X, Y> Model<X, Y> wrap(Model<X, Y> m, ModelVersion v) {
    Map<String, String> props = new TreeMap<>(m.metadata().properties());
    props.put("sha256", v.sha256());
    props.put("runId", v.runId());
    return new RegisteredModel<>(m, new ModelMetadata(v.modelName(),
        Integer.toString(v.version()), m.metadata().framework(), props));
  }

  private static int current(List<AliasChange> history, String alias) {
    int v = 0;
    for (AliasChange c : history) {
      if (c.alias().equals(alias)) {
        v = c.newVersion();
      }
    }
    return v;
  }

  private void writeHistory(String modelName, List<AliasChange> history) {
    AtomicFiles.write(root.resolve(modelName).resolve("aliases.json"),
        out -> out.write(RegistryJson.history(history)));
  }

  private static ModelVersion readVersion(Path f) {
    try {
      return RegistryJson.version(Json.MAPPER.readTree(Files.readAllBytes(f)));
    } catch (IOException | RuntimeException e) {
      throw new CicloException("cannot read registered version " + f + ": " + e.getMessage(), e);
    }
  }

  private static int highestFolderNumber(Path modelDir) {
    List<Integer> n = folderNumbers(modelDir);
    return n.isEmpty() ? 0 : n.get(n.size() - 1);
  }

  private static List<Integer> folderNumbers(Path modelDir) {
    List<Integer> out = new ArrayList<>();
    if (!Files.isDirectory(modelDir)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(modelDir, "v*")) {
      for (Path p : dirs) {
        String s = p.getFileName().toString().substring(1);
        if (Files.isDirectory(p) && s.matches("[1-9]\\d{0,8}")) {
          out.add(Integer.parseInt(s));
        }
      }
    } catch (IOException e) {
      throw new CicloException("cannot list versions in " + modelDir, e);
    }
    out.sort(null);
    return out;
  }

  /**
   * Every method checks the model name before it touches a path: a name is one folder below the
   * registry root, never a way out of it.
   */
  private static void checkName(String modelName) {
    Objects.requireNonNull(modelName, "modelName");
    if (modelName.contains("/") || modelName.contains("\\") || modelName.contains("..")
        || modelName.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("modelName must not contain '/', '\\', '..' or NUL"
          + " but was '" + modelName.replace("\0", "\\0") + "'");
    }
    if (!modelName.matches("[A-Za-z0-9._-]+") || modelName.equals(".")) {
      throw new IllegalArgumentException("modelName must be letters, digits, '.', '_' or '-'"
          + " but was '" + modelName + "'");
    }
  }

  private static void checkText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return "FileModelRegistry[" + root + "]";
  }

  /** Configures a {@link FileModelRegistry}. Not thread-safe. */
  public static final class Builder {
    private final Path root;
    private Clock clock = Clock.systemUTC();
    private final List<ModelLoader<?, ?>> loaders = new ArrayList<>();
    private final Map<String, List<ModelLoader<?, ?>>> loadersByModel = new HashMap<>();

    private Builder(Path root) {
      this.root = root;
    }

    /**
     * The clock for registration and alias-change times. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A loader for every model of its format (for example {@code TribuoModelLoader.of(
     * extractor)}). Features are code, so the loader carries the extractor. Default: none.
     *
     * @param loader the loader
     * @return this builder
     */
    public Builder loader(ModelLoader<?, ?> loader) {
      loaders.add(Objects.requireNonNull(loader, "loader"));
      return this;
    }

    /**
     * A loader for one model's versions of its format, chosen before the general loaders (for
     * models of the same format that need different extractors).
     *
     * @param modelName the model's name
     * @param loader the loader
     * @return this builder
     */
    public Builder loader(String modelName, ModelLoader<?, ?> loader) {
      checkName(modelName);
      loadersByModel.computeIfAbsent(modelName, k -> new ArrayList<>())
          .add(Objects.requireNonNull(loader, "loader"));
      return this;
    }

    /**
     * Opens the registry; the folder is created on the first registration.
     *
     * @return the registry
     */
    public FileModelRegistry build() {
      return new FileModelRegistry(this);
    }
  }
}
