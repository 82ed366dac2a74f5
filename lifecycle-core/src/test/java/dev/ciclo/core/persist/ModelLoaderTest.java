package dev.ciclo.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.train.Model;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelLoaderTest {
  @Test
  @DisplayName("ModelLoader.of says its types and format and reads through its reader")
  void of() throws IOException {
    AtomicReference<InputStream> seen = new AtomicReference<>();
    AtomicReference<ModelMetadata> meta = new AtomicReference<>();
    ModelLoader<double[], String> l = ModelLoader.of(double[].class, String.class, "f-v1",
        (in, m) -> {
          seen.set(in);
          meta.set(m);
          return null;
        });
    assertEquals(double[].class, l.inputType());
    assertEquals(String.class, l.outputType());
    assertEquals("f-v1", l.format());
    InputStream in = new ByteArrayInputStream(new byte[] {1});
    Model<double[], String> read = l.read(in, null);
    assertEquals(null, read);
    assertSame(in, seen.get());
    IOException failure = new IOException("torn");
    ModelLoader<double[], String> failing = ModelLoader.of(double[].class, String.class, "f",
        (i, m) -> {
          throw failure;
        });
    assertSame(failure, assertThrows(IOException.class, () -> failing.read(in, null)));
  }

  @Test
  @DisplayName("ModelLoader.of refuses a blank format and null arguments, naming them")
  void badArguments() {
    ModelLoader.Reader<Object, Object> r = (in, m) -> null;
    assertEquals("format must not be blank but was ' '", assertThrows(
        IllegalArgumentException.class, () -> ModelLoader.of(Object.class, Object.class, " ", r))
        .getMessage());
    assertEquals("format", assertThrows(NullPointerException.class,
        () -> ModelLoader.of(Object.class, Object.class, null, r)).getMessage());
    assertEquals("reader", assertThrows(NullPointerException.class,
        () -> ModelLoader.of(Object.class, Object.class, "f", null)).getMessage());
    assertEquals("inputType", assertThrows(NullPointerException.class,
        () -> ModelLoader.of(null, Object.class, "f", r)).getMessage());
  }
}
