package dev.ciclo.nd4j;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.train.Learner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * One training run of the MLP: forward pass with inverted dropout on hidden layers, softmax
 * cross-entropy, backpropagation, L2 on weights (not biases), Adam.
 *
 * <p>Every parameter lives in one flat array (weights of every layer first, then biases) and
 * every gradient in another of the same layout, so L2 is one {@code axpy} and Adam one fused
 * native op over all parameters: ND4J's cost per op, not arithmetic, dominates small networks.
 * The softmax and loss of the output layer are computed in Java for the same reason, and every
 * intermediate array is allocated once per batch size and reused. Dropout masks come from an
 * ND4J random generator seeded by the run. Training features are extracted once, at the start.
 */
final class MlpLearner<X> implements Learner<X, String> {
  private final Network net;
  private final FeatureExtractor<X> extractor;
  private final Map<Example<X, String>, double[]> cache;
  private final Map<String, Integer> labelIndex = new HashMap<>();
  private final MlpClassifier<X> config;
  private final ModelMetadata metadata;
  private final SplittableRandom dropoutRandom;
  private final Map<Integer, Buffers> buffers = new HashMap<>();
  private final INDArray params;
  private final INDArray grads;
  private final INDArray gradWeights;
  private final INDArray paramWeights;
  private final List<INDArray> gw = new ArrayList<>();
  private final List<INDArray> gb = new ArrayList<>();
  private final INDArray adamM;
  private final INDArray adamV;
  private final int threads;
  private int steps;

  MlpLearner(Network initial, FeatureExtractor<X> extractor,
      IdentityHashMap<Example<X, String>, double[]> cache, MlpClassifier<X> config,
      ModelMetadata metadata, long seed, int threads) {
    this.threads = threads;
    this.extractor = extractor;
    this.cache = cache;
    this.config = config;
    this.metadata = metadata;
    this.dropoutRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    for (int i = 0; i < initial.labels.size(); i++) {
      labelIndex.put(initial.labels.get(i), i);
    }
    int layers = initial.weights.size();
    long weightCount = 0;
    long total = 0;
    for (int l = 0; l < layers; l++) {
      weightCount += initial.weights.get(l).length();
      total += initial.weights.get(l).length() + initial.biases.get(l).length();
    }
    params = Nd4j.create(initial.weights.get(0).dataType(), 1, total);
    grads = Nd4j.create(initial.weights.get(0).dataType(), 1, total);
    paramWeights = slice(params, 0, weightCount);
    gradWeights = slice(grads, 0, weightCount);
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    long wOff = 0;
    long bOff = weightCount;
    for (int l = 0; l < layers; l++) {
      INDArray iw = initial.weights.get(l);
      INDArray ib = initial.biases.get(l);
      w.add(view(params, wOff, iw.rows(), iw.columns()).assign(iw));
      b.add(view(params, bOff, 1, ib.columns()).assign(ib));
      gw.add(view(grads, wOff, iw.rows(), iw.columns()));
      gb.add(view(grads, bOff, 1, ib.columns()));
      wOff += iw.length();
      bOff += ib.length();
    }
    this.net = new Network(initial.featureNames, initial.labels, initial.mean, initial.scale, w, b);
    adamM = Nd4j.zerosLike(params);
    adamV = Nd4j.zerosLike(params);
  }

  private static INDArray slice(INDArray flat, long from, long count) {
    return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + count));
  }

  private static INDArray view(INDArray flat, long from, long rows, long cols) {
    return slice(flat, from, rows * cols).reshape('c', rows, cols);
  }

  /** Arrays reused by every step of one batch size, so a step allocates no native memory. */
  private final class Buffers {
    final INDArray x;
    final List<INDArray> hidden = new ArrayList<>();
    final List<INDArray> back = new ArrayList<>();
    final INDArray logits;
    final INDArray delta;

    Buffers(int n) {
      x = Network.zeros(n, net.inputs());
      for (int l = 0; l < net.weights.size() - 1; l++) {
        hidden.add(Network.zeros(n, net.weights.get(l).columns()));
        back.add(Network.zeros(n, net.weights.get(l).columns()));
      }
      logits = Network.zeros(n, net.labels.size());
      delta = Network.zeros(n, net.labels.size());
    }
  }

  @Override
  public double fitBatch(List<Example<X, String>> batch, double learningRate) {
    useThreads(threads);
    int n = batch.size();
    int classes = net.labels.size();
    int d = net.inputs();
    Buffers buf = buffers.computeIfAbsent(n, Buffers::new);
    float[] x = new float[n * d];
    int[] target = new int[n];
    for (int i = 0; i < n; i++) {
      Example<X, String> e = batch.get(i);
      double[] f = cache.get(e);
      if (f == null) {
        f = new MlpModel<>(net, extractor, metadata).features(extractor.extract(e.input()));
      }
      for (int c = 0; c < d; c++) {
        x[i * d + c] = (float) ((f[c] - net.mean[c]) / net.scale[c]);
      }
      Integer c = labelIndex.get(e.target());
      if (c == null) {
        throw new IllegalArgumentException("example " + e.id() + " has label '" + e.target()
            + "' that the training set of this run does not have; labels are " + net.labels);
      }
      target[i] = c;
    }
    buf.x.data().setData(x);
    int layers = net.weights.size();
    double keep = 1 - config.dropout;
    INDArray a = buf.x;
    for (int l = 0; l < layers - 1; l++) {
      INDArray h = buf.hidden.get(l);
      Nd4j.gemm(a, net.weights.get(l), h, false, false, 1.0, 0.0);
      Transforms.relu(h.addiRowVector(net.biases.get(l)), false);
      if (config.dropout > 0) {
        // inverted dropout: kept units are scaled by 1 / keep, dropped ones become 0
        // the mask is drawn in Java from the seeded stream: ND4J's random ops may split their
        // stream differently with another thread count
        float[] mask = new float[(int) h.length()];
        float scale = (float) (1 / keep);
        for (int i = 0; i < mask.length; i++) {
          mask[i] = dropoutRandom.nextDouble() < keep ? scale : 0f;
        }
        h.muli(Nd4j.create(mask, h.shape(), 'c'));
      }
      a = h;
    }
    Nd4j.gemm(a, net.weights.get(layers - 1), buf.logits, false, false, 1.0, 0.0);
    float[] logits = buf.logits.addiRowVector(net.biases.get(layers - 1)).data().asFloat();
    // softmax, cross-entropy and dLoss/dLogits = (p - y) / n, in Java
    float[] delta = new float[n * classes];
    double[] p = new double[classes];
    double loss = 0;
    for (int i = 0; i < n; i++) {
      int o = i * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[o + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        p[c] = Math.exp(logits[o + c] - max);
        sum += p[c];
      }
      for (int c = 0; c < classes; c++) {
        delta[o + c] = (float) ((p[c] / sum - (c == target[i] ? 1 : 0)) / n);
      }
      loss -= Math.log(Math.max(p[target[i]] / sum, 1e-12));
    }
    loss /= n;
    buf.delta.data().setData(delta);
    INDArray dl = buf.delta;
    for (int l = layers - 1; l >= 0; l--) {
      INDArray in = l == 0 ? buf.x : buf.hidden.get(l - 1);
      Nd4j.gemm(in, dl, gw.get(l), true, false, 1.0, 0.0);
      columnSums(dl, gb.get(l));
      if (l > 0) {
        INDArray back = buf.back.get(l - 1);
        Nd4j.gemm(dl, net.weights.get(l), back, false, true, 1.0, 0.0);
        // ReLU and dropout derivative: 1 / keep where the unit passed (its output > 0), else 0
        back.muli(Transforms.sign(in, false));
        if (config.dropout > 0) {
          back.muli(1 / keep);
        }
        dl = back;
      }
    }
    if (config.l2 > 0) {
      Nd4j.getBlasWrapper().level1().axpy(gradWeights.length(), config.l2, paramWeights,
          gradWeights);
    }
    Nd4j.exec(new AdamUpdater(grads, adamV, adamM, learningRate, config.beta1, config.beta2,
        config.epsilon, steps));
    steps++;
    params.subi(grads);
    return loss;
  }

  /**
   * Sums the rows of {@code m} into the row {@code out}, in Java and in row order: ND4J's
   * reduction splits the rows between threads, so its float sum depends on the thread count.
   */
  private static void columnSums(INDArray m, INDArray out) {
    int rows = (int) m.rows();
    int cols = (int) m.columns();
    float[] v = m.dup('c').data().asFloat();
    float[] sum = new float[cols];
    for (int r = 0; r < rows; r++) {
      int o = r * cols;
      for (int c = 0; c < cols; c++) {
        sum[c] += v[o + c];
      }
    }
    out.assign(Nd4j.create(sum, new long[] {1, cols}, 'c'));
  }

  /**
   * Sizes ND4J's pools: its own environment, the OpenMP pool of its native ops and OpenBLAS's
   * pool. Each is process-wide and is only touched when it differs.
   */
  static void useThreads(int n) {
    if (Nd4j.getEnvironment().maxThreads() != n) {
      Nd4j.getEnvironment().setMaxThreads(n);
    }
    NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
    if (ops.ompGetMaxThreads() != n) {
      ops.setOmpNumThreads(n);
    }
    Blas blas = Nd4j.factory().blas();
    if (blas.getMaxThreads() != n) {
      blas.setMaxThreads(n);
    }
  }

  @Override
  public Model<X, String> snapshot() {
    return new MlpModel<>(net.copy(), extractor, metadata);
  }
}
