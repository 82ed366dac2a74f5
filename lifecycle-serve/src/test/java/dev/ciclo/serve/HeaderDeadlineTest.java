package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The header deadline's sweep on one connection, step by step with a made-up clock: it closes a
 * connection whose request headers trickle in, and never a keep-alive connection that answers
 * requests, however the sweeps fall between them.
 */
class HeaderDeadlineTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private final JettyFront front =
      new JettyFront(null, null, 1, 1, new BodyBudget(1), SECOND, 10 * SECOND, null, null, 1,
          0);

  /** A connection as the request path leaves it after answering: mark moved, count up. */
  private static void answer(JettyFront.ConnState s, long bytesIn) {
    s.busy = true;
    s.mark = bytesIn;
    s.answered++;
    s.busy = false;
  }

  @Test
  @DisplayName("a busy keep-alive connection seen between requests at every sweep is never closed")
  void keepAliveBetweenRequests() {
    JettyFront.ConnState s = new JettyFront.ConnState();
    long in = 0;
    for (int sweep = 0; sweep < 40; sweep++) {
      // requests answered since the last sweep, and the next one's bytes already in
      for (int r = 0; r < 1000; r++) {
        in += 120;
        answer(s, in);
      }
      long waiting = in + 60;
      assertFalse(front.overdue(s, () -> waiting, sweep * 3 * SECOND), "sweep " + sweep);
    }
  }

  @Test
  @DisplayName("bytes seen waiting before an idle minute do not count against the next request")
  void idleBetweenBursts() {
    JettyFront.ConnState s = new JettyFront.ConnState();
    assertFalse(front.overdue(s, () -> 60, 0));
    answer(s, 120);
    // idle for a minute: nothing after the last answer
    for (int sweep = 1; sweep <= 20; sweep++) {
      assertFalse(front.overdue(s, () -> 120, sweep * 3 * SECOND));
    }
    // the next request's first bytes, caught before it is handled
    assertFalse(front.overdue(s, () -> 180, 63 * SECOND));
    assertFalse(front.overdue(s, () -> 180, 66 * SECOND));
  }

  @Test
  @DisplayName("the sweep's note survives a request answered between its reads (no lost update)")
  void noLostUpdate() {
    JettyFront.ConnState s = new JettyFront.ConnState();
    // The sweep reads the state, a request is answered meanwhile, then the sweep notes a time:
    // that note belongs to the sweep alone, and the answered count tells it apart.
    assertFalse(front.overdue(s, () -> {
      answer(s, 120);
      return 180;
    }, 0));
    for (int r = 1; r <= 5; r++) {
      answer(s, 120 + 120 * r);
    }
    // idle, then a request caught between its bytes and its handling, 30 s later
    assertFalse(front.overdue(s, () -> 720, 20 * SECOND));
    assertFalse(front.overdue(s, () -> 780, 30 * SECOND));
  }

  @Test
  @DisplayName("headers that trickle in for longer than the deadline close the connection")
  void trickle() {
    JettyFront.ConnState s = new JettyFront.ConnState();
    answer(s, 100);
    long t = 0;
    boolean closed = false;
    for (int sweep = 0; sweep < 8 && !closed; sweep++) {
      long in = 100 + 10 * (sweep + 1);
      closed = front.overdue(s, () -> in, t);
      assertTrue(!closed || t > 10 * SECOND, "closed at " + t);
      t += 3 * SECOND;
    }
    assertTrue(closed, "never closed");
  }

  @Test
  @DisplayName("a connection whose request is being answered is never closed by the sweep")
  void busyNeverClosed() {
    JettyFront.ConnState s = new JettyFront.ConnState();
    s.busy = true;
    for (int sweep = 0; sweep < 10; sweep++) {
      assertFalse(front.overdue(s, () -> 500, sweep * 5 * SECOND));
    }
  }
}
