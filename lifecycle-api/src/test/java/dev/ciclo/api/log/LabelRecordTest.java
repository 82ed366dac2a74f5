package dev.ciclo.api.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LabelRecordTest {
  @Test
  @DisplayName("a label names its request; blank ids and labels are refused with the request named")
  void validation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LabelRecord("r-1", " ", Instant.EPOCH));
    assertEquals("label of request r-1 must not be blank but was ' '", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LabelRecord("", "7", Instant.EPOCH));
    assertThrows(NullPointerException.class, () -> new LabelRecord("r-1", "7", null));
  }

  @Test
  @DisplayName("LabelListener stays a one-method interface that hosts write as a lambda")
  void listenerIsOneMethod() throws Exception {
    assertTrue(LabelListener.class.isAnnotationPresent(FunctionalInterface.class));
    List<Method> abstracts = Arrays.stream(LabelListener.class.getMethods())
        .filter(m -> Modifier.isAbstract(m.getModifiers())).toList();
    assertEquals(List.of(LabelListener.class.getMethod("onLabel", LabelRecord.class)), abstracts);
    List<String> seen = new ArrayList<>();
    LabelListener l = r -> seen.add(r.requestId() + "=" + r.label());
    l.onLabel(new LabelRecord("r-9", "3", Instant.EPOCH));
    assertEquals(List.of("r-9=3"), seen);
  }
}
