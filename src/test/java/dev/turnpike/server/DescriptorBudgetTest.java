package dev.turnpike.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Issue 22: the data-plane cap under the open-file limit. */
class DescriptorBudgetTest {
  @Test
  void of_ampleLimit_keepsTheCapWithoutWarning() {
    DescriptorBudget b = DescriptorBudget.of(10_000, OptionalLong.of(1_048_576));
    assertThat(b.maxConnections()).isEqualTo(10_000);
    assertThat(b.warning()).isNull();
  }

  @Test
  void of_commonLimit1024_lowersTheCapAndSaysHowToRaiseIt() {
    DescriptorBudget b = DescriptorBudget.of(10_000, OptionalLong.of(1024));
    // (1024 - 256 margin - 128 admin) / 2: each data connection may hold a backend one too.
    assertThat(b.maxConnections()).isEqualTo(320);
    assertThat(b.warning()).contains("open-file limit is 1024", "at most 320", "ulimit -n 65536");
  }

  @Test
  void of_tinyLimit_keepsAFloor() {
    assertThat(DescriptorBudget.of(10_000, OptionalLong.of(300)).maxConnections())
        .isEqualTo(DescriptorBudget.FLOOR);
  }

  @Test
  void of_unknownLimit_keepsTheCap() {
    assertThat(DescriptorBudget.of(500, OptionalLong.empty()))
        .isEqualTo(new DescriptorBudget(500, null));
  }
}
