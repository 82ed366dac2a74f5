package dev.ciclo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiPurityTest {
  private static final Path MAIN = Path.of("src/main/java");

  @Test
  @DisplayName("main sources import nothing outside java.* and the api itself")
  void importsOnlyJdk() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String t = line.strip();
          if (t.startsWith("import ")) {
            String name = t.substring(7).replace("static ", "").strip();
            if (!name.startsWith("java.") && !name.startsWith("dev.ciclo.api")) {
              offenders.add(f + ": " + t);
            }
          }
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  @DisplayName("every package has a package-info.java")
  void everyPackageDocumented() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> dirs = Files.walk(MAIN)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        boolean hasJava;
        try (Stream<Path> s = Files.list(d)) {
          hasJava = s.anyMatch(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"));
        }
        if (hasJava && !Files.exists(d.resolve("package-info.java"))) {
          missing.add(d.toString());
        }
      }
    }
    assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
  }
}
