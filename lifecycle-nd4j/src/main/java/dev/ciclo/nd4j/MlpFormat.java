package dev.ciclo.nd4j;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The ciclo-mlp-v1 byte format: big-endian, length-prefixed, float weights in C order. */
final class MlpFormat {
  private static final long MAGIC = 0x4349434c4f4d4c50L; // "CICLOMLP"
  private static final int VERSION = 1;

  private MlpFormat() {}

  static void write(Network net, OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(os);
    out.writeLong(MAGIC);
    out.writeInt(VERSION);
    writeStrings(out, net.featureNames);
    writeStrings(out, net.labels);
    for (int i = 0; i < net.mean.length; i++) {
      out.writeDouble(net.mean[i]);
      out.writeDouble(net.scale[i]);
    }
    out.writeInt(net.weights.size());
    for (int l = 0; l < net.weights.size(); l++) {
      INDArray w = net.weights.get(l);
      out.writeInt((int) w.rows());
      out.writeInt((int) w.columns());
      for (float f : w.dup('c').data().asFloat()) {
        out.writeFloat(f);
      }
      for (float f : net.biases.get(l).dup('c').data().asFloat()) {
        out.writeFloat(f);
      }
    }
    out.flush();
  }

  static Network read(InputStream is) throws IOException {
    DataInputStream in = new DataInputStream(is);
    if (in.readLong() != MAGIC) {
      throw new IOException("not a ciclo-mlp file: wrong magic number");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("ciclo-mlp version " + version + " is not supported; expected "
          + VERSION);
    }
    List<String> names = readStrings(in);
    List<String> labels = readStrings(in);
    double[] mean = new double[names.size()];
    double[] scale = new double[names.size()];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = in.readDouble();
      scale[i] = in.readDouble();
    }
    int layers = in.readInt();
    if (layers < 1 || layers > 1000) {
      throw new IOException("ciclo-mlp file has " + layers + " layers; expected 1 to 1000");
    }
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    long expectedRows = names.size();
    for (int l = 0; l < layers; l++) {
      int rows = in.readInt();
      int cols = in.readInt();
      if (rows != expectedRows || cols < 1 || (long) rows * cols > 100_000_000L) {
        throw new IOException("ciclo-mlp layer " + l + " has shape " + rows + "x" + cols
            + "; expected " + expectedRows + " rows");
      }
      w.add(Nd4j.create(readFloats(in, rows * cols), new long[] {rows, cols}, 'c'));
      b.add(Nd4j.create(readFloats(in, cols), new long[] {1, cols}, 'c'));
      expectedRows = cols;
    }
    if (expectedRows != labels.size()) {
      throw new IOException("ciclo-mlp output layer has " + expectedRows + " units but "
          + labels.size() + " labels");
    }
    return new Network(names, labels, mean, scale, w, b);
  }

  private static float[] readFloats(DataInputStream in, int n) throws IOException {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = in.readFloat();
    }
    return f;
  }

  private static void writeStrings(DataOutputStream out, List<String> s) throws IOException {
    out.writeInt(s.size());
    for (String x : s) {
      out.writeUTF(x);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 10_000_000) {
      throw new IOException("ciclo-mlp file lists " + n + " names; expected 0 to 10000000");
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readUTF());
    }
    return out;
  }
}
