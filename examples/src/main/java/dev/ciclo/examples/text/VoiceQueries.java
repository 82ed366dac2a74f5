package dev.ciclo.examples.text;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded voice-search queries with their intent ({@code call}, {@code play}, {@code navigate}):
 * templates with slots for a person, an artist or a place. Some templates say the intent
 * ("call {person}"); others do not ("{x} please", "get me {x}"), so only the name tells. After
 * the change, people call and play new names the model has never seen, so a model that knew
 * only the old names cannot tell a new friend from a new singer.
 *
 * <p>Immutable and thread-safe; every call with the same arguments gives the same queries.
 */
public final class VoiceQueries {
  /** The names people called before the change. */
  public static final List<String> OLD_PEOPLE = List.of("anna", "marco", "sofia", "david",
      "elena", "james", "lucia", "peter", "maria", "thomas", "laura", "daniel");
  /** The names that appear after the change. */
  public static final List<String> NEW_PEOPLE = List.of("oksana", "kwame", "aiyana", "bongani",
      "thandiwe", "yusuf", "ngozi", "tariq", "emeka", "zainab", "kofi", "amara");
  /** The artists people played before the change. */
  public static final List<String> OLD_ARTISTS = List.of("adele", "coldplay", "shakira",
      "beyonce", "metallica", "rihanna", "drake", "madonna", "queen", "abba");
  /** The artists that appear after the change. */
  public static final List<String> NEW_ARTISTS = List.of("stromae", "rosalia", "burna", "tems",
      "wizkid", "aurora", "sigrid", "lorde", "hozier", "fela");
  static final List<String> PLACES = List.of("paris", "london", "berlin", "madrid", "rome",
      "vienna", "lisbon", "dublin", "oslo", "prague");
  private static final List<String> CALL = List.of("call %s", "phone %s", "ring %s now",
      "%s", "get me %s", "%s please");
  private static final List<String> PLAY = List.of("play %s", "play songs by %s", "put on %s",
      "%s", "get me %s", "%s please");
  private static final List<String> NAVIGATE = List.of("navigate to %s", "directions to %s",
      "take me to %s", "how far is %s", "%s", "%s please");

  private VoiceQueries() {}

  /**
   * Queries of one period.
   *
   * @param name the dataset's name and the prefix of example ids, not blank
   * @param count how many, at least 0
   * @param newNames whether people call and play the new names (after the change) or the old
   *     ones
   * @param seed the seed
   * @return the queries, intents in turn ({@code call}, {@code play}, {@code navigate}, ...)
   * @throws IllegalArgumentException if the count is negative
   */
  public static Dataset<String, String> generate(String name, int count, boolean newNames,
      long seed) {
    Objects.requireNonNull(name, "name");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative but was " + count);
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<String> people = newNames ? NEW_PEOPLE : OLD_PEOPLE;
    List<String> artists = newNames ? NEW_ARTISTS : OLD_ARTISTS;
    List<Example<String, String>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String intent;
      String text;
      switch (i % 3) {
        case 0 -> {
          intent = "call";
          text = fill(CALL, people, r);
        }
        case 1 -> {
          intent = "play";
          text = fill(PLAY, artists, r);
        }
        default -> {
          intent = "navigate";
          text = fill(NAVIGATE, PLACES, r);
        }
      }
      out.add(Example.of(name + "-" + i, text, intent));
    }
    return Dataset.of(name, out);
  }

  /**
   * The tokens of a set of queries: the vocabulary a model trained on them knows.
   *
   * @param data the queries
   * @return the tokens
   */
  public static Set<String> vocabulary(Dataset<String, String> data) {
    Set<String> v = new LinkedHashSet<>();
    data.forEach(e -> v.addAll(HashingBagOfWords.tokens(e.input())));
    return v;
  }

  private static String fill(List<String> templates, List<String> values, SplittableRandom r) {
    return String.format(templates.get(r.nextInt(templates.size())),
        values.get(r.nextInt(values.size())));
  }
}
