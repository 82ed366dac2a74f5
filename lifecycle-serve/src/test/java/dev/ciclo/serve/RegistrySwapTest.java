package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.registry.ModelRegistry;
import dev.ciclo.api.registry.ModelVersion;
import dev.ciclo.core.registry.FileModelRegistry;
import dev.ciclo.core.testing.Registries;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server swapping to what a file registry's alias names. */
class RegistrySwapTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("a tampered model file is refused and the server keeps the running model")
  void tamperedFileRefused() throws Exception {
    FileModelRegistry r = Registries.tribuo(tmp);
    TribuoClassifierModel<FeatureVector> m1 = ServeFixtures.model("t", 1);
    ModelVersion v1 = r.register("blobs", m1, Registries.run("a"));
    r.register("blobs", ServeFixtures.model("t", 2), Registries.run("b"));
    r.setAlias("blobs", "champion", 1, "first");
    Path file2 = tmp.resolve("models/blobs/v2/model.bin");
    byte[] bytes = Files.readAllBytes(file2);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file2, bytes);
    try (InferenceServer s = InferenceServer.builder().port(0).threads(2)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", m1, ServeFixtures.NAMES, ServeFixtures.inputs(2, 1)))
        .build().start()) {
      assertEquals(v1, s.swapTo("blobs", r, "champion"));
      assertEquals("1", s.servedVersion("blobs"));
      r.setAlias("blobs", "champion", 2, "bad promotion");
      assertThrows(CicloException.class, () -> s.swapTo("blobs", r, "champion"));
      assertEquals("1", s.servedVersion("blobs"), "the running model stays in service");
    }
  }


  @Test
  @DisplayName("moving the champion alias swaps the served model; a corrupt promotion is refused"
      + " once and the running model stays")
  void followsTheAlias() throws Exception {
    FileModelRegistry r = Registries.tribuo(tmp);
    TribuoClassifierModel<FeatureVector> m1 = ServeFixtures.model("t", 1);
    r.register("blobs", m1, Registries.run("a"));
    r.register("blobs", ServeFixtures.model("t", 2), Registries.run("b"));
    r.register("blobs", ServeFixtures.model("t", 3), Registries.run("c"));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (InferenceServer s = InferenceServer.builder().port(0).threads(2)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", m1, ServeFixtures.NAMES, ServeFixtures.inputs(2, 1)))
        .build().start();
        AliasFollower manual = AliasFollower.manual(s, "blobs", r, "champion")) {
      assertTrue(manual.checkNow().isEmpty(), "no alias yet");
      r.setAlias("blobs", "champion", 2, "promoted");
      assertEquals(2, manual.checkNow().orElseThrow().version());
      assertEquals("2", s.servedVersion("blobs"));
      assertTrue(manual.checkNow().isEmpty(), "already served");
      Path file3 = tmp.resolve("models/blobs/v3/model.bin");
      Files.write(file3, new byte[] {1, 2, 3});
      r.setAlias("blobs", "champion", 3, "bad file");
      assertTrue(manual.checkNow().isEmpty());
      assertEquals("2", s.servedVersion("blobs"), "the running model stays");
      assertTrue(manual.checkNow().isEmpty());
      assertEquals(1, ServeFixtures.metric(s.metricsText(), "ciclo_model_swap_failures_total",
          "model", "blobs"),
          "a refused version is not retried until the alias moves");
      r.rollBack("blobs", "champion", "v3 refused");
      r.setAlias("blobs", "champion", 1, "back to the first");
      try (AliasFollower scheduled = AliasFollower.start(s, "blobs", r, "champion", scheduler,
          Duration.ofMillis(20))) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!s.servedVersion("blobs").equals("1") && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertEquals("1", s.servedVersion("blobs"), "the scheduled follower swapped version 1 in");
      }
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  @DisplayName("a scheduled check that fails with an Error (out of memory) is logged and the next"
      + " one follows the alias: the schedule does not end")
  void followerOutlivesAnError() throws Exception {
    FileModelRegistry r = Registries.tribuo(tmp);
    TribuoClassifierModel<FeatureVector> m1 = ServeFixtures.model("t", 1);
    r.register("blobs", m1, Registries.run("a"));
    r.register("blobs", ServeFixtures.model("t", 2), Registries.run("b"));
    r.setAlias("blobs", "champion", 2, "promoted");
    AtomicInteger errors = new AtomicInteger(2);
    ModelRegistry flaky = (ModelRegistry) Proxy.newProxyInstance(
        ModelRegistry.class.getClassLoader(), new Class<?>[] {ModelRegistry.class},
        (proxy, method, args) -> {
          if (method.getName().equals("aliased") && errors.getAndDecrement() > 0) {
            throw new OutOfMemoryError("Java heap space (made up by the test)");
          }
          try {
            return method.invoke(r, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (InferenceServer s = InferenceServer.builder().port(0).threads(2)
        .stopGrace(Duration.ZERO)
        .serve(ServedModel.features("blobs", m1, ServeFixtures.NAMES, ServeFixtures.inputs(2, 1)))
        .build().start();
        AliasFollower f = AliasFollower.start(s, "blobs", flaky, "champion", scheduler,
            Duration.ofMillis(20))) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!s.servedVersion("blobs").equals("2") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals("2", s.servedVersion("blobs"), "the follower stopped after an Error");
      assertTrue(errors.get() < 0, "both errors were thrown");
    } finally {
      scheduler.shutdownNow();
    }
  }
}
