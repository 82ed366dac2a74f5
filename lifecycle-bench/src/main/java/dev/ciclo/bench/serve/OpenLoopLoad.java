package dev.ciclo.bench.serve;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Latency at the same offered load: an open-loop HTTP/1.1 client that sends the wrk script's
 * request to each server at a fixed rate, whatever the server's speed, and measures each
 * request from the time it was due to be sent to its answer's last byte (corrected for
 * coordinated omission, as wrk2 does: a request held back because its connection was still
 * waiting for an answer counts that wait).
 *
 * <p>Why: a closed-loop load (wrk, {@code connections} clients each sending the next request on
 * its answer) runs every server at its own saturation, so the slower server's latency is longer
 * by the inverse of its throughput (Little's law: mean latency = connections / throughput), and a
 * p99 ratio measured that way restates the throughput ratio. At one rate below both servers'
 * capacity the p99 compares what one request costs and how steady the server is.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ciclo.bench.serve.OpenLoopLoad <rate> <connections>
 * <seconds> <repeats> name=port...}: per target a warm-up of {@code seconds}, then
 * {@code repeats} rounds in which every target gets {@code seconds} of load in a rotating order;
 * prints one line per run (sent rate, p50, p99, p99.9, max, in milliseconds) and the per-target
 * medians. Every answer must be a 200: anything else stops the run. Each connection is one raw
 * keep-alive socket on a thread of its own, sending {@code rate / connections} requests per
 * second at evenly spread times.
 */
public final class OpenLoopLoad {
  private static final byte[] BODY = ("{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],"
      + "\"datatype\":\"FP64\",\"data\":[0.1,4.2,3.9,4.1]}]}").getBytes(StandardCharsets.UTF_8);

  private OpenLoopLoad() {}

  /**
   * Runs the load.
   *
   * @param args rate (requests per second), connections, seconds, repeats, then the targets as
   *     {@code name=port}
   * @throws Exception if a target cannot be reached or answers other than 200
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      throw new IllegalArgumentException("usage: OpenLoopLoad <rate> <connections> <seconds>"
          + " <repeats> name=port...; got " + Arrays.toString(args));
    }
    double rate = Double.parseDouble(args[0]);
    int connections = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int repeats = Integer.parseInt(args[3]);
    Map<String, Integer> targets = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] nv = args[i].split("=", 2);
      targets.put(nv[0], Integer.parseInt(nv[1]));
    }
    for (Map.Entry<String, Integer> t : targets.entrySet()) {
      run(t.getValue(), rate, connections, seconds); // warm-up, not reported
    }
    List<String> names = new ArrayList<>(targets.keySet());
    Map<String, List<double[]>> runs = new LinkedHashMap<>();
    names.forEach(n -> runs.put(n, new ArrayList<>()));
    for (int i = 0; i < repeats; i++) {
      for (int k = 0; k < names.size(); k++) {
        String name = names.get((i + k) % names.size()); // rotate who goes first
        Histogram h = run(targets.get(name), rate, connections, seconds);
        double[] q = {h.getTotalCount() / seconds, ms(h.getValueAtPercentile(50)),
            ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
            ms(h.getMaxValue())};
        runs.get(name).add(q);
        System.out.printf(Locale.ROOT, "round %d %-14s sent %.0f req/s p50 %.3f p99 %.3f"
            + " p99.9 %.3f max %.3f ms%n", i + 1, name, q[0], q[1], q[2], q[3], q[4]);
      }
    }
    for (String name : names) {
      List<double[]> r = runs.get(name);
      System.out.printf(Locale.ROOT, "median %-14s at %.0f req/s: p50 %.3f p99 %.3f p99.9 %.3f"
          + " ms%n", name, rate, median(r, 1), median(r, 2), median(r, 3));
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double median(List<double[]> runs, int column) {
    double[] v = runs.stream().mapToDouble(q -> q[column]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** One run against one port: the latencies of every request, in nanoseconds. */
  private static Histogram run(int port, double rate, int connections, double seconds)
      throws Exception {
    Histogram all = new Histogram(60_000_000_000L, 3);
    long interval = Math.round(connections * 1e9 / rate);
    long count = Math.round(seconds * rate / connections);
    long start = System.nanoTime() + 50_000_000L;
    CountDownLatch done = new CountDownLatch(connections);
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Histogram> parts = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Histogram h = new Histogram(60_000_000_000L, 3);
      parts.add(h);
      // connection c's requests are due at start + c * (1 / rate) + i * interval
      long first = start + Math.round(c * 1e9 / rate);
      Thread t = new Thread(() -> {
        try {
          connection(port, first, interval, count, h);
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }, "open-loop-" + c);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    if (failure.get() != null) {
      throw failure.get();
    }
    parts.forEach(all::add);
    return all;
  }

  /** One keep-alive connection sending {@code count} requests at their due times. */
  private static void connection(int port, long first, long interval, long count, Histogram h)
      throws IOException {
    byte[] request = ("POST /v2/models/blobs/infer HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] whole = Arrays.copyOf(request, request.length + BODY.length);
    System.arraycopy(BODY, 0, whole, request.length, BODY.length);
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
      for (long i = 0; i < count; i++) {
        long due = first + i * interval;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        out.write(whole);
        out.flush();
        readAnswer(in, port);
        h.recordValue(Math.min(System.nanoTime() - due, h.getHighestTrackableValue()));
      }
    }
  }

  /** Reads one HTTP/1.1 answer with a Content-Length body; fails on anything but a 200. */
  private static void readAnswer(InputStream in, int port) throws IOException {
    StringBuilder head = new StringBuilder(256);
    int state = 0; // how much of "\r\n\r\n" was just read
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("port " + port + " closed the connection mid-answer after: "
            + head);
      }
      head.append((char) b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1
          || state == 3)) ? state + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString();
    if (!text.startsWith("HTTP/1.1 200")) {
      throw new IOException("port " + port + " answered " + text.lines().findFirst().orElse(""));
    }
    int length = -1;
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    if (length < 0) {
      throw new IOException("port " + port + " answered without a Content-Length: " + text);
    }
    for (int left = length; left > 0; ) {
      long n = in.skip(left);
      if (n <= 0) {
        if (in.read() < 0) {
          throw new IOException("port " + port + " closed the connection mid-body");
        }
        n = 1;
      }
      left -= (int) n;
    }
  }
}
