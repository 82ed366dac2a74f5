package dev.ciclo.jupyter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * IJava's {@code %maven group:artifact:version} line magic: resolves the artifact with its
 * runtime dependencies through {@link MavenResolution} (the local repository, then the remote
 * repositories and mirrors of the user's Maven settings) and returns the files the kernel's
 * class path does not have yet. An artifact already on the class path (a jar named
 * {@code artifact-version*.jar} or a Maven module's {@code artifact/target/classes}) is kept as
 * it is, so a kernel started with a project's class path is not given a second copy.
 */
final class MavenMagic {
  private final Set<String> classPath;
  private final Supplier<MavenResolution> resolutionFactory;
  private MavenResolution resolution;
  private Set<String> bundled;

  MavenMagic(String javaClassPath, Supplier<MavenResolution> resolution) {
    this.classPath = expand(javaClassPath);
    this.resolutionFactory = resolution;
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
   * @param coordinates {@code group:artifact:version} (or with extension and classifier)
   * @return the files to add to the class path, in resolution order; empty when all are there
   * @throws IllegalArgumentException if the coordinates are malformed or something cannot be
   *     resolved, naming where it was looked for
   */
  List<Path> resolve(String coordinates) {
    String[] parts = coordinates.strip().split(":");
    if (parts.length < 3 || parts.length > 5
        || List.of(parts).stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "%maven expects group:artifact:version but was '" + coordinates.strip() + "'");
    }
    if (present(parts[1], parts[parts.length - 1])) {
      return List.of();  // a kernel started with the project's class path: nothing to resolve
    }
    if (resolution == null) {
      resolution = resolutionFactory.get();
    }
    List<Path> added = new ArrayList<>();
    for (Path file : resolution.resolve(coordinates)) {
      if (!present(file)) {
        classPath.add(file.toString());
        added.add(file);
      }
    }
    return added;
  }

  /**
   * Handles one {@code %loadFromPOM} line (IJava's magic).
   *
   * @param pom the POM file
   * @param scopes the dependency scopes to take
   * @return the files to add to the class path, in resolution order; empty when all are there
   * @throws IllegalArgumentException if the POM cannot be read or its dependencies resolved
   */
  List<Path> loadFromPom(Path pom, Set<String> scopes) {
    if (resolution == null) {
      resolution = resolutionFactory.get();
    }
    List<Path> added = new ArrayList<>();
    for (Path file : resolution.resolvePom(pom, scopes)) {
      if (!present(file)) {
        classPath.add(file.toString());
        added.add(file);
      }
    }
    return added;
  }

  /** Whether the class path has this file, or the same artifact and version in another form. */
  private boolean present(Path file) {
    // ~/.m2/repository/<group path>/<artifact>/<version>/<artifact>-<version>[-classifier].jar
    Path versionDir = file.getParent();
    if (versionDir == null || versionDir.getParent() == null) {
      return classPath.contains(file.toString());
    }
    return present(versionDir.getParent().getFileName().toString(),
        versionDir.getFileName().toString()) || classPath.contains(file.toString());
  }

  private boolean present(String artifact, String version) {
    if (bundled == null) {
      bundled = bundled(classPath);
    }
    if (bundled.contains(artifact + ":" + version)) {
      return true;  // inside a jar that bundles it, such as the ciclo command's jar
    }
    String jar = artifact + "-" + version;
    for (String entry : classPath) {
      String normalized = entry.replace('\\', '/');
      String name = normalized.substring(normalized.lastIndexOf('/') + 1);
      if (name.equals(jar + ".jar") || name.startsWith(jar + "-") && name.endsWith(".jar")
          || normalized.endsWith("/" + artifact + "/target/classes")
          || normalized.endsWith("/" + artifact + "/target/classes/")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code artifact:version} of every artifact whose Maven descriptor
   * ({@code META-INF/maven/<group>/<artifact>/pom.properties}) a jar on the class path holds:
   * one for a plain jar, hundreds for a shaded one.
   */
  static Set<String> bundled(Set<String> classPath) {
    Set<String> out = new java.util.HashSet<>();
    for (String entry : classPath) {
      if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
        continue;
      }
      try (JarFile jar = new JarFile(entry)) {
        for (var e : java.util.Collections.list(jar.entries())) {
          String n = e.getName();
          if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            try (var in = jar.getInputStream(e)) {
              p.load(in);
            }
            if (p.getProperty("artifactId") != null && p.getProperty("version") != null) {
              out.add(p.getProperty("artifactId") + ":" + p.getProperty("version"));
            }
          }
        }
      } catch (IOException e) {
        // not a readable jar: it bundles nothing we can see
      }
    }
    return out;
  }

  /** The expanded class path, for tests and messages. */
  List<String> entries() {
    return new ArrayList<>(classPath);
  }
}
