/**
 * The workspace: one folder that holds everything a project writes ({@code runs/},
 * {@code models/}, {@code logs/}, {@code reports/}), as plain files a person can read, copy and
 * diff. {@link dev.ciclo.core.workspace.AtomicFiles} writes every file atomically, so a crash
 * never leaves a half-written file where a reader would find it.
 */
package dev.ciclo.core.workspace;
