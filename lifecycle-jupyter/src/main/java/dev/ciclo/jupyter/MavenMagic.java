package dev.ciclo.jupyter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * IJava's {@code %maven group:artifact:version} line magic, kept so that notebooks written for
 * IJava run here unchanged. An artifact already on the kernel's class path (as a jar named
 * {@code artifact-version*.jar} or a Maven module's {@code artifact/target/classes}) is accepted
 * as it is; otherwise its jar is taken from the local Maven repository, without its transitive
 * dependencies (start the kernel with the project's class path to have those).
 */
final class MavenMagic {
  private final Set<String> classPath;
  private final Path localRepository;

  MavenMagic(String javaClassPath, Path localRepository) {
    this.classPath = expand(javaClassPath);
    this.localRepository = localRepository;
  }

  /** The class path entries, with the {@code Class-Path} of manifest-only jars followed. */
  static Set<String> expand(String javaClassPath) {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : javaClassPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      out.add(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
        try (JarFile jar = new JarFile(entry)) {
          Manifest m = jar.getManifest();
          String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
          if (cp != null) {
            Path base = Path.of(entry).toAbsolutePath().getParent();
            for (String ref : cp.trim().split("\\s+")) {
              try {
                out.add(ref.startsWith("file:")
                    ? Path.of(java.net.URI.create(ref)).toString()
                    : base.resolve(ref).normalize().toString());
              } catch (IllegalArgumentException e) {
                out.add(ref);
              }
            }
          }
        } catch (IOException e) {
          // not a readable jar: keep the entry as it is
        }
      }
    }
    return out;
  }

  /**
   * Handles one {@code %maven} line.
   *
   * @param coordinates {@code group:artifact:version}
   * @return the jar to add to the class path, or empty when the artifact is already there
   * @throws IllegalArgumentException if the coordinates are malformed or the artifact cannot be
   *     found, naming where it was looked for
   */
  Optional<Path> resolve(String coordinates) {
    String[] parts = coordinates.strip().split(":");
    if (parts.length != 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "%maven expects group:artifact:version but was '" + coordinates.strip() + "'");
    }
    String group = parts[0];
    String artifact = parts[1];
    String version = parts[2];
    for (String entry : classPath) {
      String normalized = entry.replace('\\', '/');
      String name = normalized.substring(normalized.lastIndexOf('/') + 1);
      if (name.startsWith(artifact + "-" + version) && name.endsWith(".jar")
          || normalized.endsWith("/" + artifact + "/target/classes")
          || normalized.endsWith("/" + artifact + "/target/classes/")) {
        return Optional.empty();
      }
    }
    Path jar = localRepository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
        .resolve(artifact + "-" + version + ".jar");
    if (Files.isRegularFile(jar)) {
      return Optional.of(jar);
    }
    throw new IllegalArgumentException("%maven " + coordinates.strip()
        + ": not on the kernel's class path and not in the local repository at " + jar);
  }

  /** The expanded class path, for tests and messages. */
  List<String> entries() {
    return new ArrayList<>(classPath);
  }
}
