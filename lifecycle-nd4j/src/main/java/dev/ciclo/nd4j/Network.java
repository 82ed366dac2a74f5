package dev.ciclo.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The network's parameters and its forward pass: standardised inputs, ReLU hidden layers, a
 * softmax output. Instances used for prediction are never mutated after construction, so they
 * are safe to share between threads.
 */
final class Network {
  final List<String> featureNames;
  final List<String> labels;
  final double[] mean;
  final double[] scale;
  /** Weights [in, out] and biases [1, out] per layer, the last is the output layer. */
  final List<INDArray> weights;
  final List<INDArray> biases;

  Network(List<String> featureNames, List<String> labels, double[] mean, double[] scale,
      List<INDArray> weights, List<INDArray> biases) {
    this.featureNames = List.copyOf(featureNames);
    this.labels = List.copyOf(labels);
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
    this.biases = biases;
  }

  private volatile double[][] javaWeights;

  int inputs() {
    return featureNames.size();
  }

  /** A deep copy, detached from later training steps. */
  Network copy() {
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    weights.forEach(x -> w.add(x.dup()));
    biases.forEach(x -> b.add(x.dup()));
    return new Network(featureNames, labels, mean, scale, w, b);
  }

  /**
   * Class probabilities for one raw feature row, computed in double precision in Java. Used for
   * prediction, so that an input's answer never depends on the batch it came in (BLAS picks
   * different kernels for different batch sizes, which changes float rounding).
   */
  double[] probabilities(double[] raw) {
    double[][] w = javaWeights;
    if (w == null) {
      w = new double[2 * weights.size()][];
      for (int l = 0; l < weights.size(); l++) {
        w[2 * l] = weights.get(l).dup('c').data().asDouble();
        w[2 * l + 1] = biases.get(l).dup('c').data().asDouble();
      }
      javaWeights = w;
    }
    double[] a = new double[raw.length];
    for (int c = 0; c < a.length; c++) {
      a[c] = (double) (float) ((raw[c] - mean[c]) / scale[c]);
    }
    int layers = weights.size();
    for (int l = 0; l < layers; l++) {
      double[] wl = w[2 * l];
      double[] out = w[2 * l + 1].clone();
      int cols = out.length;
      for (int i = 0; i < a.length; i++) {
        double ai = a[i];
        if (ai != 0) {
          int base = i * cols;
          for (int j = 0; j < cols; j++) {
            out[j] += ai * wl[base + j];
          }
        }
      }
      if (l < layers - 1) {
        for (int j = 0; j < cols; j++) {
          out[j] = Math.max(0, out[j]);
        }
      }
      a = out;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double x : a) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      a[j] = Math.exp(a[j] - max);
      sum += a[j];
    }
    for (int j = 0; j < a.length; j++) {
      a[j] /= sum;
    }
    return a;
  }

  /** Standardises raw feature rows into a [rows, inputs] float matrix. */
  INDArray standardise(double[][] rows) {
    float[] flat = new float[rows.length * mean.length];
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      for (int c = 0; c < mean.length; c++) {
        flat[r * mean.length + c] = (float) ((row[c] - mean[c]) / scale[c]);
      }
    }
    return Nd4j.create(flat, new long[] {rows.length, mean.length}, 'c');
  }

  /** Row-wise softmax, in place, stable (the row maximum is subtracted first). */
  static INDArray softmax(INDArray logits) {
    logits.subiColumnVector(logits.max(true, 1));
    Transforms.exp(logits, false);
    return logits.diviColumnVector(logits.sum(true, 1));
  }

  static INDArray zeros(long rows, long cols) {
    return Nd4j.zeros(DataType.FLOAT, rows, cols);
  }
}
