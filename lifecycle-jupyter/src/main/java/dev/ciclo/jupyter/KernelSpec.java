package dev.ciclo.jupyter;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the Jupyter kernel spec ({@code kernel.json}) that starts {@link CicloKernel}.
 *
 * <pre>{@code
 * KernelSpec.install(Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels"),
 *     "ciclo-java", System.getProperty("java.class.path"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class KernelSpec {
  private KernelSpec() {}

  /**
   * Installs a kernel spec named {@code name} under {@code kernelsDir}, replacing one of the same
   * name. The kernel runs this JVM's {@code java} binary headless with the given class path.
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
    List<String> argv = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-cp",
        classPath, CicloKernel.class.getName(), "{connection_file}"));
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
