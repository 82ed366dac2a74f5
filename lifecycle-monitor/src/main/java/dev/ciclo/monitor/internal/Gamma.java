package dev.ciclo.monitor.internal;

/** The log-gamma function and the chi-square distribution's tail. */
public final class Gamma {
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };
  private static final double EPS = 1e-16;

  private Gamma() {}

  /**
   * {@code ln Γ(x)} for {@code x > 0} (Lanczos, g = 7).
   *
   * @param x the argument, positive
   * @return the value
   */
  public static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = LANCZOS[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += LANCZOS[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /**
   * The chi-square distribution's survival function {@code P(X >= x)}.
   *
   * @param x the statistic, not negative
   * @param dof the degrees of freedom, positive
   * @return the p-value
   */
  public static double chiSquareSf(double x, double dof) {
    if (x <= 0) {
      return 1.0;
    }
    return upperRegularized(dof / 2, x / 2);
  }

  /** Q(a, x) = Γ(a, x) / Γ(a), by series or continued fraction (Numerical Recipes 6.2). */
  static double upperRegularized(double a, double x) {
    double logPrefix = -x + a * Math.log(x) - logGamma(a);
    if (x < a + 1) {
      double ap = a;
      double sum = 1.0 / a;
      double del = sum;
      for (int n = 0; n < 10_000; n++) {
        ap += 1;
        del *= x / ap;
        sum += del;
        if (Math.abs(del) < Math.abs(sum) * EPS) {
          break;
        }
      }
      return Math.max(0, 1 - sum * Math.exp(logPrefix));
    }
    double b = x + 1 - a;
    double c = 1 / 1e-300;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < 1e-300) {
        d = 1e-300;
      }
      c = b + an / c;
      if (Math.abs(c) < 1e-300) {
        c = 1e-300;
      }
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < EPS) {
        break;
      }
    }
    return Math.min(1, Math.exp(logPrefix) * h);
  }
}
