package dev.ciclo.core.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts about where a run ran, for {@link dev.ciclo.api.train.RunRecord#environment()}: the
 * Ciclo, Tribuo and JVM versions, the OS and the number of processors.
 */
public final class RunEnvironment {
  private RunEnvironment() {}

  /**
   * The facts of this JVM.
   *
   * @return an unmodifiable map with keys {@code ciclo.version}, {@code tribuo.version},
   *     {@code java.version}, {@code java.vendor}, {@code java.vm.name}, {@code os.name},
   *     {@code os.arch}, {@code processors}
   */
  public static Map<String, String> current() {
    Map<String, String> m = new LinkedHashMap<>();
    String ciclo = RunEnvironment.class.getPackage().getImplementationVersion();
    m.put("ciclo.version", ciclo == null ? "development" : ciclo);
    m.put("tribuo.version", org.tribuo.Tribuo.VERSION);
    for (String p : new String[] {"java.version", "java.vendor", "java.vm.name", "os.name",
        "os.arch"}) {
      m.put(p, System.getProperty(p, "unknown"));
    }
    m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return Map.copyOf(m);
  }
}
