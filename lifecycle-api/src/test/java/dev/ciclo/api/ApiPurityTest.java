package dev.ciclo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiPurityTest {
  private static final Path MAIN = Path.of("src/main/java");

  @Test
  @DisplayName("the compiled classes reference nothing outside java.* and the api itself (jdeps)")
  void referencesOnlyJdk() {
    Path classes = Path.of("target/classes");
    assertTrue(Files.isDirectory(classes.resolve("dev/ciclo/api")), "compiled classes at "
        + classes.toAbsolutePath());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps")
        .orElseThrow(() -> new AssertionError("the JDK's jdeps tool is missing"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class",
        "-filter:none", classes.toString());
    assertEquals(0, code, err.toString());
    // lines like "   dev.ciclo.api.X   -> java.lang.String   java.base"
    List<String> referenced = new ArrayList<>();
    List<String> offenders = new ArrayList<>();
    for (String line : out.toString().split("\\R")) {
      String[] t = line.strip().split("\\s+");
      if (t.length >= 3 && t[1].equals("->")) {
        referenced.add(t[2]);
        if (!t[2].startsWith("java.") && !t[2].startsWith("dev.ciclo.api.")) {
          offenders.add(t[0] + " -> " + t[2]);
        }
      }
    }
    assertTrue(referenced.size() > 100, "jdeps listed too few references: " + out);
    assertTrue(referenced.contains("java.lang.String"), "jdeps output not understood: " + out);
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
