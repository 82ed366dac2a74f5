package dev.ciclo.nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.train.Learner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * One training run of the MLP: forward pass with inverted dropout on hidden layers, softmax
 * cross-entropy, backpropagation, L2 on weights (not biases), Adam.
 *
 * <p>Where the time goes decides the shape. A step of the speech recipe's network (264 inputs,
 * 256 and 128 units, batch 64) is 8 matrix products of a few million multiply-adds each, and
 * about 30 small element-wise ops. Measured on ND4J 1.0.0-M2.1 ops: {@code Nd4j.gemm} costs
 * twice a direct {@code cblas_sgemm} (the {@code Mmul} custom op copies C-order arrays to
 * F-order and back), a broadcast add of 16k floats 0.4 ms, and the native {@code AdamUpdater}
 * over 100k parameters 13 ms: more than all the products together. So the products call the
 * OpenBLAS that ND4J ships ({@code cblas_sgemm}, row-major, on native buffers allocated once
 * per run and per batch size), and every element-wise step (bias, ReLU, dropout, softmax, the
 * ReLU derivative, bias gradients, L2 and Adam) is a plain Java loop over heap arrays, with one
 * bulk copy between native and heap memory per layer. Native and batch-sized buffers are
 * allocated once per run and batch size; a step allocates nothing of the batch's size.
 *
 * <p>Determinism: Java float arithmetic is exactly specified, the loops run in a fixed order,
 * dropout masks come from a {@link SplittableRandom} seeded by the run, and the products run at
 * the thread count the learner sets before each step ({@link MlpClassifier#threadsFor}: from
 * the network, not from {@code OMP_NUM_THREADS}). Training features are extracted and
 * standardised once per example.
 */
final class MlpLearner<X> implements Learner<X, String> {
  private final Network shape;
  private final FeatureExtractor<X> extractor;
  private final Map<Example<X, String>, double[]> cache;
  private final Map<Example<X, String>, float[]> standardised = new IdentityHashMap<>();
  private final Map<String, Integer> labelIndex = new HashMap<>();
  private final MlpClassifier<X> config;
  private final ModelMetadata metadata;
  private final SplittableRandom dropoutRandom;
  private final Map<Integer, Buffers> buffers = new HashMap<>();
  private final int threads;
  /** Layer widths, inputs first, classes last. */
  private final int[] sizes;
  /** Offsets of each layer's weights [in, out] (C order) and biases [out] in {@link #params}. */
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final int weightCount;
  /** Every parameter, weights of all layers first; the master copy that Adam updates. */
  private final float[] params;
  private final float[] grads;
  private final float[] adamM;
  private final float[] adamV;
  /** Native copies of the weights, read by the products, and the weight gradients they write. */
  private final FloatPointer nativeWeights;
  private final FloatPointer nativeGrads;
  private final FloatPointer[] weightViews;
  private final FloatPointer[] gradViews;
  private int steps;

  MlpLearner(Network initial, FeatureExtractor<X> extractor,
      IdentityHashMap<Example<X, String>, double[]> cache, MlpClassifier<X> config,
      ModelMetadata metadata, long seed, int threads) {
    this.threads = threads;
    this.extractor = extractor;
    this.cache = cache;
    this.config = config;
    this.metadata = metadata;
    this.shape = initial;
    this.dropoutRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    for (int i = 0; i < initial.labels.size(); i++) {
      labelIndex.put(initial.labels.get(i), i);
    }
    int layers = initial.weights.size();
    sizes = new int[layers + 1];
    sizes[0] = initial.inputs();
    weightOffset = new int[layers];
    biasOffset = new int[layers];
    int w = 0;
    for (int l = 0; l < layers; l++) {
      sizes[l + 1] = (int) initial.weights.get(l).columns();
      weightOffset[l] = w;
      w += sizes[l] * sizes[l + 1];
    }
    weightCount = w;
    int total = w;
    for (int l = 0; l < layers; l++) {
      biasOffset[l] = total;
      total += sizes[l + 1];
    }
    params = new float[total];
    for (int l = 0; l < layers; l++) {
      float[] iw = initial.weights.get(l).dup('c').data().asFloat();
      float[] ib = initial.biases.get(l).dup('c').data().asFloat();
      System.arraycopy(iw, 0, params, weightOffset[l], iw.length);
      System.arraycopy(ib, 0, params, biasOffset[l], ib.length);
    }
    grads = new float[total];
    adamM = new float[total];
    adamV = new float[total];
    nativeWeights = allocate(weightCount);
    nativeGrads = allocate(weightCount);
    nativeWeights.put(params, 0, weightCount);
    weightViews = new FloatPointer[layers];
    gradViews = new FloatPointer[layers];
    for (int l = 0; l < layers; l++) {
      weightViews[l] = new FloatPointer(nativeWeights).position(weightOffset[l]);
      gradViews[l] = new FloatPointer(nativeGrads).position(weightOffset[l]);
    }
  }

  private static FloatPointer allocate(long n) {
    FloatPointer p = new FloatPointer(n);
    p.zero();
    return p;
  }

  /** Arrays of one batch size, allocated on its first step and reused by every later one. */
  private final class Buffers {
    final float[] x;
    /** Per layer: the layer's output (after bias, ReLU and dropout for hidden layers). */
    final float[][] out;
    /** Per hidden layer: dLoss/d(its output). */
    final float[][] back;
    final FloatPointer nativeX;
    final FloatPointer[] nativeOut;
    final FloatPointer[] nativeBack;
    final int[] target;

    Buffers(int n) {
      int layers = sizes.length - 1;
      x = new float[n * sizes[0]];
      nativeX = allocate(x.length);
      out = new float[layers][];
      nativeOut = new FloatPointer[layers];
      back = new float[layers][];
      nativeBack = new FloatPointer[layers];
      for (int l = 0; l < layers; l++) {
        out[l] = new float[n * sizes[l + 1]];
        nativeOut[l] = allocate(out[l].length);
        back[l] = new float[n * sizes[l + 1]];
        nativeBack[l] = allocate(back[l].length);
      }
      target = new int[n];
    }
  }

  @Override
  public double fitBatch(List<Example<X, String>> batch, double learningRate) {
    useThreads(threads);
    int n = batch.size();
    int layers = sizes.length - 1;
    Buffers buf = buffers.computeIfAbsent(n, Buffers::new);
    gather(batch, buf);
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int width = sizes[l + 1];
      FloatPointer a = l == 0 ? buf.nativeX : buf.nativeOut[l - 1];
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, width, in, 1f, a, in,
          weightViews[l], width, 0f, buf.nativeOut[l], width);
      float[] h = buf.out[l];
      buf.nativeOut[l].get(h, 0, n * width);
      boolean hidden = l < layers - 1;
      addBias(h, n, width, params, biasOffset[l], hidden);
      if (hidden) {
        if (config.dropout > 0) {
          dropout(h, n * width, 1 - config.dropout, dropoutRandom);
        }
        buf.nativeOut[l].put(h, 0, n * width);
      }
    }
    // dLoss/dLogits replaces the logits
    float[] dl = buf.out[layers - 1];
    double loss = softmaxLoss(dl, buf.target, n, sizes[layers]);
    FloatPointer nativeDl = buf.nativeOut[layers - 1];
    nativeDl.put(dl, 0, n * sizes[layers]);
    for (int l = layers - 1; l >= 0; l--) {
      int in = sizes[l];
      int width = sizes[l + 1];
      FloatPointer a = l == 0 ? buf.nativeX : buf.nativeOut[l - 1];
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, in, width, n, 1f, a, in, nativeDl,
          width, 0f, gradViews[l], width);
      columnSums(dl, n, width, grads, biasOffset[l]);
      if (l > 0) {
        FloatPointer nativeBack = buf.nativeBack[l - 1];
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, in, width, 1f, nativeDl, width,
            weightViews[l], width, 0f, nativeBack, in);
        float[] back = buf.back[l - 1];
        nativeBack.get(back, 0, n * in);
        reluBackward(back, buf.out[l - 1], n * in,
            config.dropout > 0 ? (float) (1 / (1 - config.dropout)) : 1f);
        nativeBack.put(back, 0, n * in);
        dl = back;
        nativeDl = nativeBack;
      }
    }
    nativeGrads.get(grads, 0, weightCount);
    adam(learningRate);
    nativeWeights.put(params, 0, weightCount);
    return loss;
  }

  /*
   * The loops below are small static methods on purpose: the JIT compiles a small hot method
   * fully optimised after a few batches, while one long fitBatch stayed in profiled C1 code for
   * hundreds of batches (measured: its element-wise loops cost more than the products).
   */

  /** Copies the batch's standardised features and targets into {@code buf}. */
  private void gather(List<Example<X, String>> batch, Buffers buf) {
    int d = sizes[0];
    for (int i = 0; i < batch.size(); i++) {
      Example<X, String> e = batch.get(i);
      float[] x = standardised.get(e);
      if (x == null) {
        x = standardise(e);
        standardised.put(e, x);
      }
      System.arraycopy(x, 0, buf.x, i * d, d);
      Integer c = labelIndex.get(e.target());
      if (c == null) {
        throw new IllegalArgumentException("example " + e.id() + " has label '" + e.target()
            + "' that the training set of this run does not have; labels are " + shape.labels);
      }
      buf.target[i] = c;
    }
    buf.nativeX.put(buf.x, 0, batch.size() * d);
  }

  /** One example's features, standardised, as floats: computed once per example and run. */
  private float[] standardise(Example<X, String> e) {
    double[] f = cache.get(e);
    if (f == null) {
      f = new MlpModel<>(shape, extractor, metadata).features(extractor.extract(e.input()));
    }
    float[] x = new float[f.length];
    for (int c = 0; c < x.length; c++) {
      x[c] = (float) ((f[c] - shape.mean[c]) / shape.scale[c]);
    }
    return x;
  }

  /**
   * Adds the bias row to each of {@code n} rows; for a hidden layer then applies ReLU, without a
   * branch (half the units would mispredict it, and {@code Math.max(float, float)} is not
   * compiled to one instruction here): {@code bits >> 31} is all ones for a negative value, so
   * {@code bits & ~(bits >> 31)} is the value or +0.
   */
  private static void addBias(float[] h, int n, int width, float[] params, int b,
      boolean relu) {
    for (int i = 0; i < n; i++) {
      int o = i * width;
      for (int j = 0; j < width; j++) {
        h[o + j] += params[b + j];
      }
      if (relu) {
        for (int j = 0; j < width; j++) {
          int bits = Float.floatToRawIntBits(h[o + j]);
          h[o + j] = Float.intBitsToFloat(bits & ~(bits >> 31));
        }
      }
    }
  }

  /**
   * Inverted dropout: each unit is kept with probability {@code keep} and scaled by
   * {@code 1 / keep}, or set to 0; the draws come from the run's seeded stream in row order.
   */
  private static void dropout(float[] h, int length, double keep, SplittableRandom random) {
    float scale = (float) (1 / keep);
    for (int i = 0; i < length; i++) {
      h[i] = random.nextDouble() < keep ? h[i] * scale : 0f;
    }
  }

  /**
   * The ReLU and dropout derivative, in place: {@code back} is kept and scaled where the unit
   * passed (its output {@code h > 0}), else 0. Without a branch, which half the units would
   * mispredict: {@code h} is never negative (ReLU then dropout), so its bits are positive
   * exactly when it is above 0, and {@code -bits >> 31} is then all ones, else all zeros.
   */
  private static void reluBackward(float[] back, float[] h, int length, float scale) {
    for (int i = 0; i < length; i++) {
      int mask = -Float.floatToRawIntBits(h[i]) >> 31;
      back[i] = Float.intBitsToFloat(Float.floatToRawIntBits(back[i] * scale) & mask);
    }
  }

  /** Sums the {@code n} rows of {@code m} into {@code out[b..b+width)}, in row order. */
  private static void columnSums(float[] m, int n, int width, float[] out, int b) {
    Arrays.fill(out, b, b + width, 0f);
    for (int i = 0; i < n; i++) {
      int o = i * width;
      for (int j = 0; j < width; j++) {
        out[b + j] += m[o + j];
      }
    }
  }

  /**
   * Softmax and mean cross-entropy of {@code n} rows of logits; replaces them in place with
   * dLoss/dLogits = (p - y) / n.
   *
   * @return the batch's mean loss
   */
  private static double softmaxLoss(float[] logits, int[] target, int n, int classes) {
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
        logits[o + c] = (float) ((p[c] / sum - (c == target[i] ? 1 : 0)) / n);
      }
      loss -= Math.log(Math.max(p[target[i]] / sum, 1e-12));
    }
    return loss / n;
  }

  /**
   * L2 on the weights, then one Adam step over every parameter, in float: {@code m = b1 m +
   * (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2}, {@code p -= lr_t m / (sqrt(v) + eps)} with
   * {@code lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)}, ND4J's {@code AdamUpdater} formula.
   */
  private void adam(double learningRate) {
    steps++;
    float l2 = (float) config.l2;
    if (l2 > 0) {
      for (int i = 0; i < weightCount; i++) {
        grads[i] += l2 * params[i];
      }
    }
    float b1 = (float) config.beta1;
    float b2 = (float) config.beta2;
    float c1 = (float) (1 - config.beta1);
    float c2 = (float) (1 - config.beta2);
    float eps = (float) config.epsilon;
    float rate = (float) (learningRate * Math.sqrt(1 - Math.pow(config.beta2, steps))
        / (1 - Math.pow(config.beta1, steps)));
    float[] m = adamM;
    float[] v = adamV;
    for (int i = 0; i < params.length; i++) {
      float g = grads[i];
      float mi = b1 * m[i] + c1 * g;
      float vi = b2 * v[i] + c2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= rate * mi / ((float) Math.sqrt(vi) + eps);
    }
  }

  /**
   * Sizes ND4J's pools: its own environment, the OpenMP pool of its native ops and OpenBLAS's
   * pool (which runs this learner's products). Each is process-wide and is only touched when it
   * differs.
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
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    for (int l = 0; l < sizes.length - 1; l++) {
      int in = sizes[l];
      int width = sizes[l + 1];
      w.add(Nd4j.create(Arrays.copyOfRange(params, weightOffset[l],
          weightOffset[l] + in * width), new long[] {in, width}, 'c'));
      b.add(Nd4j.create(Arrays.copyOfRange(params, biasOffset[l], biasOffset[l] + width),
          new long[] {1, width}, 'c'));
    }
    Network net = new Network(shape.featureNames, shape.labels, shape.mean, shape.scale, w, b);
    return new MlpModel<>(net, extractor, metadata);
  }
}
