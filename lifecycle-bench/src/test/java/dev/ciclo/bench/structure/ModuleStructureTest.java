package dev.ciclo.bench.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module boundaries, checked on the compiled classes of every library module this module
 * depends on: no package cycle inside a module (jdeps, as {@code jdeps -verbose:package} shows
 * it), and every module descriptor exports exactly its packages that are not {@code internal}.
 */
class ModuleStructureTest {
  /** One class of each library module, to find where its classes are. */
  static Stream<Class<?>> modules() {
    return Stream.of(dev.ciclo.api.data.Dataset.class, dev.ciclo.core.train.TrainingLoop.class,
        dev.ciclo.augment.audio.Wav.class, dev.ciclo.monitor.LogMonitor.class,
        dev.ciclo.kafka.KafkaPredictionLog.class,
        dev.ciclo.nd4j.MlpClassifier.class, dev.ciclo.serve.InferenceServer.class);
  }

  private static Path location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modules")
  @DisplayName("jdeps finds no package cycle in the module")
  void noPackageCycle(Class<?> anchor) throws Exception {
    Path classes = classesWithoutDescriptor(location(anchor));
    ToolProvider jdeps = ToolProvider.findFirst("jdeps")
        .orElseThrow(() -> new AssertionError("the JDK's jdeps tool is missing"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // the classes without their module-info: jdeps then needs no module path for the
    // dependencies (some, such as xgboost4j_2.12, have no valid automatic module name)
    int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package",
        "-filter:none", classes.toString());
    assertEquals(0, code, err.toString());
    Map<String, Set<String>> edges = new HashMap<>();
    int count = 0;
    for (String line : out.toString().split("\\R")) {
      String[] t = line.strip().split("\\s+");
      if (t.length >= 3 && t[1].equals("->") && t[0].startsWith("dev.ciclo.")
          && t[2].startsWith("dev.ciclo.") && !t[0].equals(t[2])) {
        edges.computeIfAbsent(t[0], k -> new HashSet<>()).add(t[2]);
        count++;
      }
    }
    assertTrue(count > 0 || anchor.getPackageName().equals("dev.ciclo.nd4j"),
        "jdeps output not understood: " + out);
    assertEquals(List.of(), cycles(edges), "package cycles in " + classes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modules")
  @DisplayName("a module descriptor exports every package but the internal ones")
  void exportsPublicPackagesOnly(Class<?> anchor) throws Exception {
    Path classes = location(anchor);
    Set<ModuleReference> found = ModuleFinder.of(classes).findAll();
    ModuleDescriptor d = found.isEmpty() ? null : found.iterator().next().descriptor();
    if (d == null || d.isAutomatic()) {
      // lifecycle-nd4j cannot be a named module (its pom says why). Any other must have one.
      assertTrue(Set.of("dev.ciclo.nd4j").contains(
          anchor.getPackageName().replaceFirst("^(dev\\.ciclo\\.[a-z0-9]+).*$", "$1")),
          anchor.getPackageName() + " has no module descriptor");
      return;
    }
    Set<String> publicPackages = new TreeSet<>();
    for (String p : d.packages()) {
      if (!p.endsWith(".internal")) {
        publicPackages.add(p);
      }
    }
    Set<String> unqualified = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    for (ModuleDescriptor.Exports e : d.exports()) {
      if (e.isQualified()) {
        // internal packages go to Ciclo's own modules only, and to protobuf, which reads the
        // messages protoc generated for lifecycle-serve's gRPC front reflectively
        if (!e.source().endsWith(".internal") || !e.targets().stream()
            .allMatch(t -> t.startsWith("dev.ciclo.") || t.equals("com.google.protobuf"))) {
          wrong.add(e.toString());
        }
      } else {
        unqualified.add(e.source());
      }
    }
    assertEquals(publicPackages, unqualified, d.name() + " exports");
    assertEquals(List.of(), wrong, d.name() + ": qualified exports other than internal to Ciclo");
  }

  /** A temporary copy of a module's classes (folder or jar) without module-info.class. */
  private static Path classesWithoutDescriptor(Path location) throws Exception {
    Path copy = Files.createTempDirectory("ciclo-classes");
    copy.toFile().deleteOnExit();
    Path root = location;
    FileSystem jar = null;
    if (Files.isRegularFile(location)) {
      jar = FileSystems.newFileSystem(location);
      root = jar.getPath("/");
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")
          && !p.getFileName().toString().equals("module-info.class")
          && !p.toString().contains("META-INF")).toList()) {
        Path target = copy.resolve(root.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    } finally {
      if (jar != null) {
        jar.close();
      }
    }
    return copy;
  }

  /** The strongly connected components with more than one package (Tarjan). */
  static List<List<String>> cycles(Map<String, Set<String>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    List<String> stack = new ArrayList<>();
    Set<String> on = new HashSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : new TreeSet<>(g.keySet())) {
      if (!index.containsKey(v)) {
        connect(v, g, index, low, stack, on, out, counter);
      }
    }
    return out;
  }

  private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
      Map<String, Integer> low, List<String> stack, Set<String> on, List<List<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.add(v);
    on.add(v);
    for (String w : g.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, g, index, low, stack, on, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (on.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.remove(stack.size() - 1);
        on.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        component.sort(null);
        out.add(component);
      }
    }
  }
}
