package dev.ciclo.core.maintain;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.train.RunRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A promotion being watched, what to restore on roll back, and how to measure it.
 *
 * @param cycle the promoted candidate
 * @param record its run record as written at promotion
 * @param previousBase the training set before the promotion
 * @param previousSince the log window start before the promotion
 * @param start when the watch began
 * @param before the old version's accuracy over the cycle's log window, or {@code null} when the
 *     old champion shadows the new one (paired comparison)
 * @param <X> the input type
 * @param <Y> the label type
 */
record Watch<X, Y>(Candidate<X, Y> cycle, RunRecord record, Dataset<X, Y> previousBase,
    Instant previousSince, Instant start, LogJoin.Live before) {

  boolean paired() {
    return before == null;
  }

  /** The new version (candidate) against the old one (reference) on labelled live requests. */
  LogJoin.Live measure(PredictionLog log, Instant now, String modelName,
      Map<String, LogJoin.Labelled<Y>> labels, Function<String, ? extends Y> parser) {
    String newVersion = Integer.toString(cycle.challenger().version());
    if (paired()) {
      return LogJoin.compare(log, start, now.plusNanos(1), modelName, newVersion,
          Integer.toString(cycle.champion().version()), labels, parser);
    }
    LogJoin.Live mine = LogJoin.accuracy(log, start, now.plusNanos(1), modelName, newVersion,
        labels, parser);
    return new LogJoin.Live(before.count() == 0 ? 0 : mine.count(), mine.candidate(),
        before.candidate());
  }

  /** The measurement as {@code gate.watch.*} metrics for the run record. */
  Map<String, Double> metrics(LogJoin.Live live) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(PromotionGate.EVIDENCE_PREFIX + "watch.paired", paired() ? 1.0 : 0.0);
    m.put(PromotionGate.EVIDENCE_PREFIX + "watch.count", (double) live.count());
    m.put(PromotionGate.EVIDENCE_PREFIX + "watch.new", live.candidate());
    m.put(PromotionGate.EVIDENCE_PREFIX + "watch.old", live.reference());
    return m;
  }

  /** Why a measurement rolls back. */
  String worse(LogJoin.Live live, double margin) {
    return "in the watch, on " + live.count() + " labelled live requests, the new champion's"
        + " accuracy " + PromotionGate.num(live.candidate()) + " is below the old one's "
        + PromotionGate.num(live.reference()) + (paired() ? " on the same requests"
            : " before the swap") + " by more than the margin " + PromotionGate.num(margin);
  }
}
