package dev.turnpike.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The REPORT line's Max Memory Used, read from a {@code /proc/{pid}/status} text. */
class FunctionInstanceStatusTest {
  @Test
  void vmHwm_isReadFromTheStatusText() {
    byte[] status =
        ("Name:\tpython3\nVmPeak:\t  30000 kB\nVmHWM:\t   15872 kB\nVmRSS:\t  15000 kB\n")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(FunctionInstance.vmHwmMb(status)).isEqualTo(15);
    assertThat(FunctionInstance.vmHwmMb("VmHWM:\t 100 kB\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(1); // at least 1 MB, as Lambda reports
    assertThat(FunctionInstance.vmHwmMb("Name:\tx\n".getBytes(StandardCharsets.US_ASCII))).isZero();
    assertThat(FunctionInstance.vmHwmMb("XVmHWM:\t 9999 kB\n".getBytes(StandardCharsets.US_ASCII)))
        .isZero(); // only at a line's start
  }
}
