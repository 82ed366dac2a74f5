package dev.ciclo.monitor.report;

import java.time.Instant;
import java.util.Map;

/** A minimal JSON writer: objects, arrays, strings with full escaping, finite numbers. */
final class Json {
  private final StringBuilder out = new StringBuilder();
  private boolean needComma;

  Json beginObject() {
    comma();
    out.append('{');
    needComma = false;
    return this;
  }

  Json endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  Json beginArray() {
    comma();
    out.append('[');
    needComma = false;
    return this;
  }

  Json endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  Json name(String name) {
    comma();
    string(name);
    out.append(':');
    needComma = false;
    return this;
  }

  Json value(String s) {
    comma();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    needComma = true;
    return this;
  }

  Json value(Instant t) {
    return value(t == null ? null : t.toString());
  }

  Json value(double d) {
    comma();
    if (!Double.isFinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(d);
    }
    needComma = true;
    return this;
  }

  Json value(long v) {
    comma();
    out.append(v);
    needComma = true;
    return this;
  }

  Json value(boolean b) {
    comma();
    out.append(b);
    needComma = true;
    return this;
  }

  Json field(String name, String v) {
    return name(name).value(v);
  }

  Json field(String name, double v) {
    return name(name).value(v);
  }

  Json field(String name, long v) {
    return name(name).value(v);
  }

  Json field(String name, boolean v) {
    return name(name).value(v);
  }

  Json field(String name, Instant v) {
    return name(name).value(v);
  }

  Json field(String name, Map<String, String> map) {
    name(name).beginObject();
    map.forEach(this::field);
    return endObject();
  }

  private void comma() {
    if (needComma) {
      out.append(',');
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
