package dev.ciclo.core.log;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.log.FieldsPayload;
import dev.ciclo.api.log.Payload;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.RawPayload;
import dev.ciclo.api.log.TensorPayload;
import dev.ciclo.core.workspace.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A content-addressed store of raw inputs in a folder (a prediction log's {@code payloads/}):
 * each distinct content (by the SHA-256 of its canonical bytes) is kept once, in append-only pack
 * files {@code pack-<seq>.bin}.
 *
 * <p><b>Pack format</b>, one entry after the other. Entries written now ({@code CPK2}): the magic
 * bytes {@code CPK2}, the content length (4-byte big-endian int), the content, then the SHA-256
 * of the content (32 bytes). The hash trails so that the content can go to the pack while it is
 * being hashed; an entry counts only once its last byte is in the file. Entries written by
 * earlier versions ({@code CPK1}: the magic bytes {@code CPK1}, the SHA-256, the length, the
 * content) are still read, and kept as they are when a pack is rewritten; a pack may hold both.
 * A process killed mid-write leaves at most one torn entry at the end of the pack it was writing;
 * the index scan stops there and a reopened store writes to a new pack. Content is checked
 * against its hash on every read: a mismatch is counted ({@link #corrupt()}) and the content is
 * never returned.
 *
 * <p>Thread-safe (methods are serialised). One writing instance per folder. A store made with a
 * {@link PackWriter} thread (a {@link FilePredictionLog}'s, by default) hashes new content while
 * that thread writes it; {@link #close()} stops the thread.
 */
public final class PayloadStore implements AutoCloseable {
  private static final byte[] MAGIC1 = {'C', 'P', 'K', '1'};
  private static final byte[] MAGIC2 = {'C', 'P', 'K', '2'};
  /** A {@code CPK1} entry's bytes before its content: magic, hash, length. */
  private static final int HEADER1 = 4 + 32 + 4;
  /** A {@code CPK2} entry's bytes before its content: magic, length. */
  private static final int HEADER2 = 4 + 4;
  private static final int TRAILER2 = 32;
  /** Larger contents are written from the heap, on the caller, after hashing. */
  static final int MAX_DIRECT = 1 << 20;
  private static final Pattern NAME = Pattern.compile("pack-(\\d{9})\\.bin");
  private static final HexFormat HEX = HexFormat.of();

  /** Where a content is. */
  private record Loc(long pack, long offset, int length) {}

  /** Called before the content of an entry is written; a test's way to fail the disk. */
  @FunctionalInterface
  interface WriteHook {
    void beforeContent(Path pack, long bytes) throws IOException;
  }

  private final Path dir;
  private final boolean fsync;
  private final WriteHook hook;
  private final Map<String, Loc> index = new HashMap<>();
  private final LongAdder corrupt = new LongAdder();
  private final ThreadFactory writerThreads;
  private PackWriter writer;
  /** The entry being written, reused: header, content and trailer of contents to MAX_DIRECT. */
  private ByteBuffer direct;
  private FileChannel channel;
  private long activePack = -1;
  private Path activePath;
  private long size;
  private long nextSeq;

  /**
   * A store.
   *
   * @param writerThreads makes the helper that writes content while the caller hashes it (on the
   *     first write); null to hash then write on the caller
   */
  PayloadStore(Path dir, boolean fsync, WriteHook hook, ThreadFactory writerThreads) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.fsync = fsync;
    this.hook = hook;
    this.writerThreads = writerThreads;
    long last = 0;
    for (long seq : packs()) {
      scan(seq);
      last = seq;
    }
    this.nextSeq = last + 1;
  }

  /**
   * Opens a store in a folder, created on the first write if missing, and indexes its packs.
   *
   * @param directory the folder
   * @return the store
   * @throws CicloException if a pack cannot be read
   */
  public static PayloadStore open(Path directory) {
    return new PayloadStore(directory, false, null, null);
  }

  /**
   * The hex SHA-256 of some bytes.
   *
   * @param bytes the bytes
   * @return 64 lower-case hex digits
   */
  public static String sha256(byte[] bytes) {
    return sha256(ByteBuffer.wrap(bytes));
  }

  /**
   * The hex SHA-256 of the remaining bytes of a buffer (its position is left unchanged).
   *
   * @param bytes the bytes
   * @return 64 lower-case hex digits
   */
  public static String sha256(ByteBuffer bytes) {
    return HEX.formatHex(digest(bytes));
  }

  private static byte[] digest(ByteBuffer bytes) {
    MessageDigest d = DIGEST.get();
    d.reset();
    d.update(bytes.duplicate());
    return d.digest();
  }

  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  });

  /**
   * Keeps a payload (once per content).
   *
   * @param payload the payload
   * @return its reference
   * @throws CicloException if it cannot be written; the store is as it was before
   */
  public PayloadRef put(Payload payload) {
    return put(ByteBuffer.wrap(payload.canonicalBytes()), payload.mediaType());
  }

  synchronized PayloadRef put(String sha, byte[] bytes, String mediaType) {
    return put(sha, ByteBuffer.wrap(bytes), mediaType);
  }

  /**
   * Keeps content, hashing it here: with a helper thread, the content goes to the pack while it
   * is hashed (a duplicate found by the hash is then cut back out); without one, it is hashed
   * first and written only if new. The buffer's position is left unchanged.
   */
  synchronized PayloadRef put(ByteBuffer content, String mediaType) {
    return put(content, mediaType, ref -> ref);
  }

  /**
   * Keeps content as {@link #put(ByteBuffer, String)} does, and runs {@code then} with its
   * reference as soon as the hash is known, while the helper may still be writing: the caller's
   * next step (a record line to encode) overlaps the write too. The content is in the store when
   * this returns; if it cannot be written, the result of {@code then} is dropped.
   */
  synchronized <T> T put(ByteBuffer content, String mediaType, Function<PayloadRef, T> then) {
    int length = content.remaining();
    if (writerThreads == null || length > MAX_DIRECT) {
      return then.apply(put(sha256(content), content, mediaType));
    }
    if (channel == null) {
      openPack();
    }
    if (writer == null) {
      writer = new PackWriter(writerThreads);
    }
    Path pack = activePath;
    long at = size;
    ByteBuffer e = entryBuffer(length);
    writer.post(channel, content.duplicate(), e, at, HEADER2, hook, pack);
    byte[] digest = digest(content);
    String sha = HEX.formatHex(digest);
    PayloadRef ref = new PayloadRef(sha, mediaType, length);
    boolean known = index.containsKey(sha);
    if (writer.reclaim()) {
      // the helper did not start: nothing is written yet, so write the whole entry at once
      if (!known) {
        fill(e, content);
        e.limit(HEADER2 + length + TRAILER2).position(HEADER2 + length);
        e.put(digest).flip();
        write(e, at, sha, pack);
        added(sha, at, length);
      }
      return then.apply(ref);
    }
    T out;
    try {
      out = then.apply(ref);
    } catch (RuntimeException | Error x) {
      writer.awaitDone();
      undoTail(pack);
      throw x;
    }
    Throwable failed = writer.awaitDone();
    if (failed != null) {
      undoTail(pack);
      throw failure(failed, sha, pack);
    }
    if (known) {
      undoTail(pack); // stored before: cut the copy back out
      return out;
    }
    write(ByteBuffer.wrap(digest), at + HEADER2 + length, -1, sha, pack);
    added(sha, at, length);
    return out;
  }

  /** Keeps content whose hash the caller computed; the buffer's position is left unchanged. */
  synchronized PayloadRef put(String sha, ByteBuffer content, String mediaType) {
    int length = content.remaining();
    PayloadRef ref = new PayloadRef(sha, mediaType, length);
    if (index.containsKey(sha)) {
      return ref;
    }
    if (channel == null) {
      openPack();
    }
    Path pack = activePath;
    long at = size;
    if (length <= MAX_DIRECT) {
      ByteBuffer e = entryBuffer(length);
      e.put(MAGIC2).putInt(length).put(content.duplicate()).put(HEX.parseHex(sha)).flip();
      write(e, at, sha, pack);
    } else {
      ByteBuffer header = ByteBuffer.allocate(HEADER2).put(MAGIC2).putInt(length).flip();
      ByteBuffer body = content.duplicate();
      ByteBuffer trailer = ByteBuffer.wrap(HEX.parseHex(sha));
      try {
        writeFully(channel, header, at);
        if (hook != null) {
          hook.beforeContent(pack, length);
        }
        writeFully(channel, body, at + HEADER2);
        writeFully(channel, trailer, at + HEADER2 + length);
      } catch (IOException x) {
        undoTail(pack);
        throw failure(x, sha, pack);
      }
      forceIfAsked(sha, pack);
    }
    added(sha, at, length);
    return ref;
  }

  /** Writes a whole entry on the caller (the hook after its header), cut back on failure. */
  private void write(ByteBuffer entry, long at, String sha, Path pack) {
    write(entry, at, HEADER2, sha, pack);
  }

  private void write(ByteBuffer bytes, long at, int header, String sha, Path pack) {
    try {
      writeEntry(channel, bytes, at, header, header < 0 ? null : hook, pack);
    } catch (IOException x) {
      undoTail(pack);
      throw failure(x, sha, pack);
    }
    forceIfAsked(sha, pack);
  }

  private void forceIfAsked(String sha, Path pack) {
    if (!fsync) {
      return;
    }
    try {
      channel.force(false);
    } catch (IOException x) {
      undoTail(pack);
      throw failure(x, sha, pack);
    }
  }

  private void added(String sha, long at, int length) {
    index.put(sha, new Loc(activePack, at + HEADER2, length));
    size = at + HEADER2 + length + TRAILER2;
  }

  private static RuntimeException failure(Throwable t, String sha, Path pack) {
    if (t instanceof IOException) {
      return new CicloException("cannot write payload " + sha + " to " + pack, t);
    }
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new CicloException("cannot write payload " + sha + " to " + pack, t);
  }

  /**
   * Writes bytes at a position of a pack, all of them; with a hook, it is called after the first
   * {@code header} bytes (none if negative). Run by the caller or by a {@link PackWriter}.
   */
  static void writeEntry(FileChannel ch, ByteBuffer bytes, long at, int header, WriteHook hook,
      Path pack) throws IOException {
    ByteBuffer b = bytes.duplicate();
    if (hook != null && header >= 0) {
      ByteBuffer h = b.duplicate();
      h.limit(h.position() + header);
      writeFully(ch, h, at);
      hook.beforeContent(pack, b.remaining() - header);
      b.position(b.position() + header);
      writeFully(ch, b, at + header);
    } else {
      writeFully(ch, b, at);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }

  /** Fills an entry buffer with a {@code CPK2} header and the content, ready to write. */
  static ByteBuffer fill(ByteBuffer entry, ByteBuffer content) {
    entry.clear();
    entry.put(MAGIC2).putInt(content.remaining()).put(content.duplicate()).flip();
    return entry;
  }

  /** The reused direct buffer, cleared, for an entry with this much content. */
  private ByteBuffer entryBuffer(int length) {
    int need = HEADER2 + length + TRAILER2;
    if (direct == null || direct.capacity() < need) {
      direct = ByteBuffer.allocateDirect(Math.max(need, 64 * 1024));
    }
    return direct.clear();
  }

  /**
   * Reads a payload and checks it against its hash.
   *
   * @param ref the reference
   * @return the payload; empty if the store does not hold it or its bytes no longer match the
   *     hash (counted in {@link #corrupt()})
   * @throws CicloException if the pack cannot be read
   */
  public Optional<Payload> get(PayloadRef ref) {
    Objects.requireNonNull(ref, "ref");
    Loc loc;
    synchronized (this) {
      loc = index.get(ref.sha256());
    }
    if (loc == null) {
      return Optional.empty();
    }
    Path pack = packPath(loc.pack());
    byte[] bytes = new byte[loc.length()];
    try (FileChannel in = FileChannel.open(pack, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long pos = loc.offset();
      while (b.hasRemaining()) {
        int n = in.read(b, pos);
        if (n < 0) {
          corrupt.increment();
          return Optional.empty();
        }
        pos += n;
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CicloException("cannot read payload " + ref.sha256() + " from " + pack, e);
    }
    if (!sha256(bytes).equals(ref.sha256())) {
      corrupt.increment();
      return Optional.empty();
    }
    try {
      return Optional.of(decode(ref.mediaType(), bytes));
    } catch (IllegalArgumentException e) {
      corrupt.increment();
      return Optional.empty();
    }
  }

  /**
   * Whether the store holds a content.
   *
   * @param sha256 the content's hash
   * @return {@code true} if it is indexed
   */
  public synchronized boolean contains(String sha256) {
    return index.containsKey(sha256);
  }

  /**
   * How many distinct contents the store holds.
   *
   * @return the count
   */
  public synchronized int size() {
    return index.size();
  }

  /**
   * How many reads found bytes that no longer match their hash.
   *
   * @return the count
   */
  public long corrupt() {
    return corrupt.sum();
  }

  /**
   * Removes every content whose hash is not in {@code keep}: packs that keep nothing are deleted,
   * the others rewritten atomically with what they keep. The next write starts a new pack.
   *
   * @param keep the hashes to keep
   * @return how many contents were removed
   * @throws CicloException if a pack cannot be rewritten or deleted
   */
  public synchronized int retainOnly(Set<String> keep) {
    Objects.requireNonNull(keep, "keep");
    closeChannel();
    int removed = 0;
    for (long seq : packs()) {
      Path p = packPath(seq);
      byte[] all = readPack(p);
      ByteArrayOutputStream kept = new ByteArrayOutputStream(all.length);
      boolean changed = false;
      int pos = 0;
      long[] entry;
      while ((entry = parse(all, pos)) != null) {
        String sha = HEX.formatHex(all, (int) entry[1], (int) entry[1] + 32);
        int end = (int) entry[2];
        if (keep.contains(sha)) {
          kept.write(all, pos, end - pos);
        } else {
          changed = true;
          if (index.remove(sha) != null) {
            removed++;
          }
        }
        pos = end;
      }
      changed |= pos != all.length;
      if (!changed) {
        continue;
      }
      try {
        if (kept.size() == 0) {
          Files.deleteIfExists(p);
        } else {
          AtomicFiles.write(p, kept.toByteArray());
        }
      } catch (IOException e) {
        throw new CicloException("cannot delete payload pack " + p, e);
      }
    }
    index.clear();
    for (long seq : packs()) {
      scan(seq);
    }
    return removed;
  }

  @Override
  public synchronized void close() {
    if (writer != null) {
      writer.stop();
      writer = null;
    }
    closeChannel();
  }

  static Payload decode(String mediaType, byte[] bytes) {
    return switch (mediaType) {
      case Payload.TENSOR_MEDIA_TYPE -> TensorPayload.fromCanonicalBytes(bytes);
      case Payload.FIELDS_MEDIA_TYPE -> FieldsPayload.fromCanonicalBytes(bytes);
      default -> RawPayload.of(mediaType, bytes);
    };
  }

  /** After a failed write: cut the pack back to its last whole entry, or give it up. */
  private void undoTail(Path pack) {
    try {
      channel.truncate(size);
      channel.position(size);
    } catch (IOException | RuntimeException e) {
      // a pack that cannot be cut back is closed; the index scan stops at its torn tail
      closeQuietly();
    }
  }

  private void openPack() {
    long seq = nextSeq++;
    Path p = packPath(seq);
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new CicloException("cannot create payload pack " + p, e);
    }
    activePack = seq;
    activePath = p;
    size = 0;
  }

  private void closeChannel() {
    if (channel == null) {
      return;
    }
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new CicloException("cannot close payload pack " + packPath(activePack), e);
    } finally {
      channel = null;
      activePack = -1;
    }
  }

  private void closeQuietly() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing
    }
    channel = null;
    activePack = -1;
  }

  private Path packPath(long seq) {
    return dir.resolve(String.format("pack-%09d.bin", seq));
  }

  private List<Long> packs() {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "pack-*.bin")) {
      for (Path p : files) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(Long.parseLong(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new CicloException("cannot list payload folder " + dir, e);
    }
    out.sort(null);
    return out;
  }

  private static byte[] readPack(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return new byte[0];
    } catch (IOException e) {
      throw new CicloException("cannot read payload pack " + p, e);
    }
  }

  /**
   * The whole entry of either format at {@code pos} of a pack's bytes.
   *
   * @return {content offset, hash offset, end}, or null at a torn or damaged tail
   */
  private static long[] parse(byte[] all, int pos) {
    if (pos + 8 > all.length) {
      return null;
    }
    if (Arrays.equals(all, pos, pos + 4, MAGIC2, 0, 4)) {
      long len = ByteBuffer.wrap(all, pos + 4, 4).getInt();
      long end = pos + HEADER2 + len + TRAILER2;
      return len < 0 || end > all.length ? null
          : new long[] {pos + HEADER2, pos + HEADER2 + len, end};
    }
    if (Arrays.equals(all, pos, pos + 4, MAGIC1, 0, 4) && pos + HEADER1 <= all.length) {
      long len = ByteBuffer.wrap(all, pos + 36, 4).getInt();
      long end = pos + HEADER1 + len;
      return len < 0 || end > all.length ? null : new long[] {pos + HEADER1, pos + 4, end};
    }
    return null;
  }

  /** Indexes the whole entries of a pack, up to a torn tail. */
  private void scan(long seq) {
    Path p = packPath(seq);
    try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
      long end = in.size();
      long pos = 0;
      ByteBuffer h = ByteBuffer.allocate(HEADER1);
      ByteBuffer t = ByteBuffer.allocate(TRAILER2);
      while (pos + HEADER2 <= end) {
        if (!readFully(in, h.clear().limit((int) Math.min(HEADER1, end - pos)), pos)) {
          break;
        }
        long len;
        long content;
        long hash;
        ByteBuffer shaBytes;
        if (Arrays.equals(h.array(), 0, 4, MAGIC2, 0, 4)) {
          len = h.getInt(4);
          content = pos + HEADER2;
          hash = content + len;
          if (len < 0 || hash + TRAILER2 > end || !readFully(in, t.clear(), hash)) {
            break;
          }
          shaBytes = t;
        } else if (h.limit() == HEADER1 && Arrays.equals(h.array(), 0, 4, MAGIC1, 0, 4)) {
          len = h.getInt(36);
          content = pos + HEADER1;
          hash = pos + 4;
          if (len < 0 || content + len > end) {
            break;
          }
          shaBytes = h;
        } else {
          break;
        }
        int from = shaBytes == t ? 0 : 4;
        index.putIfAbsent(HEX.formatHex(shaBytes.array(), from, from + 32),
            new Loc(seq, content, (int) len));
        pos = shaBytes == t ? hash + TRAILER2 : content + len;
      }
    } catch (NoSuchFileException e) {
      // deleted meanwhile
    } catch (IOException e) {
      throw new CicloException("cannot index payload pack " + p, e);
    }
  }

  private static boolean readFully(FileChannel in, ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      int n = in.read(b, pos);
      if (n < 0) {
        return false;
      }
      pos += n;
    }
    return true;
  }
}
