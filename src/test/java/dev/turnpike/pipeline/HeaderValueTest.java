package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values mapped into headers never carry a line break (issue 22). */
class HeaderValueTest {
  @Test
  void controlCharactersButTabBecomeSpaces() {
    assertThat(ParameterSources.headerValue("a\r\nSet-Cookie: x\u0000\u007f\tb"))
        .isEqualTo("a  Set-Cookie: x  \tb");
  }

  @Test
  void anOrdinaryValueIsReturnedAsItIs() {
    String v = "text/plain; charset=utf-8";
    assertThat(ParameterSources.headerValue(v)).isSameAs(v);
  }
}
