package dev.ciclo.spark;

import dev.ciclo.monitor.WindowSketches;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Fills a monitor's {@link WindowSketches} from rows, per partition, and merges the partitions'
 * summaries: the same values, bad-value and skip rules as the monitor applies to logged records.
 * Rows hold, in order: the numeric features (doubles), the categorical features, the prediction (if
 * watched), the confidence (if watched), and the time in epoch milliseconds.
 */
final class SketchAggregator extends Aggregator<Row, WindowSketches, WindowSketches> {
  private static final long serialVersionUID = 1L;

  private final List<String> numeric;
  private final List<String> categorical;
  private final boolean predictions;
  private final boolean confidence;

  SketchAggregator(List<String> numeric, List<String> categorical, boolean predictions,
      boolean confidence) {
    this.numeric = List.copyOf(numeric);
    this.categorical = List.copyOf(categorical);
    this.predictions = predictions;
    this.confidence = confidence;
  }

  @Override
  public WindowSketches zero() {
    return WindowSketches.create(numeric, categorical, predictions, confidence);
  }

  @Override
  public WindowSketches reduce(WindowSketches b, Row row) {
    boolean used = false;
    int c = 0;
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
      b.countRecord(Instant.ofEpochMilli(row.getLong(c)));
    } else {
      b.countSkipped();
    }
    return b;
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
