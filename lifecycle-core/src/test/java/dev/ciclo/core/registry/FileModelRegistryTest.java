package dev.ciclo.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.registry.AliasChange;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.api.train.Model;
import dev.ciclo.core.testing.BlobModels;
import dev.ciclo.core.testing.Registries;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import dev.ciclo.core.tribuo.TribuoModelLoader;
import dev.ciclo.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileModelRegistryTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("versions are numbered from 1 with their hash and provenance, and load back"
      + " predicting as registered, under the registered version")
  void registerAndLoad() {
    FileModelRegistry r = Registries.tribuo(tmp);
    TribuoClassifierModel<FeatureVector> m1 = BlobModels.model("trained", 1);
    ModelVersion v1 = r.register("digits", m1, Registries.run("run-1"));
    ModelVersion v2 = r.register("digits", BlobModels.model("trained", 2), Registries.run("run-2"));
    assertEquals(1, v1.version());
    assertEquals(2, v2.version());
    assertEquals("run-1", v1.runId());
    assertEquals("abc123", v1.properties().get("data.train"));
    assertEquals("0.9", v1.properties().get("metric.accuracy"));
    assertEquals(List.of(v1, v2), r.versions("digits"));
    assertEquals(List.of(), r.versions("other"));
    assertEquals(v2, r.version("digits", 2).orElseThrow());
    assertTrue(r.version("digits", 3).isEmpty());
    Model<FeatureVector, String> typed = r.load(v1, FeatureVector.class, String.class);
    assertEquals("1", typed.metadata().version());
    assertEquals("digits", typed.metadata().name());
    for (FeatureVector x : BlobModels.inputs(10, 4)) {
      assertEquals(m1.predict(x), typed.predict(x));
    }
  }

  @Test
  @DisplayName("aliases move atomically, roll back, and keep their history")
  void aliases() {
    FileModelRegistry r = Registries.tribuo(tmp);
    r.register("digits", BlobModels.model("t", 1), Registries.run("a"));
    r.register("digits", BlobModels.model("t", 2), Registries.run("b"));
    AliasChange first = r.setAlias("digits", "champion", 1, "first model");
    assertEquals(0, first.previousVersion());
    r.setAlias("digits", "challenger", 2, "retrained");
    AliasChange promote = r.setAlias("digits", "champion", 2, "promoted: +4 points on dev");
    assertEquals(1, promote.previousVersion());
    assertEquals(2, r.aliased("digits", "champion").orElseThrow().version());
    AliasChange back = r.rollBack("digits", "champion", "live accuracy dropped");
    assertEquals(1, back.newVersion());
    assertEquals(1, r.aliased("digits", "champion").orElseThrow().version());
    assertEquals(List.of("champion", "challenger", "champion", "champion"),
        r.aliasHistory("digits").stream().map(AliasChange::alias).toList());
    assertEquals(Registries.tribuo(tmp).aliasHistory("digits"), r.aliasHistory("digits"),
        "a new instance reads the same history");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.setAlias("digits", "champion", 7, "x"));
    assertTrue(e.getMessage().contains("[1, 2] but was 7"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> r.rollBack("digits", "challenger", "x"));
    assertThrows(IllegalArgumentException.class, () -> r.register("../evil",
        BlobModels.model("t", 1), Registries.run("c")));
    assertTrue(r.aliased("digits", "nobody").isEmpty());
  }

  @Test
  @DisplayName("a tampered model file is refused with the file named")
  void tamperedFileRefused() throws Exception {
    FileModelRegistry r = Registries.tribuo(tmp);
    TribuoClassifierModel<FeatureVector> m1 = BlobModels.model("t", 1);
    ModelVersion v1 = r.register("blobs", m1, Registries.run("a"));
    ModelVersion v2 = r.register("blobs", BlobModels.model("t", 2), Registries.run("b"));
    r.setAlias("blobs", "champion", 1, "first");
    Path file2 = tmp.resolve("models/blobs/v2/model.bin");
    byte[] bytes = Files.readAllBytes(file2);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file2, bytes);
    CicloException e = assertThrows(CicloException.class, () -> r.load(v2));
    assertTrue(e.getMessage().contains(file2.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  @DisplayName("a version folder left without version.json by a crash is ignored and its number"
      + " not reused")
  void crashLeftovers() throws Exception {
    FileModelRegistry r = Registries.tribuo(tmp);
    r.register("digits", BlobModels.model("t", 1), Registries.run("a"));
    Files.createDirectories(tmp.resolve("models/digits/v2"));
    Files.writeString(tmp.resolve("models/digits/v2/model.bin"), "half");
    assertEquals(1, r.versions("digits").size());
    assertEquals(3, r.register("digits", BlobModels.model("t", 2), Registries.run("b")).version());
    assertEquals(List.of(1, 3), r.versions("digits").stream().map(ModelVersion::version)
        .toList());
  }

  @Test
  @DisplayName("a typed load states the types it expects and gets a clear error on a mismatch")
  void typedLoad() {
    FileModelRegistry r = Registries.tribuo(tmp);
    ModelVersion v1 = r.register("digits", BlobModels.model("trained", 1), Registries.run("run-1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.load(v1, String.class, String.class));
    assertEquals("model 'digits' version 1 takes dev.ciclo.api.features.FeatureVector and"
        + " predicts java.lang.String, but was loaded as java.lang.String -> java.lang.String",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> r.load(v1, FeatureVector.class, Integer.class));
    assertTrue(e.getMessage().endsWith("but was loaded as dev.ciclo.api.features.FeatureVector"
        + " -> java.lang.Integer"), e.getMessage());
    FileModelRegistry untyped = FileModelRegistry.builder(Workspace.open(tmp))
        .loader(TribuoModelLoader.of(FeatureExtractor.identity())).build();
    IllegalStateException s = assertThrows(IllegalStateException.class,
        () -> untyped.load(v1, FeatureVector.class, String.class));
    assertEquals("model 'digits' version 1: the loader of format 'tribuo-protobuf' does not"
        + " declare its models' types; make it with its of(inputType, extractor)",
        s.getMessage());
  }

  @Test
  @DisplayName("every method refuses a name with '/', '\\', '..' or NUL: versions(\"../models/feat\")"
      + " does not list another folder and load(\"../outside\") loads nothing from outside")
  void traversal() throws Exception {
    FileModelRegistry r = Registries.tribuo(tmp);
    // a real model outside the registry root, where "../outside" would point
    ModelVersion real =
        r.register("outside", BlobModels.model("trained", 1), Registries.run("run-1"));
    Path models = tmp.resolve("models");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.versions("../models/feat"));
    assertEquals("modelName must not contain '/', '\\', '..' or NUL but was '../models/feat'",
        e.getMessage());
    ModelVersion outside = new ModelVersion("../outside", 1, real.sha256(), real.format(),
        real.registeredAt(), "run-1", Map.of());
    e = assertThrows(IllegalArgumentException.class, () -> r.load(outside));
    assertEquals("modelName must not contain '/', '\\', '..' or NUL but was '../outside'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> r.load(outside, FeatureVector.class, String.class));
    for (String bad : List.of("a/b", "a\\b", "..", "a\0b")) {
      assertThrows(IllegalArgumentException.class, () -> r.versions(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> r.version(bad, 1), bad);
      assertThrows(IllegalArgumentException.class, () -> r.aliased(bad, "champion"), bad);
      assertThrows(IllegalArgumentException.class, () -> r.aliasHistory(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> r.setAlias(bad, "c", 1, "x"), bad);
      assertThrows(IllegalArgumentException.class, () -> r.rollBack(bad, "c", "x"), bad);
      assertThrows(IllegalArgumentException.class,
          () -> r.register(bad, BlobModels.model("trained", 1), Registries.run("r")), bad);
    }
    assertTrue(Files.isDirectory(models.resolve("outside")), "the real one is untouched");
  }
}
