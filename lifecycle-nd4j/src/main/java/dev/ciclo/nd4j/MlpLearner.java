package dev.ciclo.nd4j;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.train.Learner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One training run of the MLP: forward pass with inverted dropout on hidden layers, softmax
 * cross-entropy, backpropagation, L2 on weights (not biases), Adam. Training features are
 * extracted once, at the start.
 */
final class MlpLearner<X> implements Learner<X, String> {
  private final Network net;
  private final FeatureExtractor<X> extractor;
  private final Map<Example<X, String>, double[]> cache;
  private final Map<String, Integer> labelIndex;
  private final MlpClassifier<X> config;
  private final ModelMetadata metadata;
  private final SplittableRandom dropoutRandom;
  private final List<INDArray> m = new ArrayList<>();
  private final List<INDArray> v = new ArrayList<>();
  private int t;

  MlpLearner(Network net, FeatureExtractor<X> extractor,
      IdentityHashMap<Example<X, String>, double[]> cache, MlpClassifier<X> config,
      ModelMetadata metadata, long seed) {
    this.net = net;
    this.extractor = extractor;
    this.cache = cache;
    this.config = config;
    this.metadata = metadata;
    this.dropoutRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    this.labelIndex = new java.util.HashMap<>();
    for (int i = 0; i < net.labels.size(); i++) {
      labelIndex.put(net.labels.get(i), i);
    }
    for (List<INDArray> params : List.of(net.weights, net.biases)) {
      for (INDArray p : params) {
        m.add(Nd4j.zerosLike(p));
        v.add(Nd4j.zerosLike(p));
      }
    }
  }

  @Override
  public double fitBatch(List<Example<X, String>> batch, double learningRate) {
    int n = batch.size();
    int classes = net.labels.size();
    double[][] rows = new double[n][];
    float[] onehot = new float[n * classes];
    for (int i = 0; i < n; i++) {
      Example<X, String> e = batch.get(i);
      double[] f = cache.get(e);
      if (f == null) {
        f = new MlpModel<>(net, extractor, metadata).features(extractor.extract(e.input()));
      }
      rows[i] = f;
      Integer c = labelIndex.get(e.target());
      if (c == null) {
        throw new IllegalArgumentException("example " + e.id() + " has label '" + e.target()
            + "' that the training set of this run does not have; labels are " + net.labels);
      }
      onehot[i * classes + c] = 1;
    }
    INDArray y = Nd4j.create(onehot, new long[] {n, classes}, 'c');
    int layers = net.weights.size();
    List<INDArray> acts = new ArrayList<>(layers);
    List<INDArray> masks = new ArrayList<>(layers);
    INDArray a = net.standardise(rows);
    for (int l = 0; l < layers - 1; l++) {
      acts.add(a);
      INDArray h = Transforms.relu(a.mmul(net.weights.get(l)).addiRowVector(net.biases.get(l)),
          false);
      INDArray mask = null;
      if (config.dropout > 0) {
        mask = dropoutMask(h.rows(), h.columns(), config.dropout);
        h.muli(mask);
      }
      masks.add(mask);
      a = h;
    }
    acts.add(a);
    INDArray p = Network.softmax(a.mmul(net.weights.get(layers - 1))
        .addiRowVector(net.biases.get(layers - 1)));
    double loss = -Transforms.log(Transforms.max(p, 1e-12, true), false).muli(y).sumNumber()
        .doubleValue() / n;
    // backward: delta = dLoss/dLogits = (p - y) / n
    INDArray delta = p.subi(y).divi(n);
    List<INDArray> gw = new ArrayList<>(layers);
    List<INDArray> gb = new ArrayList<>(layers);
    for (int l = 0; l < layers; l++) {
      gw.add(null);
      gb.add(null);
    }
    double l2 = config.l2;
    for (int l = layers - 1; l >= 0; l--) {
      INDArray in = acts.get(l);
      INDArray w = net.weights.get(l);
      INDArray g = in.transpose().mmul(delta);
      if (l2 > 0) {
        g.addi(w.mul(l2));
        loss += 0.5 * l2 * w.mul(w).sumNumber().doubleValue();
      }
      gw.set(l, g);
      gb.set(l, delta.sum(true, 0));
      if (l > 0) {
        INDArray back = delta.mmul(w.transpose());
        // ReLU derivative: the previous activation is positive exactly where the unit was active
        back.muli(in.gt(0).castTo(back.dataType()));
        if (masks.get(l - 1) != null) {
          back.muli(masks.get(l - 1));
        }
        delta = back;
      }
    }
    adam(gw, gb, learningRate);
    return loss;
  }

  private INDArray dropoutMask(long rows, long cols, double rate) {
    float keep = (float) (1.0 / (1.0 - rate));
    float[] mask = new float[(int) (rows * cols)];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = dropoutRandom.nextDouble() < rate ? 0f : keep;
    }
    return Nd4j.create(mask, new long[] {rows, cols}, 'c');
  }

  private void adam(List<INDArray> gw, List<INDArray> gb, double lr) {
    t++;
    double b1 = config.beta1;
    double b2 = config.beta2;
    double step = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
    int layers = net.weights.size();
    for (int i = 0; i < 2 * layers; i++) {
      INDArray param = i < layers ? net.weights.get(i) : net.biases.get(i - layers);
      INDArray g = i < layers ? gw.get(i) : gb.get(i - layers);
      INDArray mi = m.get(i).muli(b1).addi(g.mul(1 - b1));
      INDArray vi = v.get(i).muli(b2).addi(g.muli(g).muli(1 - b2));
      param.subi(mi.div(Transforms.sqrt(vi, true).addi(config.epsilon)).muli(step));
    }
  }

  @Override
  public Model<X, String> snapshot() {
    return new MlpModel<>(net.copy(), extractor, metadata);
  }
}
