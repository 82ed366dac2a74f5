package dev.ciclo.speech;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Scores;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.persist.ModelLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A speech recipe's model over the recipe's feature vectors: the {@link VoiceActivity} gate in
 * front of an ensemble of classifiers.
 *
 * <p>A vector whose {@link SpeechRecipe#HAS_SPEECH} field is 0 (an empty, very short or silent
 * clip) is answered {@link SpeechRecipe#NO_SPEECH} with score 1 without asking the classifiers.
 * Any other vector goes to every member; their probabilities are averaged and tempered
 * ({@code p_i^(1/T)}, normalised; {@code T} = {@link #temperature()}), which calibrates the
 * confidence; the answer is the most probable label, which may be the members' own
 * {@link SpeechRecipe#NO_SPEECH} class for noise that passes the gate, and is that class
 * whenever its averaged probability reaches {@value #NO_SPEECH_THRESHOLD}. Either way the answer is
 * a normal prediction, not an error.
 *
 * <p>Saved as format {@value #FORMAT}: the temperature, then each member's format and bytes.
 * Thread-safe when the members are.
 */
public final class SpeechModel implements Model<FeatureVector, String> {
  /**
   * The averaged probability of {@link SpeechRecipe#NO_SPEECH} from which it is the answer even
   * when a digit is more probable: a clip that is probably noise is better answered "no speech"
   * than with a guess.
   */
  public static final double NO_SPEECH_THRESHOLD = 0.35;
  /** The saved format's name. */
  public static final String FORMAT = "ciclo-speech-v1";
  private static final int MAGIC = 0x43535031; // "CSP1"

  private final List<Model<FeatureVector, String>> members;
  private final double temperature;
  private final Prediction<String> noSpeech;
  private final ModelMetadata metadata;

  SpeechModel(List<? extends Model<FeatureVector, String>> members, double temperature) {
    this.members = List.copyOf(members);
    if (this.members.isEmpty()) {
      throw new IllegalArgumentException("a speech model needs at least 1 member but had 0");
    }
    if (!(temperature > 0 && temperature <= 10)) {
      throw new IllegalArgumentException("temperature must be in (0, 10] but was "
          + temperature);
    }
    this.temperature = temperature;
    this.noSpeech = new Prediction<>(SpeechRecipe.NO_SPEECH, Map.of(SpeechRecipe.NO_SPEECH, 1.0));
    ModelMetadata first = this.members.get(0).metadata();
    Map<String, String> props = new LinkedHashMap<>(first.properties());
    props.put("members", Integer.toString(this.members.size()));
    props.put("temperature", Double.toString(temperature));
    props.put("gate", "voice activity (" + SpeechRecipe.HAS_SPEECH + ")");
    this.metadata = new ModelMetadata(first.name(), first.version(), first.framework(), props);
  }

  /**
   * The classifiers behind the gate.
   *
   * @return the members
   */
  public List<Model<FeatureVector, String>> members() {
    return members;
  }

  /**
   * The temperature applied to the averaged probabilities.
   *
   * @return T, 1 for none
   */
  public double temperature() {
    return temperature;
  }

  @Override
  public Prediction<String> predict(FeatureVector input) {
    Objects.requireNonNull(input, "input");
    if (gated(input)) {
      return noSpeech;
    }
    List<Prediction<String>> each = new ArrayList<>(members.size());
    for (Model<FeatureVector, String> m : members) {
      each.add(m.predict(input));
    }
    return combine(each);
  }

  @Override
  public List<Prediction<String>> predictBatch(List<? extends FeatureVector> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    List<FeatureVector> pass = new ArrayList<>();
    for (FeatureVector v : inputs) {
      if (!gated(Objects.requireNonNull(v, "inputs element"))) {
        pass.add(v);
      }
    }
    List<List<Prediction<String>>> byMember = new ArrayList<>();
    for (Model<FeatureVector, String> m : members) {
      byMember.add(m.predictBatch(pass));
    }
    List<Prediction<String>> out = new ArrayList<>(inputs.size());
    int k = 0;
    for (FeatureVector v : inputs) {
      if (gated(v)) {
        out.add(noSpeech);
      } else {
        List<Prediction<String>> each = new ArrayList<>(members.size());
        for (List<Prediction<String>> b : byMember) {
          each.add(b.get(k));
        }
        out.add(combine(each));
        k++;
      }
    }
    return out;
  }

  private Prediction<String> combine(List<Prediction<String>> each) {
    Scores first = each.get(0).scores();
    double[] p = new double[first.size()];
    for (Prediction<String> e : each) {
      double[] s = e.scores().toArray();
      for (int i = 0; i < p.length; i++) {
        p[i] += s[i] / each.size();
      }
    }
    int none = first.labels().indexOf(SpeechRecipe.NO_SPEECH);
    double[] averaged = p.clone();
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.pow(Math.max(p[i], 1e-300), 1 / temperature);
      sum += p[i];
    }
    int best = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
      if (p[i] > p[best]) {
        best = i;
      }
    }
    if (none >= 0 && averaged[none] >= NO_SPEECH_THRESHOLD) {
      best = none;
    }
    Scores s = first.labels().scores(p);
    return new Prediction<>(first.labels().get(best), s);
  }

  private static boolean gated(FeatureVector v) {
    return v.get(SpeechRecipe.HAS_SPEECH) < 0.5;
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(MAGIC);
    d.writeDouble(temperature);
    d.writeInt(members.size());
    for (Model<FeatureVector, String> m : members) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      m.writeTo(b);
      d.writeUTF(m.format());
      d.writeInt(b.size());
      b.writeTo(d);
    }
    d.flush();
  }

  /** Reads what {@link #writeTo} wrote, with a loader for the members. */
  static SpeechModel read(InputStream in, ModelLoader<FeatureVector, String> member,
      ModelMetadata metadata) throws IOException {
    DataInputStream d = new DataInputStream(in);
    if (d.readInt() != MAGIC) {
      throw new IOException("not a " + FORMAT + " model: the magic number is wrong");
    }
    double t = d.readDouble();
    int n = d.readInt();
    if (n < 1 || n > 64) {
      throw new IOException("a " + FORMAT + " model must have 1 to 64 members but has " + n);
    }
    List<Model<FeatureVector, String>> ms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String f = d.readUTF();
      if (!f.equals(member.format())) {
        throw new IOException("member " + i + " has format " + f + ", expected "
            + member.format());
      }
      int len = d.readInt();
      if (len < 0 || len > 1 << 30) {
        throw new IOException("member " + i + " claims " + len + " bytes");
      }
      ms.add(member.read(new ByteArrayInputStream(d.readNBytes(len)), metadata));
    }
    try {
      return new SpeechModel(ms, t);
    } catch (IllegalArgumentException e) {
      throw new IOException("bad " + FORMAT + " model: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SpeechModel[voice-activity gate + " + members.size() + " member(s), T="
        + temperature + "]";
  }
}
