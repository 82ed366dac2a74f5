package dev.ciclo.api.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The media-type and hash checks against the regular expressions that define them: the checks
 * are hand-written scans for speed (a logged record builds a {@link PayloadRef}), so they are
 * held to the plain regex forms here.
 */
class MediaTypeTest {
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]+");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final String ALPHABET = "aZz09!#$&^_.+-/;= \t@\"é";

  /** The normal form by the regex definition, or null where the media type is refused. */
  private static String oracle(String m) {
    String[] parts = m.trim().toLowerCase(Locale.ROOT).split(";", -1);
    String[] ts = parts[0].trim().split("/", -1);
    if (ts.length != 2 || !TOKEN.matcher(ts[0]).matches() || !TOKEN.matcher(ts[1]).matches()) {
      return null;
    }
    StringBuilder out = new StringBuilder(ts[0]).append('/').append(ts[1]);
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", -1);
      if (kv.length != 2 || !TOKEN.matcher(kv[0].trim()).matches()
          || !TOKEN.matcher(kv[1].trim()).matches()) {
        return null;
      }
      out.append(';').append(kv[0].trim()).append('=').append(kv[1].trim());
    }
    return out.toString();
  }

  private static Gen<String> strings(String alphabet, int maxLength) {
    return SourceDSL.lists().of(SourceDSL.integers().between(0, alphabet.length() - 1))
        .ofSizeBetween(0, maxLength)
        .map(l -> l.stream().map(i -> String.valueOf(alphabet.charAt(i)))
            .reduce("", String::concat));
  }

  /** Media types that are mostly well formed: tokens joined by the right separators. */
  private static Gen<String> shaped() {
    Gen<String> token = strings("aBz09+-.", 4);
    Gen<String> sep = SourceDSL.integers().between(0, 9)
        .map(i -> i < 7 ? "" : i == 7 ? " " : i == 8 ? "  " : "\t");
    return token.zip(token, token, token, (a, b, c, d) -> a + "/" + b + ";" + c + "=" + d)
        .zip(sep, sep, (s, x, y) -> x + s.replace(";", y + ";" + x) + y)
        .zip(SourceDSL.integers().between(0, 2), (s, cut) ->
            cut == 0 ? s : s.substring(0, s.indexOf(';')));
  }

  private static void agrees(String m) {
    String expected = oracle(m);
    if (expected == null) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RawPayload.normalise(m), () -> "'" + m + "' should be refused");
      assertEquals("mediaType must be type/subtype[;name=value...] but was '" + m + "'",
          e.getMessage());
    } else {
      assertEquals(expected, RawPayload.normalise(m), () -> "'" + m + "'");
    }
    assertEquals(expected != null && expected.equals(m), RawPayload.isNormal(m),
        () -> "isNormal('" + m + "')");
  }

  @Test
  @DisplayName("normalise equals the regex definition on random strings and near-valid types")
  void normaliseAgreesWithTheRegexForm() {
    qt().withExamples(20_000).forAll(strings(ALPHABET, 14)).checkAssert(MediaTypeTest::agrees);
    qt().withExamples(20_000).forAll(shaped()).checkAssert(MediaTypeTest::agrees);
  }

  @Test
  @DisplayName("a media type already normal comes back as the same string, not a copy")
  void normalIsReturnedAsIs() {
    String m = "text/plain;charset=utf-8";
    assertSame(m, RawPayload.normalise(m));
    assertEquals("text/plain;charset=utf-8", RawPayload.normalise(" Text/Plain ; charset = UTF-8"));
  }

  @Test
  @DisplayName("a PayloadRef's hash check equals the regex [0-9a-f]{64}")
  void hashCheckAgreesWithTheRegex() {
    qt().withExamples(20_000)
        .forAll(SourceDSL.integers().between(0, 2), strings("0af9gA ", 66))
        .checkAssert((pad, s) -> {
          // most strings of length 64 to reach the interesting cases
          String h = pad == 0 ? s : (s + "0".repeat(64)).substring(0, 64);
          assertEquals(HEX.matcher(h).matches(), PayloadRef.isHex64(h), () -> "'" + h + "'");
        });
    assertThrows(IllegalArgumentException.class,
        () -> new PayloadRef("A".repeat(64), "audio/wav", 1));
    assertEquals("audio/wav", new PayloadRef("a".repeat(64), "Audio/WAV", 1).mediaType());
  }
}
