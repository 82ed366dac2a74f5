package dev.ciclo.spark;

import dev.ciclo.monitor.WindowSketches;
import dev.ciclo.monitor.vocabulary.VocabularySummarizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;
import scala.Tuple2;

/**
 * Fills a monitor's {@link WindowSketches} from rows, per partition, and merges the partitions'
 * summaries: the same values, bad-value and skip rules as the monitor applies to logged records.
 * Rows hold, in order: the numeric features (doubles), the categorical features, the text fields
 * (strings), the prediction (if watched), the confidence (if watched), the time in epoch
 * milliseconds and the window index. Text fields are summarised with the monitor's summarizers,
 * whose sequential test needs each summary's rows in time order: {@link #partition} fills them
 * from a partition's rows sorted by time.
 */
final class SketchAggregator extends Aggregator<Row, WindowSketches, WindowSketches> {
  private static final long serialVersionUID = 1L;

  private final List<String> numeric;
  private final List<String> categorical;
  private final List<String> text;
  private final LinkedHashMap<String, VocabularySummarizer> summarizers;
  private final boolean predictions;
  private final boolean confidence;
  private final int millisColumn;

  SketchAggregator(List<String> numeric, List<String> categorical,
      Map<String, VocabularySummarizer> text, boolean predictions, boolean confidence) {
    this.numeric = List.copyOf(numeric);
    this.categorical = List.copyOf(categorical);
    this.text = List.copyOf(text.keySet());
    this.summarizers = new LinkedHashMap<>(text);
    this.predictions = predictions;
    this.confidence = confidence;
    this.millisColumn = numeric.size() + categorical.size() + text.size()
        + (predictions ? 1 : 0) + (confidence ? 1 : 0);
  }

  @Override
  public WindowSketches zero() {
    return WindowSketches.create(numeric, categorical, text, predictions, confidence);
  }

  @Override
  public WindowSketches reduce(WindowSketches b, Row row) {
    boolean used = false;
    int c = 0;
    long millis = row.getLong(millisColumn);
    for (int i = 0; i < numeric.size(); i++, c++) {
      double v = Double.NaN;
      if (!row.isNullAt(c)) {
        v = row.getDouble(c);
      }
      if (Double.isFinite(v)) {
        b.numeric(numeric.get(i)).add(v);
        used = true;
      } else {
        b.countBadValue();
      }
    }
    for (int i = 0; i < categorical.size(); i++, c++) {
      if (row.isNullAt(c)) {
        b.countBadValue();
      } else {
        b.categorical(categorical.get(i)).add(String.valueOf(row.get(c)));
        used = true;
      }
    }
    for (int i = 0; i < text.size(); i++, c++) {
      if (row.isNullAt(c)) {
        b.countBadValue();
      } else {
        String f = text.get(i);
        summarizers.get(f).add(b.text(f), row.getString(c), millis);
        used = true;
      }
    }
    if (predictions) {
      if (!row.isNullAt(c) && !row.getString(c).isEmpty()) {
        b.predictions().add(row.getString(c));
        used = true;
      }
      c++;
    }
    if (confidence) {
      if (!row.isNullAt(c)) {
        double v = ((Number) row.get(c)).doubleValue();
        if (Double.isFinite(v)) {
          b.confidence().add(v);
          used = true;
        }
      }
      c++;
    }
    if (used) {
      b.countRecord(Instant.ofEpochMilli(millis));
    } else {
      b.countSkipped();
    }
    return b;
  }

  /**
   * One partition's summaries, one per window it holds, from its rows sorted by time (so each
   * text field's summary is one time-ordered run).
   */
  Iterator<Tuple2<Long, WindowSketches>> partition(Iterator<Row> rows) {
    int windowColumn = millisColumn + 1;
    List<Tuple2<Long, WindowSketches>> out = new ArrayList<>();
    long window = Long.MIN_VALUE;
    WindowSketches b = null;
    while (rows.hasNext()) {
      Row r = rows.next();
      long w = r.getLong(windowColumn);
      if (b == null || w != window) {
        window = w;
        b = zero();
        out.add(new Tuple2<>(w, b));
      }
      reduce(b, r);
    }
    return out.iterator();
  }

  @Override
  public WindowSketches merge(WindowSketches a, WindowSketches b) {
    a.merge(b);
    return a;
  }

  @Override
  public WindowSketches finish(WindowSketches b) {
    return b;
  }

  @Override
  public Encoder<WindowSketches> bufferEncoder() {
    return Encoders.javaSerialization(WindowSketches.class);
  }

  @Override
  public Encoder<WindowSketches> outputEncoder() {
    return Encoders.javaSerialization(WindowSketches.class);
  }
}
