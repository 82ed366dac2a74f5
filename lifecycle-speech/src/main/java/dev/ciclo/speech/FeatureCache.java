package dev.ciclo.speech;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature datasets in a file, so that repeated evaluations skip extraction: names, then per
 * example its id, label, group, tags and values. Written atomically. Not a model format: a cache
 * that may be deleted at any time.
 */
final class FeatureCache {
  private FeatureCache() {}

  static void write(Path file, List<Dataset<FeatureVector, String>> sets) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "features", ".tmp");
      try (DataOutputStream out = new DataOutputStream(
          new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(sets.size());
        for (Dataset<FeatureVector, String> d : sets) {
          out.writeUTF(d.name());
          out.writeInt(d.size());
          List<String> names = d.isEmpty() ? List.of() : d.get(0).input().names();
          out.writeInt(names.size());
          for (String n : names) {
            out.writeUTF(n);
          }
          for (Example<FeatureVector, String> e : d) {
            out.writeUTF(e.id());
            out.writeUTF(e.target());
            out.writeUTF(e.group());
            out.writeInt(e.tags().size());
            for (String t : e.tags()) {
              out.writeUTF(t);
            }
            for (double v : e.input().toArray()) {
              out.writeDouble(v);
            }
          }
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CicloException("cannot write feature cache " + file + ": " + e, e);
    }
  }

  static List<Dataset<FeatureVector, String>> read(Path file) {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file)))) {
      int sets = in.readInt();
      List<Dataset<FeatureVector, String>> out = new ArrayList<>();
      for (int s = 0; s < sets; s++) {
        String name = in.readUTF();
        int size = in.readInt();
        int d = in.readInt();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < d; i++) {
          names.add(in.readUTF());
        }
        List<Example<FeatureVector, String>> ex = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          String id = in.readUTF();
          String target = in.readUTF();
          String group = in.readUTF();
          int tags = in.readInt();
          String[] t = new String[tags];
          for (int k = 0; k < tags; k++) {
            t[k] = in.readUTF();
          }
          double[] v = new double[d];
          for (int k = 0; k < d; k++) {
            v[k] = in.readDouble();
          }
          ex.add(Example.of(id, FeatureVector.of(names, v), target).withGroup(group)
              .withTags(t));
        }
        out.add(Dataset.of(name, ex));
      }
      return out;
    } catch (IOException e) {
      throw new CicloException("cannot read feature cache " + file + ": " + e, e);
    }
  }
}
