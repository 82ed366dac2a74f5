package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bounded leave-one-speaker-out check CI runs: one fold, the speaker that was hardest in the
 * full run ({@link HeldOutFold#SPEAKER}), with the recipe's defaults. The full table, every fold
 * clean and at 5 dB, is {@link LeaveOneSpeakerOut#main}.
 */
@DisplayName("the recipe on a speaker it never heard")
class HeldOutSpeakerTest {
  private static double accuracy(Dataset<AudioClip, String> d) {
    HeldOutFold f = HeldOutFold.get();
    Dataset<FeatureVector, String> v = f.recipe.extract(d);
    List<Prediction<String>> p = f.model.predictBatch(v.stream().map(Example::input).toList());
    int right = 0;
    for (int i = 0; i < v.size(); i++) {
      right += v.get(i).target().equals(p.get(i).value()) ? 1 : 0;
    }
    return right / (double) v.size();
  }

  @Test
  @DisplayName("nicolas: clean accuracy at least 0.80 (measured 0.832), with street-cars at 5 dB"
      + " at least 0.60 (measured 0.654), expected calibration error at most 0.05 (measured"
      + " 0.037 with the MLP step on cblas_sgemm)")
  void heldOut() {
    HeldOutFold f = HeldOutFold.get();
    double clean = accuracy(f.heldOut);
    double noisy = accuracy(SpeechRecipe.mixedAt(f.heldOut, f.cars, 5, HeldOutFold.SEED + 1));
    Dataset<FeatureVector, String> v = f.recipe.extract(f.heldOut);
    double ece = LeaveOneSpeakerOut.ece(v,
        f.model.predictBatch(v.stream().map(Example::input).toList()), 15);
    System.out.printf(java.util.Locale.ROOT, "held-out %s: clean %.3f, 5 dB %.3f, ECE %.3f%n",
        HeldOutFold.SPEAKER, clean, noisy, ece);
    assertTrue(clean >= MIN_CLEAN, "clean accuracy on " + HeldOutFold.SPEAKER + " " + clean);
    assertTrue(noisy >= MIN_NOISY, "accuracy at 5 dB on " + HeldOutFold.SPEAKER + " " + noisy);
    assertTrue(ece <= MAX_ECE, "ECE on " + HeldOutFold.SPEAKER + " " + ece);
  }

  // Training is deterministic (seed 42, one ND4J thread by the rule), so CI measures the same
  // numbers; the bars sit a few points under them. The goals (0.88 clean, 0.80 at 5 dB
  // on the worst fold) are not reached yet.
  private static final double MIN_CLEAN = 0.80;
  private static final double MIN_NOISY = 0.60;
  private static final double MAX_ECE = 0.05;
}
