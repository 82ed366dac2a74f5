package dev.ciclo.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciclo.api.augment.AppliedTransform;
import dev.ciclo.api.augment.AugmentationRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordsTest {
  @Test
  @DisplayName("a record becomes one line of JSON with escaped text and sorted parameters")
  void json() {
    AugmentationRecord r = new AugmentationRecord(List.of(
        new AppliedTransform("gain", Map.of("gainDb", 3.5, "note", "a \"b\"\n")),
        new AppliedTransform("shift", Map.of("rollover", true, "shiftSamples", 12))));
    assertEquals("{\"transforms\":[{\"name\":\"gain\",\"parameters\":{\"gainDb\":3.5,"
        + "\"note\":\"a \\\"b\\\"\\n\"}},{\"name\":\"shift\",\"parameters\":{\"rollover\":true,"
        + "\"shiftSamples\":12}}]}", Records.toJson(r));
    assertEquals("{\"transforms\":[]}", Records.toJson(AugmentationRecord.none()));
  }

  @Test
  @DisplayName("the summary counts transforms and gives ranges, files and the worst SNR error")
  void summary() {
    List<AugmentationRecord> recs = List.of(
        AugmentationRecord.of(new AppliedTransform("background-noise", Map.of(
            "noiseFile", "a.wav", "requestedSnrDb", 2.0, "measuredSnrDb", 2.001))),
        AugmentationRecord.of(new AppliedTransform("background-noise", Map.of(
            "noiseFile", "b.wav", "requestedSnrDb", 8.0, "measuredSnrDb", 8.0))),
        AugmentationRecord.of(new AppliedTransform("background-noise", Map.of(
            "noiseFile", "a.wav", "requestedSnrDb", 5.0, "skipped", "silent input"))),
        AugmentationRecord.none());
    assertEquals("background-noise x3 (skipped 1): noiseFile {a.wav, b.wav}, "
        + "measuredSnrDb [2.001, 8.0], requestedSnrDb [2.0, 8.0], "
        + "max |measured - requested SNR| 0.0010 dB", Records.summarize(recs));
    assertEquals("nothing applied", Records.summarize(List.of(AugmentationRecord.none())));
  }
}
