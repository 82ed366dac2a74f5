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
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A content-addressed store of raw inputs in a folder (a prediction log's {@code payloads/}):
 * each distinct content (by the SHA-256 of its canonical bytes) is kept once, in append-only pack
 * files {@code pack-<seq>.bin}.
 *
 * <p><b>Pack format</b>, one entry after the other: the magic bytes {@code CPK1}, the SHA-256 of
 * the content (32 bytes), the content length (4-byte big-endian int), the content. A process
 * killed mid-write leaves at most one torn entry at the end of the pack it was writing; the index
 * scan stops there and a reopened store writes to a new pack. Content is checked against its hash
 * on every read: a mismatch is counted ({@link #corrupt()}) and the content is never returned.
 *
 * <p>Thread-safe (methods are serialised). One writing instance per folder.
 */
public final class PayloadStore implements AutoCloseable {
  private static final byte[] MAGIC = {'C', 'P', 'K', '1'};
  private static final int HEADER = MAGIC.length + 32 + 4;
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
  private FileChannel channel;
  private long activePack = -1;
  private long size;
  private long nextSeq;

  PayloadStore(Path dir, boolean fsync, WriteHook hook) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.fsync = fsync;
    this.hook = hook;
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
    return new PayloadStore(directory, false, null);
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
    MessageDigest d = DIGEST.get();
    d.reset();
    d.update(bytes.duplicate());
    return HEX.formatHex(d.digest());
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
    byte[] bytes = payload.canonicalBytes();
    return put(sha256(bytes), bytes, payload.mediaType());
  }

  synchronized PayloadRef put(String sha, byte[] bytes, String mediaType) {
    return put(sha, ByteBuffer.wrap(bytes), mediaType);
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
    Path pack = packPath(activePack);
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    header.put(MAGIC).put(HEX.parseHex(sha)).putInt(length).flip();
    ByteBuffer body = content.duplicate();
    try {
      if (hook != null) {
        writeFully(header);
        hook.beforeContent(pack, length);
        writeFully(body);
      } else {
        ByteBuffer[] both = {header, body};
        while (header.hasRemaining() || body.hasRemaining()) {
          channel.write(both);
        }
      }
      if (fsync) {
        channel.force(false);
      }
    } catch (IOException e) {
      undoTail(pack);
      throw new CicloException("cannot write payload " + sha + " to " + pack, e);
    }
    index.put(sha, new Loc(activePack, size + HEADER, length));
    size += HEADER + length;
    return ref;
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
      while (pos + HEADER <= all.length && Arrays.equals(all, pos, pos + 4, MAGIC, 0, 4)) {
        int len = ByteBuffer.wrap(all, pos + 36, 4).getInt();
        if (len < 0 || pos + HEADER + (long) len > all.length) {
          break;
        }
        String sha = HEX.formatHex(all, pos + 4, pos + 36);
        if (keep.contains(sha)) {
          kept.write(all, pos, HEADER + len);
        } else {
          changed = true;
          if (index.remove(sha) != null) {
            removed++;
          }
        }
        pos += HEADER + len;
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
    closeChannel();
  }

  static Payload decode(String mediaType, byte[] bytes) {
    return switch (mediaType) {
      case Payload.TENSOR_MEDIA_TYPE -> TensorPayload.fromCanonicalBytes(bytes);
      case Payload.FIELDS_MEDIA_TYPE -> FieldsPayload.fromCanonicalBytes(bytes);
      default -> RawPayload.of(mediaType, bytes);
    };
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
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

  /** Indexes the whole entries of a pack, up to a torn tail. */
  private void scan(long seq) {
    Path p = packPath(seq);
    try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
      long end = in.size();
      long pos = 0;
      ByteBuffer h = ByteBuffer.allocate(HEADER);
      while (pos + HEADER <= end) {
        h.clear();
        while (h.hasRemaining() && in.read(h, pos + h.position()) > 0) {
          // reading the header
        }
        if (h.hasRemaining() || !Arrays.equals(h.array(), 0, 4, MAGIC, 0, 4)) {
          break;
        }
        int len = h.getInt(36);
        if (len < 0 || pos + HEADER + len > end) {
          break;
        }
        index.putIfAbsent(HEX.formatHex(h.array(), 4, 36), new Loc(seq, pos + HEADER, len));
        pos += HEADER + len;
      }
    } catch (NoSuchFileException e) {
      // deleted meanwhile
    } catch (IOException e) {
      throw new CicloException("cannot index payload pack " + p, e);
    }
  }
}
