package dev.ciclo.core.log;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.log.AppendOutcome;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionLog;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.core.workspace.AtomicFiles;
import dev.ciclo.core.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A {@link PredictionLog} in a folder (usually the workspace's {@code logs/}): append-only
 * segment files of checksummed JSON lines that rotate by size and age.
 *
 * <ul>
 *   <li><b>Consent</b>: a record whose consent does not allow logging is not stored; only its count
 *       is kept ({@link #refusedForConsent()}). Under monitoring consent the prediction, scores and
 *       signals are kept; under training consent the raw input too, in the content-addressed
 *       {@link PayloadStore} in the folder's {@code payloads/} (once per distinct content).
 *   <li><b>Privacy</b>: the {@link PrivacyPolicy} is applied to every record's signals before it
 *       is written (default {@link PrivacyPolicy#keepAll()}: the consent covers derived signals).
 *   <li><b>Bad payloads</b>: a media type not accepted, a payload over the cap or a failed write
 *       leaves the record out with an {@link AppendOutcome} that says why, counted in
 *       {@link #outcomes()}; a failed write is cut back, so nothing stored before is damaged.
 *   <li><b>Retention</b>: records older than the retention limit are not read, and segments that
 *       hold only such records are deleted when a segment rotates or on
 *       {@link #applyRetention()}; {@link #applyRetention()} also removes the payloads that no
 *       record within retention references.
 *   <li><b>Erasure</b>: {@link #erase} rewrites each segment that holds the subject's records,
 *       atomically, without them, then removes the payloads no remaining record references.
 *   <li><b>Crash safety</b>: each record is one {@code write} of a whole line; a process killed
 *       mid-write leaves at most one torn last line, which readers skip and count
 *       ({@link LogRead#skippedLines()}). A log opened again always starts a new segment, so it
 *       never appends after a torn line. A payload is written before the record that names it, so
 *       no record ever references a missing or torn payload.
 * </ul>
 *
 * <p>Speed: a training-consent append hashes the payload (SHA-256) while a helper thread writes it
 * to the store, so it costs about the larger of the two instead of their sum (see
 * {@link Builder#overlapPayloadWrites}); an append that finds another under way hashes while it
 * waits for the lock.
 *
 * <p>Thread-safe: appends are serialised; reads may run at the same time and see every record
 * appended before they started. One writing instance per folder: two processes appending to the
 * same folder are not supported (readers in other processes are, see {@link #readFolder}).
 */
public final class FilePredictionLog implements PredictionLog {
  private final Path dir;
  private final Clock clock;
  private final long maxSegmentBytes;
  private final Duration maxSegmentAge;
  private final Duration retention;
  private final PrivacyPolicy policy;
  private final boolean fsync;
  private final Set<String> mediaTypes;
  private final long maxPayloadBytes;
  private final PayloadStore payloads;
  private final Map<AppendOutcome, LongAdder> outcomes = new EnumMap<>(AppendOutcome.class);
  private final LongAdder appended = new LongAdder();
  private final LongAdder refused = new LongAdder();
  /** Training-consent appends under way (waiting for the lock or holding it). */
  private final AtomicInteger appending = new AtomicInteger();
  private FileChannel channel;
  private Segments.Seg active;
  private long size;
  private long nextSeq;
  private boolean closed;

  private FilePredictionLog(Builder b) {
    this.dir = b.dir;
    this.clock = b.clock;
    this.maxSegmentBytes = b.maxSegmentBytes;
    this.maxSegmentAge = b.maxSegmentAge;
    this.retention = b.retention;
    this.policy = b.policy;
    this.fsync = b.fsync;
    this.mediaTypes = Set.copyOf(b.mediaTypes);
    this.maxPayloadBytes = b.maxPayloadBytes;
    this.payloads = new PayloadStore(dir.resolve("payloads"), b.fsync, b.hook,
        b.overlap ? writerThreads(dir) : null);
    for (AppendOutcome o : AppendOutcome.values()) {
      outcomes.put(o, new LongAdder());
    }
    List<Segments.Seg> existing = Segments.list(dir);
    this.nextSeq = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).seq() + 1;
  }

  /**
   * Starts configuring a log in a folder, created on the first append if missing.
   *
   * @param directory the folder
   * @return a builder
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /**
   * Starts configuring a log in the workspace's {@code logs/} folder.
   *
   * @param workspace the workspace
   * @return a builder
   */
  public static Builder builder(Workspace workspace) {
    return new Builder(Objects.requireNonNull(workspace, "workspace").logs());
  }

  /**
   * Reads a log folder without opening it for writing, for example after a crash or from another
   * process. A segment still being written may end in a partial line, which is counted as
   * skipped.
   *
   * @param directory the folder
   * @param from the first instant included
   * @param to the first instant excluded
   * @return the records and the count of skipped lines
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   * @throws CicloException if a segment cannot be read
   */
  public static LogRead readFolder(Path directory, Instant from, Instant to) {
    Objects.requireNonNull(directory, "directory");
    checkRange(from, to);
    List<PredictionRecord> out = new ArrayList<>();
    long skipped = 0;
    List<Segments.Seg> segs = Segments.list(directory);
    for (Segments.Seg s : segs) {
      skipped += Segments.decode(Segments.bytes(s.path(), -1), r -> inRange(r, from, to), out,
          null);
    }
    return new LogRead(out, skipped, segs.size());
  }

  @Override
  public boolean append(PredictionRecord record) {
    Objects.requireNonNull(record, "record");
    noInput(record);
    if (!record.consent().allowsLogging()) {
      refused.increment();
      outcomes.get(AppendOutcome.NO_CONSENT).increment();
      return false;
    }
    byte[] line = RecordCodec.encode(policy == PrivacyPolicy.keepAll() ? record
        : record.withSignals(policy.apply(record.signals())));
    synchronized (this) {
      writeLine(line);
    }
    appended.increment();
    outcomes.get(AppendOutcome.LOGGED).increment();
    return true;
  }

  @Override
  public AppendOutcome append(PredictionRecord record, Payload input) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(input, "input");
    noInput(record);
    if (!record.consent().allowsTraining()) {
      return append(record) ? AppendOutcome.LOGGED : AppendOutcome.NO_CONSENT;
    }
    AppendOutcome bad = input instanceof RawPayload && !mediaTypes.contains(input.mediaType())
        ? AppendOutcome.UNKNOWN_MEDIA_TYPE
        : input.size() > maxPayloadBytes ? AppendOutcome.PAYLOAD_TOO_LARGE : null;
    if (bad != null) {
      outcomes.get(bad).increment();
      return bad;
    }
    ByteBuffer content = input instanceof RawPayload raw ? raw.asReadOnlyBuffer()
        : ByteBuffer.wrap(input.canonicalBytes());
    PredictionRecord kept = policy == PrivacyPolicy.keepAll() ? record
        : record.withSignals(policy.apply(record.signals()));
    // alone, the store hashes the content while its helper writes it; behind another append,
    // hash while waiting for the lock
    String sha = appending.getAndIncrement() > 0 ? PayloadStore.sha256(content) : null;
    try {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("prediction log " + dir + " is closed");
        }
        try {
          // the line is encoded while the payload is still being written
          Function<PayloadRef, byte[]> line = ref -> RecordCodec.encode(
              kept.withInput(Optional.of(ref)));
          writeLine(sha == null ? payloads.put(content, input.mediaType(), line)
              : line.apply(payloads.put(sha, content, input.mediaType())));
        } catch (CicloException e) {
          outcomes.get(AppendOutcome.WRITE_FAILED).increment();
          return AppendOutcome.WRITE_FAILED;
        }
      }
    } finally {
      appending.decrementAndGet();
    }
    appended.increment();
    outcomes.get(AppendOutcome.LOGGED).increment();
    return AppendOutcome.LOGGED;
  }

  private static ThreadFactory writerThreads(Path dir) {
    String name = "ciclo-payload-writer-" + dir.toAbsolutePath().normalize();
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static void noInput(PredictionRecord record) {
    if (record.input().isPresent()) {
      throw new IllegalArgumentException("record " + record.requestId()
          + " must not reference an input before it is logged; pass the payload to append");
    }
  }

  /** Writes one line to the active segment (rotating first if due); the caller holds the lock. */
  private void writeLine(byte[] bytes) {
    if (closed) {
      throw new IllegalStateException("prediction log " + dir + " is closed");
    }
    ByteBuffer line = ByteBuffer.wrap(bytes);
    Instant now = clock.instant();
    if (channel == null
        || (size > 0 && size + line.remaining() > maxSegmentBytes)
        || (size > 0 && !now.isBefore(active.start().plus(maxSegmentAge)))) {
      rotate(now);
    }
    try {
      int n = line.remaining();
      while (line.hasRemaining()) {
        channel.write(line);
      }
      if (fsync) {
        channel.force(false);
      }
      size += n;
    } catch (IOException e) {
      try {
        channel.truncate(size);
      } catch (IOException again) {
        // the segment keeps a torn last line, which readers skip; write a new one from now on
        try {
          channel.close();
        } catch (IOException ignored) {
          // already failing
        }
        channel = null;
      }
      throw new CicloException("cannot append to prediction log segment " + active.path(), e);
    }
  }

  /**
   * The raw input a record references, checked against its hash.
   *
   * @param record a record read from this log
   * @return the payload, or empty (none referenced, gone, or damaged: see {@link
   *     #corruptPayloads()})
   */
  @Override
  public Optional<Payload> payload(PredictionRecord record) {
    Objects.requireNonNull(record, "record");
    return record.input().flatMap(payloads::get);
  }

  /**
   * How many payload reads found bytes that no longer match their hash (never returned).
   *
   * @return the count
   */
  public long corruptPayloads() {
    return payloads.corrupt();
  }

  /**
   * How many distinct payloads the store holds.
   *
   * @return the count
   */
  public int storedPayloads() {
    return payloads.size();
  }

  /**
   * How many appends of this instance ended in each outcome (records without a payload count as
   * {@link AppendOutcome#LOGGED} or {@link AppendOutcome#NO_CONSENT}).
   *
   * @return the counts, every outcome present
   */
  public Map<AppendOutcome, Long> outcomes() {
    Map<AppendOutcome, Long> m = new EnumMap<>(AppendOutcome.class);
    outcomes.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /**
   * Reads the complete records whose time is in {@code [from, to)} (and within retention), and
   * counts the lines skipped as torn or damaged.
   *
   * @param from the first instant included
   * @param to the first instant excluded
   * @return what was read
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   * @throws CicloException if a segment cannot be read
   */
  public LogRead scan(Instant from, Instant to) {
    checkRange(from, to);
    Instant start = from;
    if (retention != null) {
      Instant horizon = clock.instant().minus(retention);
      if (horizon.isAfter(start)) {
        start = horizon;
      }
    }
    Instant lo = start;
    List<PredictionRecord> out = new ArrayList<>();
    long skipped = 0;
    List<Segments.Seg> segs = Segments.list(dir);
    for (Segments.Seg s : segs) {
      byte[] bytes;
      synchronized (this) {
        bytes = active != null && s.seq() == active.seq() ? Segments.bytes(s.path(), size) : null;
      }
      if (bytes == null) {
        bytes = Segments.bytes(s.path(), -1);
      }
      skipped += Segments.decode(bytes, r -> inRange(r, lo, to), out, null);
    }
    return new LogRead(out, skipped, segs.size());
  }

  /**
   * The records whose time is in {@code [from, to)}, as {@link #scan} reads them.
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  @Override
  public Stream<PredictionRecord> read(Instant from, Instant to) {
    return scan(from, to).records().stream();
  }

  /**
   * Removes every record of a subject: each segment holding one is rewritten atomically without
   * it (torn lines are dropped too).
   *
   * @param subjectId the subject, not blank
   * @return how many records were removed
   * @throws IllegalArgumentException if the id is blank
   * @throws CicloException if a segment cannot be rewritten
   */
  @Override
  public synchronized long erase(String subjectId) {
    Objects.requireNonNull(subjectId, "subjectId");
    if (subjectId.isBlank()) {
      throw new IllegalArgumentException("subjectId must not be blank");
    }
    long removed = 0;
    for (Segments.Seg s : Segments.list(dir)) {
      boolean isActive = active != null && s.seq() == active.seq();
      byte[] bytes = Segments.bytes(s.path(), isActive ? size : -1);
      List<PredictionRecord> kept = new ArrayList<>();
      List<int[]> spans = new ArrayList<>();
      List<PredictionRecord> all = new ArrayList<>();
      Segments.decode(bytes, r -> true, all, spans);
      ByteArrayOutputStream rest = new ByteArrayOutputStream(bytes.length);
      long gone = 0;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).subjectId().equals(subjectId)) {
          gone++;
        } else {
          kept.add(all.get(i));
          rest.write(bytes, spans.get(i)[0], spans.get(i)[1] - spans.get(i)[0]);
        }
      }
      if (gone == 0) {
        continue;
      }
      if (isActive) {
        closeChannel();
      }
      AtomicFiles.write(s.path(), rest.toByteArray());
      if (isActive) {
        openChannel(s.path(), false);
        size = rest.size();
      }
      removed += gone;
    }
    if (removed > 0) {
      collectPayloads(null);
    }
    return removed;
  }

  /**
   * Deletes the segments all of whose records are past the retention limit (the active segment
   * stays). Does nothing without a retention limit.
   *
   * @return how many segments were deleted
   * @throws CicloException if a segment cannot be deleted
   */
  public synchronized int applyRetention() {
    if (retention == null) {
      return 0;
    }
    Instant horizon = clock.instant().minus(retention);
    int deleted = deleteExpiredSegments(horizon);
    if (payloads.size() > 0) {
      collectPayloads(horizon);
    }
    return deleted;
  }

  /** Removes the payloads no record (at or after the horizon, if given) references. */
  private void collectPayloads(Instant horizon) {
    Set<String> live = new HashSet<>();
    for (Segments.Seg s : Segments.list(dir)) {
      boolean isActive = active != null && s.seq() == active.seq();
      List<PredictionRecord> all = new ArrayList<>();
      Segments.decode(Segments.bytes(s.path(), isActive ? size : -1),
          r -> r.input().isPresent() && (horizon == null || !r.time().isBefore(horizon)), all,
          null);
      all.forEach(r -> live.add(r.input().get().sha256()));
    }
    payloads.retainOnly(live);
  }

  private int deleteExpiredSegments(Instant horizon) {
    List<Segments.Seg> segs = Segments.list(dir);
    int deleted = 0;
    for (int i = 0; i + 1 < segs.size(); i++) {
      Segments.Seg s = segs.get(i);
      boolean isActive = active != null && s.seq() == active.seq();
      // every record of segment i was appended before segment i+1 started
      if (!isActive && !segs.get(i + 1).start().isAfter(horizon)) {
        try {
          Files.deleteIfExists(s.path());
          deleted++;
        } catch (IOException e) {
          throw new CicloException("cannot delete expired prediction log segment " + s.path(), e);
        }
      }
    }
    return deleted;
  }

  /**
   * How many records were stored by this instance.
   *
   * @return the count
   */
  public long appended() {
    return appended.sum();
  }

  /**
   * How many records were refused because their consent did not allow logging: the only trace
   * such requests leave.
   *
   * @return the count
   */
  public long refusedForConsent() {
    return refused.sum();
  }

  /**
   * The folder of the segments.
   *
   * @return the folder
   */
  public Path directory() {
    return dir;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeChannel();
    payloads.close();
  }

  private void rotate(Instant now) {
    closeChannel();
    Segments.Seg seg = new Segments.Seg(dir.resolve(Segments.name(nextSeq, now)), nextSeq, now);
    nextSeq++;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CicloException("cannot create prediction log folder " + dir, e);
    }
    openChannel(seg.path(), true);
    active = seg;
    size = 0;
    if (retention != null) {
      deleteExpiredSegments(clock.instant().minus(retention));
    }
  }

  private void openChannel(Path p, boolean create) {
    try {
      channel = create
          ? FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)
          : FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CicloException("cannot open prediction log segment " + p, e);
    }
  }

  private void closeChannel() {
    if (channel == null) {
      return;
    }
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new CicloException("cannot close prediction log segment " + active.path(), e);
    } finally {
      channel = null;
    }
  }

  private static boolean inRange(PredictionRecord r, Instant from, Instant to) {
    return !r.time().isBefore(from) && r.time().isBefore(to);
  }

  private static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from but was " + to
          + " < " + from);
    }
  }

  @Override
  public String toString() {
    return "FilePredictionLog[" + dir + "]";
  }

  /** Configures a {@link FilePredictionLog}. Not thread-safe. */
  public static final class Builder {
    private final Path dir;
    private Clock clock = Clock.systemUTC();
    private long maxSegmentBytes = 64L << 20;
    private Duration maxSegmentAge = Duration.ofHours(1);
    private Duration retention;
    private PrivacyPolicy policy = PrivacyPolicy.keepAll();
    private boolean fsync;
    private final Set<String> mediaTypes = new LinkedHashSet<>(List.of("audio/wav",
        "audio/x-wav", "text/plain;charset=utf-8", "application/json",
        "application/octet-stream"));
    private long maxPayloadBytes = 16L << 20;
    private PayloadStore.WriteHook hook;
    private boolean overlap = true;

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "directory");
    }

    /**
     * The clock for segment start times and retention. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A segment rotates before it would pass this size. Default 64 MiB.
     *
     * @param bytes at least 1,024
     * @return this builder
     * @throws IllegalArgumentException if less than 1,024
     */
    public Builder maxSegmentBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxSegmentBytes must be at least 1024 but was "
            + bytes);
      }
      this.maxSegmentBytes = bytes;
      return this;
    }

    /**
     * A segment rotates once it is this old. Default 1 hour.
     *
     * @param age positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxSegmentAge(Duration age) {
      Objects.requireNonNull(age, "age");
      if (age.isZero() || age.isNegative()) {
        throw new IllegalArgumentException("maxSegmentAge must be positive but was " + age);
      }
      this.maxSegmentAge = age;
      return this;
    }

    /**
     * How long records are kept. Default: forever.
     *
     * @param retention positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder retention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isZero() || retention.isNegative()) {
        throw new IllegalArgumentException("retention must be positive but was " + retention);
      }
      this.retention = retention;
      return this;
    }

    /**
     * What of each record's signals is stored. Default {@link PrivacyPolicy#keepAll()}: monitoring
     * consent covers the derived signals.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder privacyPolicy(PrivacyPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Whether every append is forced to the disk ({@code fsync}), which protects against power
     * loss and costs throughput. A killed process loses nothing either way. Default
     * {@code false}.
     *
     * @param fsync whether to force every append
     * @return this builder
     */
    public Builder fsyncEveryRecord(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /**
     * The media types of raw payloads the log accepts; a raw payload of another type leaves its
     * record out ({@link AppendOutcome#UNKNOWN_MEDIA_TYPE}). Tensors and fields are always
     * accepted. Default {@code audio/wav}, {@code audio/x-wav}, {@code text/plain;charset=utf-8},
     * {@code application/json}, {@code application/octet-stream}.
     *
     * @param types media types, normalised as {@link RawPayload#normalise} does; at least one
     * @return this builder
     * @throws IllegalArgumentException if the set is empty or a type is not a media type
     */
    public Builder acceptedMediaTypes(Set<String> types) {
      Objects.requireNonNull(types, "types");
      if (types.isEmpty()) {
        throw new IllegalArgumentException("acceptedMediaTypes must not be empty");
      }
      mediaTypes.clear();
      types.forEach(t -> mediaTypes.add(RawPayload.normalise(t)));
      return this;
    }

    /**
     * The largest payload kept, in canonical bytes; a larger one leaves its record out
     * ({@link AppendOutcome#PAYLOAD_TOO_LARGE}). Default 16 MiB.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxPayloadBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxPayloadBytes must be at least 1 but was " + bytes);
      }
      this.maxPayloadBytes = bytes;
      return this;
    }

    /**
     * Whether a training-consent append writes the payload on a helper thread while it hashes it
     * (SHA-256 of a 16 KB clip costs about as much as writing it) and encodes the record. The
     * helper is one daemon thread per log, started on the first payload; after each write it
     * spins waiting for the next one for about twice the recent interval between appends (at
     * most 200 microseconds, not at all when appends are sparser) and then parks;
     * {@link FilePredictionLog#close()} stops it. An append never waits for a helper that has not
     * started its write: it writes itself. Without it, each append hashes then writes. Default
     * {@code true}.
     *
     * @param overlap whether to use the helper thread
     * @return this builder
     */
    public Builder overlapPayloadWrites(boolean overlap) {
      this.overlap = overlap;
      return this;
    }

    /** Tests only: called before each payload's content is written, to fail the disk. */
    Builder payloadWriteHook(PayloadStore.WriteHook hook) {
      this.hook = hook;
      return this;
    }

    /**
     * Opens the log. Nothing is created until the first append.
     *
     * @return the log
     * @throws CicloException if the folder cannot be listed
     */
    public FilePredictionLog build() {
      return new FilePredictionLog(this);
    }
  }
}
