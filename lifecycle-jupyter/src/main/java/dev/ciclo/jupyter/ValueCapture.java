package dev.ciclo.jupyter;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in this JVM, like JShell's "local" engine, and keeps each snippet's value as an
 * object (JShell itself only reports a string), so the kernel can render the real object.
 */
final class ValueCapture implements ExecutionControlProvider {
  private final Map<String, Object> values = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public String name() {
    return "ciclo-local";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    return new LocalExecutionControl() {
      @Override
      protected String invoke(Method doitMethod) throws Exception {
        // The snippet's loader as the context loader while it runs: libraries that look up
        // services or classes through it (ServiceLoader, Jackson's modules) then see what
        // %maven added, not only the kernel's own class path.
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        Object value;
        try {
          value = doitMethod.invoke(null);
        } finally {
          t.setContextClassLoader(before);
        }
        String id = "ciclo-value-" + ids.incrementAndGet();
        if (value != null) {
          values.put(id, value);
        }
        return id;
      }
    };
  }

  /**
   * Takes the object a snippet produced, forgetting it and every older one.
   *
   * @param id the value string JShell reported
   * @return the object, or {@code null} if the snippet produced none
   */
  Object take(String id) {
    Object v = values.remove(id);
    values.clear();
    return v;
  }

  /** Forgets every kept value (the last one is taken by the caller before). */
  void clear() {
    values.clear();
  }
}
