package dev.ciclo.jupyter;

import io.github.spencerpark.jupyter.kernel.display.Renderer;

/**
 * Adds renderers for a library's own types to the kernel, found through
 * {@link java.util.ServiceLoader} when the kernel starts.
 *
 * <p>Implementations need a public no-argument constructor and are called once, on the kernel's
 * start-up thread.
 */
@FunctionalInterface
public interface NotebookRenderers {
  /**
   * Registers renderers.
   *
   * @param renderer the kernel's renderer registry
   */
  void register(Renderer renderer);
}
