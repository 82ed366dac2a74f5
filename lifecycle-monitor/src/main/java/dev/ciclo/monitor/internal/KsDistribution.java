package dev.ciclo.monitor.internal;

/**
 * The null distribution of the two-sample Kolmogorov-Smirnov statistic, computed as SciPy's
 * {@code ks_2samp(method="auto", alternative="two-sided")} does: exact lattice-path
 * probabilities when both samples hold at most 10,000 values, else the one-sample distribution
 * {@code kstwo.sf(d, round(n*m/(n+m)))} (Simard and L'Ecuyer 2011: Smirnov's exact one-sided
 * formula doubled in the tail, Pelz-Good's expansion elsewhere).
 */
public final class KsDistribution {
  /** Largest sample size for which the exact p-value is computed (SciPy's MAX_AUTO_N). */
  public static final int MAX_EXACT = 10_000;

  private static final double PI2 = Math.PI * Math.PI;
  private static final double PI4 = PI2 * PI2;
  private static final double PI6 = PI4 * PI2;
  private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
  private static final double SQRT3 = Math.sqrt(3);

  private KsDistribution() {}

  /**
   * The two-sided p-value of statistic {@code maxDiff / (n * m)}, where {@code maxDiff} is the
   * largest {@code |i*m - j*n|} over the merged samples.
   *
   * @param n the first sample's size, positive
   * @param m the second sample's size, positive
   * @param d the statistic, in {@code [0, 1]}
   * @return the p-value, in {@code [0, 1]}
   */
  public static double pValue(long n, long m, double d) {
    if (Math.max(n, m) <= MAX_EXACT) {
      long g = gcd(n, m);
      long lcm = (n / g) * m;
      long h = Math.round(d * lcm);
      if (h == 0) {
        return 1.0;
      }
      double p = n == m ? outsideSquare((int) n, (int) h) : outsideInside((int) n, (int) m, g, h);
      if (p >= 0 && p <= 1) {
        return p;
      }
    }
    double big = Math.max(n, m);
    double small = Math.min(n, m);
    long en = Math.round(big * small / (big + small));
    return clip(kstwoSf(Math.max(en, 1), d));
  }

  private static double clip(double p) {
    return Math.max(0, Math.min(1, p));
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** P(D_{n,n} >= h/n), Horner form of the reflection series (as SciPy). */
  private static double outsideSquare(int n, int h) {
    double p = 0;
    int k = n / h;
    while (k >= 0) {
      double p1 = 1.0;
      for (int j = 0; j < h; j++) {
        p1 = (n - (double) k * h - j) * p1 / (n + (double) k * h + j + 1);
      }
      p = p1 * (1.0 - p);
      k--;
    }
    return 2 * p;
  }

  /**
   * P(some lattice point has |ng*i - mg*j| >= h): the share of monotone lattice paths from
   * (0, 0) to (m, n) that leave the band, by dynamic programming on that share itself. Computing
   * it as 1 - P(inside) would cancel: a p-value of 1e-13 kept only three digits and one of
   * 1e-147 came out as 0. A point outside the band has share 1; a point inside has the
   * path-count-weighted mean of its two predecessors' shares.
   */
  private static double outsideInside(int n1, int n2, long g, long h) {
    int m = Math.max(n1, n2);
    int n = Math.min(n1, n2);
    long mg = m / g;
    long ng = n / g;
    double[] b = new double[n + 1];
    for (int j = 0; j <= n; j++) {
      b[j] = mg * j < h ? 0 : 1;
    }
    int lastLo = 0;
    for (int i = 1; i <= m; i++) {
      long center = ng * i;
      // smallest j with center - mg*j < h, largest j with mg*j - center < h
      long loL = Math.floorDiv(center - h, mg) + 1;
      long hiL = Math.floorDiv(center + h - 1, mg);
      int lo = (int) Math.max(0, loL);
      int hi = (int) Math.min(n, hiL);
      if (hi < lo) {
        return 1.0;
      }
      // the band only moves up: cells below it left it in this row, cells above never entered
      for (int j = lastLo; j < lo; j++) {
        b[j] = 1;
      }
      double left = lo == 0 ? 0 : 1;
      for (int j = lo; j <= hi; j++) {
        double v = (b[j] * i + left * j) / (i + j);
        b[j] = v;
        left = v;
      }
      lastLo = lo;
      if (i == m) {
        return hi == n ? b[n] : 1.0;
      }
    }
    return b[n];
  }

  /** SciPy's kstwo.sf(x, n): the one-sample two-sided Kolmogorov distribution's tail. */
  static double kstwoSf(long n, double x) {
    if (x >= 1.0) {
      return 0.0;
    }
    if (x <= 0.0) {
      return 1.0;
    }
    double t = n * x;
    if (t <= 1.0) {
      if (t <= 0.5) {
        return 1.0;
      }
      double logP = 0;
      for (long i = 1; i <= n; i++) {
        logP += Math.log(i * (2 * t - 1) / n);
      }
      return 1.0 - Math.exp(logP);
    }
    if (t >= n - 1) {
      return 2 * Math.pow(1.0 - x, n);
    }
    if (x >= 0.5) {
      return 2 * smirnovSf(n, x);
    }
    double nx2 = t * x;
    if (nx2 >= 370.0) {
      return 0.0;
    }
    if (nx2 >= 2.2 || n <= 140) {
      return 2 * smirnovSf(n, x);
    }
    return 1.0 - pelzGoodCdf(n, x);
  }

  /** Smirnov's exact one-sided tail P(D+_n >= x) by the Birnbaum-Tingey sum, in log space. */
  static double smirnovSf(long n, double x) {
    long last = (long) Math.floor(n * (1 - x) + 1e-12);
    double logC = 0;
    double maxLog = Double.NEGATIVE_INFINITY;
    int count = (int) (last + 1);
    double[] logs = new double[count];
    for (long j = 0; j <= last; j++) {
      if (j > 0) {
        logC += Math.log((double) (n - j + 1) / j);
      }
      double a = 1 - x - (double) j / n;
      double b = x + (double) j / n;
      double term;
      if (a <= 0) {
        term = n == j ? logC + (j - 1) * Math.log(b) : Double.NEGATIVE_INFINITY;
      } else {
        term = logC + (n - j) * Math.log(a) + (j - 1) * Math.log(b);
      }
      logs[(int) j] = term;
      maxLog = Math.max(maxLog, term);
    }
    double s = 0;
    for (double l : logs) {
      s += Math.exp(l - maxLog);
    }
    return Math.min(1, x * Math.exp(maxLog) * s);
  }

  /** Pelz and Good's (1976) approximation of P(D_n <= x). */
  static double pelzGoodCdf(long n, double x) {
    double z = Math.sqrt(n) * x;
    double z2 = z * z;
    double z3 = z2 * z;
    double z4 = z2 * z2;
    double z6 = z4 * z2;
    double qlog = -PI2 / 8 / z2;
    if (qlog < -708) {
      return 0.0;
    }
    double q = Math.exp(qlog);
    double k1a = -z2;
    double k1b = PI2 / 4;
    double k2a = 6 * z6 + 2 * z4;
    double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
    double k2c = PI4 * (1 - 2 * z2) / 16;
    double k3d = PI6 * (5 - 30 * z2) / 64;
    double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
    double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
    double k3a = -30 * z6 - 90 * z4 * z4;
    double[] k = new double[4];
    int maxk = (int) Math.ceil(16 * z / Math.PI);
    for (int kk = maxk; kk > 0; kk--) {
      double mm = 2 * kk - 1;
      double m2 = mm * mm;
      double m4 = m2 * m2;
      double m6 = m4 * m2;
      double qp = Math.pow(q, 8 * kk);
      k[0] = k[0] * qp + 1.0;
      k[1] = k[1] * qp + (k1a + k1b * m2);
      k[2] = k[2] * qp + (k2a + k2b * m2 + k2c * m4);
      k[3] = k[3] * qp + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
    }
    double[] div = {z, 6 * z4, 72 * z4 * z3, 6480 * z6 * z4};
    for (int i = 0; i < 4; i++) {
      k[i] = k[i] * q * SQRT2PI / div[i];
    }
    double q2 = Math.exp(-PI2 / 2 / z2);
    double k2extra = 0;
    double k3extra = 0;
    double sqrt3z = SQRT3 * z;
    for (int kk = maxk; kk > 0; kk--) {
      double ks2 = (double) kk * kk;
      double qp = Math.pow(q2, ks2);
      double kspi = Math.PI * kk;
      k2extra += ks2 * qp;
      k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
    }
    k[2] += k2extra * PI2 * SQRT2PI / (-36 * z3);
    k[3] += k3extra * PI2 * SQRT2PI / (216 * z6);
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += k[i] / Math.pow(n, i / 2.0);
    }
    return sum;
  }
}
