package dev.ciclo.jupyter;

import dev.ciclo.api.analysis.BiasVariance;
import dev.ciclo.api.analysis.Calibration;
import dev.ciclo.api.analysis.ConfusionMatrix;
import dev.ciclo.api.analysis.ErrorAnalysis;
import dev.ciclo.api.analysis.Evaluation;
import dev.ciclo.api.analysis.LearningCurve;
import dev.ciclo.api.analysis.TagReport;
import dev.ciclo.api.analysis.ValidationCurve;
import dev.ciclo.report.Reports;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.function.Function;

/**
 * Shows Ciclo's analysis results in a notebook without extra code: each as HTML (with its chart
 * inlined where it has one) and as plain text; a confusion matrix also as a PNG heat map.
 * Registered through {@code META-INF/services/dev.ciclo.jupyter.NotebookRenderers}.
 */
public final class CicloResultRenderers implements NotebookRenderers {
  /** For {@link java.util.ServiceLoader}. */
  public CicloResultRenderers() {}

  @Override
  public void register(Renderer renderer) {
    html(renderer, Evaluation.class, Reports::html, Reports::text);
    html(renderer, ErrorAnalysis.class, Reports::html, Reports::text);
    html(renderer, BiasVariance.class, Reports::html, Reports::text);
    html(renderer, LearningCurve.class, Reports::html, Reports::text);
    html(renderer, ValidationCurve.class, Reports::html, Reports::text);
    html(renderer, Calibration.class, Reports::html, Reports::text);
    html(renderer, TagReport.class, Reports::html, Reports::text);
    renderer.createRegistration(ConfusionMatrix.class)
        .preferring(MIMEType.IMAGE_PNG)
        .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
        .register((m, ctx) -> {
          ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> base64Png(Reports.image(m)));
          ctx.renderIfRequested(MIMEType.TEXT_PLAIN, m::toString);
        });
  }

  private static <T> void html(
      Renderer renderer, Class<T> type, Function<T, String> html, Function<T, String> text) {
    renderer.createRegistration(type)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register((value, ctx) -> {
          ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html.apply(value));
          ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text.apply(value));
        });
  }

  private static String base64Png(BufferedImage image) {
    return Base64.getEncoder().encodeToString(CicloKernel.png(image));
  }
}
