/**
 * Renders Ciclo's results for people: as text for logs, as HTML for notebooks and reports, and
 * as PNG charts drawn with XChart (learning curve, validation curve, confusion-matrix heat map,
 * slice error bars, reliability diagram).
 *
 * <p>{@link dev.ciclo.report.Reports} is the one-call entry point ({@code Reports.text(x)},
 * {@code Reports.html(x)}, {@code Reports.png(chart)}, {@code Reports.image(chart)});
 * {@link dev.ciclo.report.Charts} builds the XChart charts, which a caller may restyle before
 * rendering. Everything renders headless.
 */
package dev.ciclo.report;
