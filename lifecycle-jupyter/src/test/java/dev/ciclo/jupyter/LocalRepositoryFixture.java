package dev.ciclo.jupyter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds a throwaway local Maven repository with small compiled artifacts, for %maven tests. */
final class LocalRepositoryFixture {
  private LocalRepositoryFixture() {}

  /**
   * Compiles the classes, jars them and installs jar and pom as {@code group:artifact:version}.
   *
   * @param sources class name to its source
   * @param dependencies {@code group:artifact:version} of artifacts already installed here,
   *     optionally followed by {@code :optional} or {@code :scope:SCOPE}
   */
  static void install(Path repo, String group, String artifact, String version,
      Map<String, String> sources, List<String> dependencies) throws IOException {
    Path dir = Files.createDirectories(
        repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
    Path src = Files.createTempDirectory("fixture-src");
    Path classes = Files.createTempDirectory("fixture-classes");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
    StringBuilder cp = new StringBuilder();
    StringBuilder deps = new StringBuilder();
    for (String d : dependencies) {
      String[] gav = d.split(":");
      cp.append(repo.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
          .resolve(gav[1] + "-" + gav[2] + ".jar")).append(java.io.File.pathSeparator);
      deps.append("<dependency><groupId>").append(gav[0]).append("</groupId><artifactId>")
          .append(gav[1]).append("</artifactId><version>").append(gav[2]).append("</version>")
          .append(gav.length > 3 ? "<" + gav[3] + ">" + (gav[3].equals("scope") ? gav[4]
              : "true") + "</" + gav[3] + ">" : "")
          .append("</dependency>");
    }
    if (cp.length() > 0) {
      args.addAll(List.of("-cp", cp.toString()));
    }
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      args.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("fixture sources do not compile");
    }
    writeJar(classes, dir.resolve(artifact + "-" + version + ".jar"));
    Files.writeString(dir.resolve(artifact + "-" + version + ".pom"),
        "<project><modelVersion>4.0.0</modelVersion><groupId>" + group + "</groupId>"
            + "<artifactId>" + artifact + "</artifactId><version>" + version + "</version>"
            + "<dependencies>" + deps + "</dependencies></project>\n",
        StandardCharsets.UTF_8);
  }

  static void writeJar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(f));
        j.closeEntry();
      }
    }
  }

  /** Settings that use only {@code repo}, offline: nothing is downloaded. */
  static Path offlineSettings(Path dir, Path repo) throws IOException {
    Path settings = dir.resolve("settings.xml");
    Files.writeString(settings, "<settings><localRepository>" + repo + "</localRepository>"
        + "<offline>true</offline></settings>\n", StandardCharsets.UTF_8);
    return settings;
  }
}
