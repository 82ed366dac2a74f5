package dev.ciclo.examples.data;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.data.Splits;
import dev.ciclo.core.data.DataSplitter;
import java.util.Objects;

/**
 * The split every example of the cycle uses, by speaker: a seeded group-aware split gives three
 * training speakers, one dev speaker and one test speaker, whom the model meets only in
 * production (the "speaker the model has not met"). Recordings 0-4 of the training speakers are
 * kept out of training as live traffic from users the model knows.
 *
 * @param train the training speakers' recordings with index 5 and up
 * @param known the training speakers' recordings 0-4 (never trained on)
 * @param dev the dev speaker's recordings
 * @param newcomer the test speaker's recordings
 */
public record SpeakerSplit(Dataset<AudioClip, String> train, Dataset<AudioClip, String> known,
    Dataset<AudioClip, String> dev, Dataset<AudioClip, String> newcomer) {
  /** The first recording index used for training; lower ones are live traffic. */
  public static final int FIRST_TRAINING_INDEX = 5;

  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   */
  public SpeakerSplit {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(known, "known");
    Objects.requireNonNull(dev, "dev");
    Objects.requireNonNull(newcomer, "newcomer");
  }

  /**
   * Splits the recordings.
   *
   * @param recordings the recordings, with at least 5 speakers and an {@code index} metadata
   * @param seed the seed of the split
   * @return the split
   * @throws IllegalArgumentException if a part would be empty
   */
  public static SpeakerSplit of(Dataset<AudioClip, String> recordings, long seed) {
    Splits<AudioClip, String> s = DataSplitter.builder().groupAware(true)
        .fractions(0.6, 0.2, 0.2).seed(seed).build().split(recordings);
    return new SpeakerSplit(
        s.train().filter("index >= " + FIRST_TRAINING_INDEX,
            e -> index(e) >= FIRST_TRAINING_INDEX),
        s.train().filter("index < " + FIRST_TRAINING_INDEX, e -> index(e) < FIRST_TRAINING_INDEX),
        s.dev(), s.test());
  }

  /**
   * The recording index of an example.
   *
   * @param e an example with {@code index} metadata
   * @return the index
   * @throws IllegalArgumentException if the metadata is missing or not a number
   */
  public static int index(Example<?, ?> e) {
    String v = e.metadata().get("index");
    if (v == null || !v.matches("[0-9]+")) {
      throw new IllegalArgumentException("example " + e.id() + " must have a numeric 'index'"
          + " metadata but has " + v);
    }
    return Integer.parseInt(v);
  }

  /**
   * The speaker the model meets only in production.
   *
   * @return the newcomer's name
   */
  public String newSpeaker() {
    return newcomer.groups().iterator().next();
  }

  /**
   * The dev speaker.
   *
   * @return the name
   */
  public String devSpeaker() {
    return dev.groups().iterator().next();
  }
}
