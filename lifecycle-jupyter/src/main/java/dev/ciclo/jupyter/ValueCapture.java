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
        Object value = doitMethod.invoke(null);
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
