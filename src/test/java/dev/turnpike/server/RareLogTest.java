package dev.turnpike.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
  void event_afterInterval_countsWhatWasNotLogged() throws Exception {
    List<String> lines = new ArrayList<>();
    RareLog log = new RareLog(1, lines::add); // 1 ns: every event is due
    log.event("a");
    Thread.sleep(1); // past the interval whatever the clock's resolution
    log.event("b");
    assertThat(lines)
        .containsExactly(
            "a (1 time since the last such line)", "b (1 time since the last such line)");
  }
}
