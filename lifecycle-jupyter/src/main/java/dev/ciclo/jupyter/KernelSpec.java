package dev.ciclo.jupyter;

import com.google.gson.GsonBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes the Jupyter kernel spec ({@code kernel.json}) that starts {@link CicloKernel}.
 *
 * <pre>{@code
 * KernelSpec.install(Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels"),
 *     "ciclo-java", KernelSpec.resolveClassPath(KernelSpec.kernelArtifact()));
 * }</pre>
 *
 * <p>{@link #resolveClassPath(String)} gives a kernel that starts with only what it needs
 * ({@code lifecycle-jupyter} and its dependencies, from the local Maven repository after
 * {@code mvn install}), so that a notebook adds the modules it uses with {@code %maven}, as it
 * does on IJava.
 *
 * <p>Stateless and thread-safe.
 */
public final class KernelSpec {
  private KernelSpec() {}

  /**
   * This kernel's Maven coordinates, as the build wrote them.
   *
   * @return {@code dev.ciclo:lifecycle-jupyter:VERSION}
   * @throws IllegalStateException if the build's {@code kernel.properties} is missing
   */
  public static String kernelArtifact() {
    Properties p = new Properties();
    try (InputStream in = KernelSpec.class.getResourceAsStream("kernel.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/ciclo/jupyter/kernel.properties is missing from"
            + " the class path: lifecycle-jupyter was not built by Maven");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dev/ciclo/jupyter/kernel.properties", e);
    }
    return p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":"
        + p.getProperty("version");
  }

  /**
   * The class path of a kernel that starts with an artifact and its runtime dependencies only,
   * resolved as {@code %maven} resolves (the local repository, then the remote repositories and
   * mirrors of the user's Maven settings; {@code $CICLO_MAVEN_SETTINGS} names other settings).
   *
   * @param coordinates {@code group:artifact:version}, normally {@link #kernelArtifact()}
   * @return the files, joined with the path separator, the artifact's first
   * @throws IllegalArgumentException if the coordinates are malformed or cannot be resolved;
   *     the message names the local repository and the remotes it looked in
   */
  public static String resolveClassPath(String coordinates) {
    return resolveClassPath(coordinates, System.getenv(),
        Path.of(System.getProperty("user.home")));
  }

  static String resolveClassPath(String coordinates, Map<String, String> env, Path home) {
    Objects.requireNonNull(coordinates, "coordinates");
    return MavenResolution.fromEnvironment(env, home).resolve(coordinates).stream()
        .map(f -> f.toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * Installs a kernel spec named {@code name} under {@code kernelsDir}, replacing one of the same
   * name. The kernel runs this JVM's {@code java} binary headless with the given class path, and
   * with this JVM's {@code -Dmaven.repo.local} when it has one, so that {@code %maven} in the
   * notebooks resolves from the repository the kernel's class path came from.
   *
   * @param kernelsDir the {@code kernels} folder of a Jupyter data directory
   * @param name the kernel's name, letters, digits, {@code -}, {@code _} and {@code .} only
   * @param classPath the class path the kernel and its cells see
   * @return the written {@code kernel.json}
   * @throws IllegalArgumentException if the name has other characters or the class path is blank
   * @throws IOException if the file cannot be written
   */
  public static Path install(Path kernelsDir, String name, String classPath) throws IOException {
    return install(kernelsDir, name, "Java (Ciclo)", classPath);
  }

  /**
   * Installs a kernel spec as {@link #install(Path, String, String)} does, with the name shown
   * in Jupyter's menus.
   *
   * @param kernelsDir the {@code kernels} folder of a Jupyter data directory
   * @param name the kernel's name, letters, digits, {@code -}, {@code _} and {@code .} only
   * @param displayName the name shown in menus, not blank
   * @param classPath the class path the kernel and its cells see
   * @return the written {@code kernel.json}
   * @throws IllegalArgumentException if the name has other characters, or the display name or
   *     the class path is blank
   * @throws IOException if the file cannot be written
   */
  public static Path install(Path kernelsDir, String name, String displayName, String classPath)
      throws IOException {
    Objects.requireNonNull(kernelsDir, "kernelsDir");
    Objects.requireNonNull(displayName, "displayName");
    if (displayName.isBlank()) {
      throw new IllegalArgumentException("displayName must not be blank");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(classPath, "classPath");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "name must be letters, digits, '-', '_' or '.' but was '" + name + "'");
    }
    if (classPath.isBlank()) {
      throw new IllegalArgumentException("classPath must not be blank");
    }
    Path dir = Files.createDirectories(kernelsDir.resolve(name));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>(List.of(java, "-Djava.awt.headless=true"));
    String local = System.getProperty("maven.repo.local");
    if (local != null && !local.isBlank()) {
      // the repository the class path came from is the one %maven resolves from
      argv.add("-Dmaven.repo.local=" + Path.of(local).toAbsolutePath().normalize());
    }
    argv.addAll(List.of("-cp", classPath, CicloKernel.class.getName(), "{connection_file}"));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv);
    spec.put("display_name", displayName);
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
        .toJson(spec) + "\n";
    Path file = dir.resolve("kernel.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }
}
