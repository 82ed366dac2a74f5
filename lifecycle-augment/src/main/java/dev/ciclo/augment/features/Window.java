package dev.ciclo.augment.features;

/**
 * The window applied to each frame before the FFT. All are the periodic ("DFT-even") forms, as
 * {@code scipy.signal.get_window(name, n)} and librosa use.
 */
public enum Window {
  /** {@code 0.5 - 0.5 cos(2 pi n / N)}. */
  HANN,
  /** {@code 0.54 - 0.46 cos(2 pi n / N)}. */
  HAMMING,
  /** All ones. */
  RECTANGULAR;

  double[] coefficients(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double c = Math.cos(2 * Math.PI * i / n);
      w[i] =
          switch (this) {
            case HANN -> 0.5 - 0.5 * c;
            case HAMMING -> 0.54 - 0.46 * c;
            case RECTANGULAR -> 1.0;
          };
    }
    return w;
  }
}
