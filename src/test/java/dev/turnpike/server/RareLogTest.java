package dev.turnpike.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 22: a repeatable event logs one line per interval, whatever the flood. */
class RareLogTest {
  @Test
  void event_floodWithinInterval_writesOneLine() {
    List<String> lines = new ArrayList<>();
    RareLog log = new RareLog(3_600_000_000_000L, lines::add);
    for (int i = 0; i < 1_000; i++) {
      log.event("turnpike: WARN x");
    }
    assertThat(lines).containsExactly("turnpike: WARN x (1 time since the last such line)");
  }

  @Test
  void event_afterInterval_countsWhatWasNotLogged() {
    List<String> lines = new ArrayList<>();
    AtomicLong now = new AtomicLong();
    RareLog log = new RareLog(60, lines::add, now::get);
    log.event("a");
    log.event("a");
    log.event("a");
    now.addAndGet(60);
    log.event("b");
    assertThat(lines)
        .containsExactly(
            "a (1 time since the last such line)", "b (3 times since the last such line)");
  }
}
