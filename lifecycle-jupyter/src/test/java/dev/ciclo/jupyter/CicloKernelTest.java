package dev.ciclo.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CicloKernelTest {
  private static CicloKernel kernel;

  @BeforeAll
  static void start() {
    System.setProperty("java.awt.headless", "true");
    kernel = new CicloKernel();
  }

  @AfterAll
  static void stop() {
    kernel.onShutdown(false);
  }

  @Test
  @DisplayName("the last expression of a cell is shown; declarations persist across cells")
  void expressionsAndState() throws Exception {
    assertNull(kernel.eval("int x = 20;"));
    DisplayData d = kernel.eval("int y = x + 1;\ny * 2");
    assertEquals("42", d.getData(MIMEType.TEXT_PLAIN));
    assertEquals("ab", kernel.eval("\"a\" + \"b\"").getData(MIMEType.TEXT_PLAIN));
    assertNull(kernel.eval("void hello() {}"));
    assertNull(kernel.eval("hello();"));
  }

  @Test
  @DisplayName("the cell sees the kernel's class path")
  void seesClassPath() throws Exception {
    DisplayData d = kernel.eval(
        "org.junit.jupiter.api.Assertions.class.getSimpleName()");
    assertEquals("Assertions", d.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  @DisplayName("an image is shown as a PNG of the same size")
  void imageAsPng() throws Exception {
    DisplayData d = kernel.eval(
        "new java.awt.image.BufferedImage(32, 16, java.awt.image.BufferedImage.TYPE_INT_RGB)");
    Object png = d.getData(MIMEType.IMAGE_PNG);
    BufferedImage back =
        ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) png)));
    assertEquals(32, back.getWidth());
    assertEquals(16, back.getHeight());
  }

  @Test
  @DisplayName("Ciclo's results show as HTML and text, a confusion matrix as a PNG heat map")
  void cicloResults() throws Exception {
    kernel.eval("import dev.ciclo.api.analysis.*;");
    DisplayData d = kernel.eval("new BiasVariance(0.01, 0.10, 0.12, 0.02, 0.02, Diagnosis.HIGH_BIAS,"
        + " java.util.List.of(\"bigger model\"))");
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("bigger model"), html);
    assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).contains("HIGH_BIAS"));
    DisplayData m = kernel.eval(
        "ConfusionMatrix.of(java.util.List.of(\"a\", \"b\"), new long[][] {{3, 1}, {0, 4}})");
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode((String) m.getData(MIMEType.IMAGE_PNG))));
    assertTrue(png.getWidth() > 100 && png.getHeight() > 100, png.toString());
  }

  @Test
  @DisplayName("%maven adds an artifact and its dependencies from the local repository; the"
      + " next cell uses them")
  void mavenMagicResolvesTransitively(@TempDir Path dir) throws Exception {
    Path repo = dir.resolve("repository");
    LocalRepositoryFixture.install(repo, "test.ciclo", "word", "1.0", java.util.Map.of(
        "word.Word", "package word; public class Word { public static String word() {"
            + " return \"transitive\"; } }"), java.util.List.of());
    LocalRepositoryFixture.install(repo, "test.ciclo", "greeter", "1.0", java.util.Map.of(
        "greet.Greeter", "package greet; public class Greeter { public static String hello() {"
            + " return \"hello \" + word.Word.word(); } }"),
        java.util.List.of("test.ciclo:word:1.0"));
    Path settings = LocalRepositoryFixture.offlineSettings(dir, repo);
    CicloKernel k = new CicloKernel(System.getProperty("java.class.path"),
        () -> MavenResolution.fromEnvironment(
            java.util.Map.of("CICLO_MAVEN_SETTINGS", settings.toString()), dir));
    try {
      assertNull(k.eval("%maven test.ciclo:greeter:1.0"));
      DisplayData d = k.eval("greet.Greeter.hello()");
      assertEquals("hello transitive", d.getData(MIMEType.TEXT_PLAIN));
      assertEquals("transitive", k.eval("word.Word.word()").getData(MIMEType.TEXT_PLAIN));
      CicloKernel.CellException e = assertThrows(CicloKernel.CellException.class,
          () -> k.eval("%maven no.such:artifact:9.9"));
      assertTrue(e.getMessage().startsWith("%maven no.such:artifact:9.9: cannot resolve it from"
          + " the local repository " + repo), e.getMessage());
    } finally {
      k.onShutdown(false);
    }
  }

  @Test
  @DisplayName("%maven keeps what the class path already has and rejects malformed lines")
  void mavenMagic() throws Exception {
    CicloKernel.CellException e;
    e = assertThrows(CicloKernel.CellException.class, () -> kernel.eval("%maven broken"));
    assertEquals("%maven expects group:artifact:version but was 'broken'", e.getMessage());
    e = assertThrows(CicloKernel.CellException.class, () -> kernel.eval("%jars x.jar"));
    assertEquals("unknown line magic %jars; this kernel knows %maven and %loadFromPOM",
        e.getMessage());
  }

  @Test
  @DisplayName("a cell that does not compile fails with the compiler's message")
  void compileError() {
    CicloKernel.CellException e =
        assertThrows(CicloKernel.CellException.class, () -> kernel.eval("int z = \"text\";"));
    assertTrue(e.getMessage().startsWith("cannot compile `int z = \"text\";`"), e.getMessage());
    assertTrue(e.getMessage().contains("incompatible types"), e.getMessage());
  }

  @Test
  @DisplayName("a cell that throws fails with the exception's class and message")
  void runtimeError() {
    CicloKernel.CellException e = assertThrows(CicloKernel.CellException.class,
        () -> kernel.eval("throw new IllegalStateException(\"boom\");"));
    assertEquals("java.lang.IllegalStateException: boom", e.getMessage());
    assertThrows(CicloKernel.CellException.class, () -> kernel.eval("int w = (1 + "));
  }

  @Test
  @DisplayName("the kernel spec starts this kernel class headless with the given class path")
  void kernelSpec(@TempDir Path dir) throws Exception {
    // without a -Dmaven.repo.local of this JVM's (Surefire passes one given to Maven on)
    Path file = withRepoLocal(null,
        () -> KernelSpec.install(dir, "ciclo-test", "/a b/x.jar:/c\"d.jar"));
    assertEquals(dir.resolve("ciclo-test").resolve("kernel.json"), file);
    com.google.gson.JsonObject spec =
        new com.google.gson.JsonParser().parse(Files.readString(file)).getAsJsonObject();
    java.util.List<String> argv = new java.util.ArrayList<>();
    spec.getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
    assertEquals(java.util.List.of("-Djava.awt.headless=true", "-cp", "/a b/x.jar:/c\"d.jar",
        "dev.ciclo.jupyter.CicloKernel", "{connection_file}"), argv.subList(1, argv.size()));
    assertTrue(argv.get(0).endsWith("/bin/java"), argv.get(0));
    assertEquals("java", spec.get("language").getAsString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelSpec.install(dir, "bad name", "x"));
    assertEquals("name must be letters, digits, '-', '_' or '.' but was 'bad name'", e.getMessage());
  }

  @Test
  @DisplayName("a -Dmaven.repo.local given to the installing JVM is passed on to the kernel, so"
      + " %maven resolves from the repository its class path came from")
  void kernelSpecRepository(@TempDir Path dir) throws Exception {
    Path file = withRepoLocal(dir.resolve("m2/../repo").toString(),
        () -> KernelSpec.install(dir, "ciclo-test", "/x.jar"));
    com.google.gson.JsonObject spec =
        new com.google.gson.JsonParser().parse(Files.readString(file)).getAsJsonObject();
    assertEquals("-Dmaven.repo.local=" + dir.resolve("repo").toAbsolutePath(),
        spec.getAsJsonArray("argv").get(2).getAsString());
  }

  /** Runs {@code body} with {@code maven.repo.local} set to {@code value} (null: unset). */
  private static <T> T withRepoLocal(String value, java.util.concurrent.Callable<T> body)
      throws Exception {
    String before = System.getProperty("maven.repo.local");
    if (value == null) {
      System.clearProperty("maven.repo.local");
    } else {
      System.setProperty("maven.repo.local", value);
    }
    try {
      return body.call();
    } finally {
      if (before == null) {
        System.clearProperty("maven.repo.local");
      } else {
        System.setProperty("maven.repo.local", before);
      }
    }
  }

  @Test
  @DisplayName("the kernel's own class path resolves as %maven does: the artifact first, then its"
      + " runtime dependencies, without its optional and test ones")
  void kernelClassPathResolved(@TempDir Path dir) throws Exception {
    Path repo = dir.resolve("repository");
    for (String a : java.util.List.of("word", "extra", "tested")) {
      LocalRepositoryFixture.install(repo, "test.ciclo", a, "1.0", java.util.Map.of(
          a + ".W", "package " + a + "; public class W {}"), java.util.List.of());
    }
    LocalRepositoryFixture.install(repo, "test.ciclo", "kernel", "1.0", java.util.Map.of(
        "k.K", "package k; public class K {}"), java.util.List.of("test.ciclo:word:1.0",
        "test.ciclo:extra:1.0:optional", "test.ciclo:tested:1.0:scope:test"));
    Path settings = LocalRepositoryFixture.offlineSettings(dir, repo);
    String cp = KernelSpec.resolveClassPath("test.ciclo:kernel:1.0",
        java.util.Map.of("CICLO_MAVEN_SETTINGS", settings.toString()), dir);
    String sep = java.io.File.pathSeparator;
    assertEquals(repo.resolve("test/ciclo/kernel/1.0/kernel-1.0.jar") + sep
        + repo.resolve("test/ciclo/word/1.0/word-1.0.jar"), cp);
    assertTrue(KernelSpec.kernelArtifact().matches("dev\\.ciclo:lifecycle-jupyter:\\d.*"),
        KernelSpec.kernelArtifact());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelSpec.resolveClassPath("test.ciclo:absent:1.0",
            java.util.Map.of("CICLO_MAVEN_SETTINGS", settings.toString()), dir));
    assertTrue(e.getMessage().startsWith("%maven test.ciclo:absent:1.0: cannot resolve it from"
        + " the local repository " + repo), e.getMessage());
  }

  @Test
  @DisplayName("%loadFromPOM adds a project's dependencies: versions from a parent beside it,"
      + " transitive ones, not its test scope; the next cell uses them")
  void loadFromPom(@TempDir Path dir) throws Exception {
    Path repo = dir.resolve("repository");
    LocalRepositoryFixture.install(repo, "test.ciclo", "word", "1.0", java.util.Map.of(
        "word.Word", "package word; public class Word { public static String word() {"
            + " return \"from the pom\"; } }"), java.util.List.of());
    LocalRepositoryFixture.install(repo, "test.ciclo", "greeter", "1.0", java.util.Map.of(
        "greet.Greeter", "package greet; public class Greeter { public static String hello() {"
            + " return \"hello \" + word.Word.word(); } }"),
        java.util.List.of("test.ciclo:word:1.0"));
    // the parent, beside the project and not in any repository, manages greeter's version; the
    // test-scoped dependency is in no repository: resolving it would fail the cell
    Path project = Files.createDirectories(dir.resolve("project/app"));
    Files.writeString(dir.resolve("project/pom.xml"), "<project><modelVersion>4.0.0"
        + "</modelVersion><groupId>test.app</groupId><artifactId>parent</artifactId><version>2"
        + "</version><packaging>pom</packaging><dependencyManagement><dependencies><dependency>"
        + "<groupId>test.ciclo</groupId><artifactId>greeter</artifactId><version>1.0</version>"
        + "</dependency></dependencies></dependencyManagement></project>\n");
    Files.writeString(project.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>"
        + "<parent><groupId>test.app</groupId><artifactId>parent</artifactId><version>2"
        + "</version></parent><artifactId>app</artifactId><dependencies><dependency><groupId>"
        + "test.ciclo</groupId><artifactId>greeter</artifactId></dependency><dependency>"
        + "<groupId>test.ciclo</groupId><artifactId>only-in-tests</artifactId><version>1"
        + "</version><scope>test</scope></dependency></dependencies></project>\n");
    Path settings = LocalRepositoryFixture.offlineSettings(dir, repo);
    CicloKernel k = new CicloKernel(System.getProperty("java.class.path"),
        () -> MavenResolution.fromEnvironment(
            java.util.Map.of("CICLO_MAVEN_SETTINGS", settings.toString()), dir));
    try {
      assertNull(k.eval("%loadFromPOM " + project.resolve("pom.xml")));
      assertEquals("hello from the pom",
          k.eval("greet.Greeter.hello()").getData(MIMEType.TEXT_PLAIN));
      CicloKernel.CellException e = assertThrows(CicloKernel.CellException.class,
          () -> k.eval("%loadFromPOM " + project.resolve("pom.xml") + " test"));
      assertTrue(e.getMessage().startsWith("%loadFromPOM " + project.resolve("pom.xml")
          + ": cannot resolve its dependencies"), e.getMessage());
      assertTrue(e.getMessage().contains("only-in-tests"), e.getMessage());
      e = assertThrows(CicloKernel.CellException.class,
          () -> k.eval("%loadFromPOM " + dir.resolve("absent.xml")));
      assertEquals("%loadFromPOM " + dir.resolve("absent.xml") + ": no such file",
          e.getMessage());
    } finally {
      k.onShutdown(false);
    }
  }
}
