/**
 * A Java kernel for Jupyter: cells run in JShell inside the kernel's JVM, against the kernel's
 * class path (Ciclo and its dependencies), and the value of a cell's last expression is shown
 * through the renderer registry of IJava's base library ({@code jupyter-jvm-basekernel}).
 *
 * <p>Images ({@link java.awt.image.BufferedImage}) show as PNG. Other libraries add renderers for
 * their own types by implementing {@link dev.ciclo.jupyter.NotebookRenderers} and listing the
 * class in {@code META-INF/services/dev.ciclo.jupyter.NotebookRenderers}.
 *
 * <p>Install the kernel with {@link dev.ciclo.jupyter.KernelSpec#install}; start it with
 * {@link dev.ciclo.jupyter.CicloKernel#main}.
 */
package dev.ciclo.jupyter;
