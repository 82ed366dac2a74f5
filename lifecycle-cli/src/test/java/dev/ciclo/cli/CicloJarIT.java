package dev.ciclo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciclo.testkit.Required;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded {@code ciclo.jar} as a user does, after {@code package}: exit codes, and the
 * notebooks executed by {@code jupyter nbconvert --execute} on the kernel that
 * {@code ciclo kernel install --user} installed, exactly as the README says. Jupyter's and the
 * kernel's own folders are temporary ({@code JUPYTER_DATA_DIR}); the kernel and {@code %maven}
 * resolve from a throwaway local repository under target/ that holds this build's modules, as
 * the README's {@code mvn install} would put them in {@code ~/.m2} (never the user's).
 *
 * <p>Needs Jupyter ({@code jupyter} on the PATH) and the data folder ({@link Required}): without
 * them the notebook tests are skipped, and under {@code CI=true} they fail instead.
 */
class CicloJarIT {
  private static final Path JAR = Path.of(System.getProperty("ciclo.jar", "target/ciclo.jar"));
  private static final Path ROOT = Path.of(System.getProperty(Required.ROOT_PROPERTY,
      Path.of("").toAbsolutePath().getParent().toString()));

  /** What a process did. */
  record Ran(int code, String out, String err) {}

  static Ran exec(Map<String, String> env, Path dir, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("ciclo-it", ".out");
    Path err = Files.createTempFile("ciclo-it", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 min");
    }
    return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  @DisplayName("java -jar ciclo.jar: --help exits 0, a usage error 2, a failure 1 with a message")
  void exitCodes(@TempDir Path dir) throws Exception {
    Ran help = exec(Map.of(), dir, java(), "-jar", JAR.toString(), "--help");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().startsWith("Usage: ciclo [-hV] [COMMAND]"), help.out());
    Ran usage = exec(Map.of(), dir, java(), "-jar", JAR.toString(), "runs", "show");
    assertEquals(2, usage.code());
    assertTrue(usage.err().startsWith("Missing required parameter: 'RUN'"), usage.err());
    Ran fail = exec(Map.of(), dir, java(), "-jar", JAR.toString(), "runs", "list");
    assertEquals(1, fail.code());
    assertEquals("ciclo: no workspace at " + dir.toRealPath().resolve("ciclo-workspace")
        + " (no runs/ folder); give one with --workspace DIR (ciclo demo writes"
        + " ciclo-demo/run-<time>/workspace)", fail.err().strip());
    Ran version = exec(Map.of(), dir, java(), "-jar", JAR.toString(), "--version");
    assertTrue(version.out().startsWith("ciclo 0.1.0-SNAPSHOT, Java "), version.out());
  }

  private static Path jupyter() {
    List<Path> candidates = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      candidates.add(Path.of(d, "jupyter"));
    }
    return Required.program("jupyter", candidates.stream().filter(Files::isExecutable)
        .findFirst());
  }

  private static Path dataDir() {
    Required.data("fsdd/recordings");
    Required.data("noise");
    return Required.dataDir();
  }

  /** Settings for a throwaway local repository, fed from the build's repository as a mirror. */
  private static Path settings(Path dir, Path repo) throws IOException {
    Path buildRepo = Path.of(System.getProperty("build.repository",
        System.getProperty("user.home") + "/.m2/repository"));
    Path s = dir.resolve("settings.xml");
    Files.writeString(s, "<settings><localRepository>" + repo + "</localRepository>"
        + "<mirrors><mirror><id>build</id><mirrorOf>*</mirrorOf><url>"
        + buildRepo.toUri() + "</url></mirror></mirrors></settings>\n", StandardCharsets.UTF_8);
    return s;
  }

  private static Path reactorRepository;

  /**
   * A throwaway local repository (under target/) holding what the README's {@code mvn install}
   * puts in {@code ~/.m2}: every module's pom and jar as this build made them; the third-party
   * artifacts come from the build's repository as a mirror when first asked for. Made once for
   * the class: the notebook tests share the artifacts copied on the way.
   */
  static synchronized Path reactorRepository() throws IOException {
    if (reactorRepository != null) {
      return reactorRepository;
    }
    Path target = JAR.toAbsolutePath().getParent();
    Path dir = Files.createTempDirectory(Files.createDirectories(target), "it-m2-");
    Path repo = dir.resolve("repository");
    String rootPom = Files.readString(ROOT.resolve("pom.xml"));
    install(repo, "ciclo-parent", ROOT.resolve("pom.xml"), null);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<module>([^<]+)</module>")
        .matcher(rootPom);
    while (m.find()) {
      Path pom = ROOT.resolve(m.group(1)).resolve("pom.xml");
      String text = Files.readString(pom);
      // the module's own artifactId: the first outside its <parent> block (the BOM has none)
      String artifact = text.replaceFirst("(?s)<parent>.*?</parent>", "")
          .replaceFirst("(?s).*?<artifactId>([^<]+)</artifactId>.*", "$1");
      Path jar = ROOT.resolve(m.group(1)).resolve("target")
          .resolve(artifact + "-" + VERSION + ".jar");
      install(repo, artifact, pom, Files.isRegularFile(jar) ? jar : null);
    }
    reactorRepository = repo;
    return repo;
  }

  private static final String VERSION = "0.1.0-SNAPSHOT";

  /** The class path that {@code kernel install} wrote into a kernel spec. */
  private static List<String> kernelClassPath(Path kernelJson) throws IOException {
    JsonNode argv = new ObjectMapper().readTree(kernelJson.toFile()).path("argv");
    for (int i = 0; i < argv.size() - 1; i++) {
      if (argv.get(i).asText().equals("-cp")) {
        return List.of(argv.get(i + 1).asText().split(File.pathSeparator));
      }
    }
    throw new AssertionError("no -cp in " + argv);
  }

  /**
   * {@code ciclo kernel install --user} as the README gives it, into a temporary Jupyter
   * folder, resolving from the throwaway repository; checks that the kernel starts with
   * lifecycle-jupyter and its dependencies only.
   */
  private static Map<String, String> installKernel(Path dir, Map<String, String> extraEnv)
      throws Exception {
    Path repo = reactorRepository();
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("JUPYTER_DATA_DIR", dir.resolve("jupyter").toString());
    env.put("CICLO_MAVEN_SETTINGS", settings(dir, repo).toString());
    Ran install = exec(env, ROOT, java(), "-jar", JAR.toString(), "kernel", "install", "--user");
    assertEquals(0, install.code(), install.err());
    List<String> cp = kernelClassPath(dir.resolve("jupyter/kernels/ciclo-java/kernel.json"));
    assertEquals(repo.resolve("dev/ciclo/lifecycle-jupyter/" + VERSION + "/lifecycle-jupyter-"
        + VERSION + ".jar").toString(), cp.get(0));
    for (String entry : cp) {
      assertTrue(entry.startsWith(repo.toString()), "from the local repository: " + entry);
      assertTrue(!entry.contains("lifecycle-monitor") && !entry.contains("examples")
          && !entry.contains("lifecycle-core") && !entry.contains("ciclo.jar"),
          "the kernel starts without the modules a notebook adds: " + entry);
    }
    return env;
  }

  @Test
  @DisplayName("the README's notebook commands: kernel install --user, then nbconvert --execute"
      + " runs both notebooks unchanged, each loading Ciclo with %maven")
  void notebooks(@TempDir Path dir) throws Exception {
    Path jupyter = jupyter();
    Path data = dataDir();
    Map<String, String> env = installKernel(dir,
        Map.of("CICLO_DATA_DIR", data.toAbsolutePath().toString()));
    Path notebooks = ROOT.resolve("examples/notebooks");
    for (String nb : List.of("error-analysis.ipynb", "full-cycle.ipynb")) {
      Ran r = exec(env, ROOT, jupyter.toString(), "nbconvert", "--to", "notebook", "--execute",
          "--ExecutePreprocessor.kernel_name=ciclo-java", "--ExecutePreprocessor.timeout=600",
          "--output-dir", dir.toString(), notebooks.resolve(nb).toString());
      assertEquals(0, r.code(), nb + " failed:\n" + r.err());
    }
    JsonNode ea = cells(dir.resolve("error-analysis.ipynb"));
    assertTrue(mime(ea, "MfccSummary mfcc").contains("text/html"));
    assertEquals(List.of("image/png", "text/plain"), mime(ea, "evaluation.confusion()"));
    assertTrue(data(ea, "ErrorAnalysis analysis", "text/html").contains("car-noise"));
    assertTrue(data(ea, "LearningCurve curve", "text/html").contains("data:image/png"));
    assertTrue(mime(ea, "BiasVariance diagnosis").contains("text/html"));
    JsonNode fc = cells(dir.resolve("full-cycle.ipynb"));
    assertTrue(mime(fc, "ImageIO.read(result.reportDir().resolve(\"noisy").contains("image/png"));
    assertTrue(mime(fc, "ImageIO.read(result.reportDir().resolve(\"learning")
        .contains("image/png"));
    String printed = text(fc, "CycleResult result");
    for (String step : List.of("1. Scope", "3. Train and analyse", "7. Maintain")) {
      assertTrue(printed.contains(step), "the run cell should print '" + step + "':\n" + printed);
    }
    String alerts = text(fc, "List<String> alerts");
    assertTrue(alerts.startsWith("alerts before the change: 0;"), alerts);
    assertTrue(text(fc, "result.swapRequests()").contains(" 0 failed; now serving v2"));
  }

  @Test
  @DisplayName("on the kernel the README installs, a class of lifecycle-monitor is absent until"
      + " %maven adds the module and its dependencies; then the next cell uses it")
  void mavenMagicAddsAModule(@TempDir Path dir) throws Exception {
    Path jupyter = jupyter();
    Map<String, String> env = installKernel(dir, Map.of());
    Path nb = dir.resolve("maven.ipynb");
    writeNotebook(nb, List.of(
        "boolean has(String c) { try { Class.forName(c); return true; }"
            + " catch (ClassNotFoundException e) { return false; } }\n"
            + "has(\"dev.ciclo.monitor.batch.KolmogorovSmirnov\") + \" \""
            + " + has(\"org.apache.commons.math3.util.FastMath\")",
        "%maven dev.ciclo:lifecycle-monitor:" + VERSION,
        "import dev.ciclo.monitor.batch.KolmogorovSmirnov;\n"
            + "KolmogorovSmirnov.create().getClass().getSimpleName() + \" \""
            + " + has(\"org.apache.commons.math3.util.FastMath\")"));
    Ran r = exec(env, dir, jupyter.toString(), "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.kernel_name=ciclo-java", "--output", "maven.executed",
        nb.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode cells = cells(dir.resolve("maven.executed.ipynb"));
    assertEquals("false false", plain(cells.get(0)));
    assertEquals("KolmogorovSmirnov true", plain(cells.get(2)));
  }

  @Test
  @DisplayName("kernel install without the artifacts in the local repository says to run mvn"
      + " install first, exit 1")
  void kernelInstallBeforeMvnInstall(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path s = dir.resolve("offline.xml");
    Files.writeString(s, "<settings><localRepository>" + empty + "</localRepository>"
        + "<offline>true</offline></settings>\n", StandardCharsets.UTF_8);
    Ran r = exec(Map.of("JUPYTER_DATA_DIR", dir.resolve("jupyter").toString(),
        "CICLO_MAVEN_SETTINGS", s.toString()), dir, java(), "-jar", JAR.toString(), "kernel",
        "install", "--user");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().startsWith("ciclo: cannot resolve the kernel, dev.ciclo:lifecycle-jupyter:"
        + VERSION + ": run `mvn install` in Ciclo's checkout first"), r.err());
    assertTrue(Files.notExists(dir.resolve("jupyter/kernels/ciclo-java")));
  }

  @Test
  @DisplayName("ciclo demo twice in one folder: two fresh workspaces, the same story")
  void demoTwice(@TempDir Path dir) throws Exception {
    Path data = dataDir();
    Map<String, String> env = Map.of("CICLO_DATA_DIR", data.toAbsolutePath().toString(),
        "CICLO_DOWNLOAD", "false", "OMP_NUM_THREADS", "1");
    Ran first = exec(env, dir, java(), "-jar", JAR.toString(), "demo", "--recipe", "fast");
    Ran second = exec(env, dir, java(), "-jar", JAR.toString(), "demo", "--recipe", "fast");
    assertEquals(0, first.code(), first.err());
    assertEquals(0, second.code(), second.err());
    assertEquals("", first.err(), "nothing on standard error (Tribuo's logging goes through"
        + " SLF4J at warn)");
    assertTrue(first.out().contains("/workspace (fresh)"), first.out());
    assertTrue(second.out().contains("/workspace (fresh)"), second.out());
    assertEquals(story(first.out()), story(second.out()));
    List<Path> runs;
    try (var list = Files.list(dir.resolve("ciclo-demo"))) {
      runs = list.sorted().toList();
    }
    assertEquals(2, runs.size(), "one folder per run");
    // the demo's workspace, read back by the other commands
    String ws = runs.get(0).resolve("workspace").toString();
    Ran lineage = exec(Map.of(), dir, java(), "-jar", JAR.toString(), "lineage", "digits",
        "--workspace", ws);
    assertEquals(0, lineage.code(), lineage.err());
    assertTrue(lineage.out().startsWith("digits version 2, trained by run "), lineage.out());
    assertTrue(lineage.out().contains("  replaced version 1 (run "), lineage.out());
    Ran list = exec(Map.of(), dir, java(), "-jar", JAR.toString(), "runs", "list", "-w", ws);
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().lines().count() >= 3, list.out());
    Ran report = exec(Map.of(), dir, java(), "-jar", JAR.toString(), "monitor", "report",
        runs.get(0).toString());
    assertEquals(0, report.code(), report.err());
    assertTrue(report.out().contains("DRIFT"), report.out());
  }

  /** The demo's output without what differs between runs by nature: paths, ports, clocks. */
  static String story(String out) {
    return out.lines()
        .filter(l -> !l.startsWith("step times") && !l.startsWith("under live traffic"))
        .map(l -> l.replaceAll("run-\\d{8}-\\d{6}(-\\d+)?", "run-T")
            .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:P")
            .replaceAll("\\d{8}T\\d{6,}Z", "T")
            .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "T")
            .replaceAll("at=\\S+Z", "at=T"))
        .collect(Collectors.joining("\n"));
  }

  /** Installs a module's pom (and jar) into a local repository as Maven would. */
  private static void install(Path repo, String artifact, Path pom, Path jar) throws IOException {
    Path d = Files.createDirectories(repo.resolve("dev/ciclo").resolve(artifact)
        .resolve("0.1.0-SNAPSHOT"));
    Files.copy(pom, d.resolve(artifact + "-0.1.0-SNAPSHOT.pom"));
    if (jar != null) {
      Files.copy(jar, d.resolve(artifact + "-0.1.0-SNAPSHOT.jar"));
    }
  }

  private static void writeNotebook(Path file, List<String> sources) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ObjectNode nb = m.createObjectNode();
    ArrayNode cells = nb.putArray("cells");
    for (String s : sources) {
      ObjectNode c = cells.addObject();
      c.put("cell_type", "code");
      c.putObject("metadata");
      c.putArray("outputs");
      c.putNull("execution_count");
      c.put("source", s);
    }
    ObjectNode meta = nb.putObject("metadata");
    meta.putObject("kernelspec").put("name", "java").put("display_name", "Java")
        .put("language", "java");
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    m.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), nb);
  }

  private static JsonNode cells(Path executed) throws IOException {
    return new ObjectMapper().readTree(executed.toFile()).path("cells");
  }

  private static String join(JsonNode n) {
    if (n.isArray()) {
      StringBuilder sb = new StringBuilder();
      n.forEach(x -> sb.append(x.asText()));
      return sb.toString();
    }
    return n.asText();
  }

  private static JsonNode cell(JsonNode cells, String startsWith) {
    for (JsonNode c : cells) {
      if ("code".equals(c.path("cell_type").asText())
          && join(c.path("source")).strip().startsWith(startsWith)) {
        return c;
      }
    }
    throw new AssertionError("no code cell starting with " + startsWith);
  }

  private static List<String> mime(JsonNode cells, String startsWith) {
    List<String> types = new ArrayList<>();
    for (JsonNode o : cell(cells, startsWith).path("outputs")) {
      o.path("data").fieldNames().forEachRemaining(types::add);
    }
    types.sort(null);
    return types;
  }

  private static String data(JsonNode cells, String startsWith, String type) {
    for (JsonNode o : cell(cells, startsWith).path("outputs")) {
      if (o.path("data").has(type)) {
        return join(o.path("data").path(type));
      }
    }
    return "";
  }

  private static String plain(JsonNode cell) {
    for (JsonNode o : cell.path("outputs")) {
      if (o.path("data").has("text/plain")) {
        return join(o.path("data").path("text/plain"));
      }
    }
    return "";
  }

  private static String text(JsonNode cells, String startsWith) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode o : cell(cells, startsWith).path("outputs")) {
      if (o.has("text")) {
        sb.append(join(o.path("text")));
      } else if (o.path("data").has("text/plain")) {
        sb.append(join(o.path("data").path("text/plain")));
      }
    }
    return sb.toString();
  }
}
