package dev.turnpike.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.doctor.DnsProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The in-JVM DNS server the doctor tests resolve through, asked over real UDP as {@code doctor
 * domain} asks it.
 */
class DnsServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void resolve_cnameChain_followsEveryHopToTheAddresses() throws Exception {
    try (DnsServer dns =
        DnsServer.zone()
            .cname("api.example.com", "d-1.execute-api.localhost")
            .cname("d-1.execute-api.localhost", "edge.localhost")
            .address("edge.localhost", "127.0.0.1")
            .address("edge.localhost", "::1")
            .start()) {
      DnsProbe.Result r = DnsProbe.at(dns.resolver(), TIMEOUT).resolve("API.example.com");
      assertThat(r.error()).isNull();
      assertThat(r.cnameChain()).containsExactly("d-1.execute-api.localhost", "edge.localhost");
      assertThat(r.addresses()).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
    }
  }

  @Test
  void resolve_unknownName_isNxdomain() throws Exception {
    try (DnsServer dns = DnsServer.zone().address("www.example.com", "127.0.0.1").start()) {
      DnsProbe.Result r = DnsProbe.at(dns.resolver(), TIMEOUT).resolve("shop.example.com");
      assertThat(r.error()).isEqualTo("shop.example.com does not exist (NXDOMAIN)");
    }
  }

  @Test
  void query_typeTheNameLacks_isNodataFromAnAuthority() throws Exception {
    try (DnsServer dns = DnsServer.zone().address("www.example.com", "127.0.0.1").start()) {
      String[] hostPort = dns.resolver().split(":");
      SimpleResolver resolver =
          new SimpleResolver(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
      resolver.setTimeout(TIMEOUT);
      Message m =
          resolver.send(
              Message.newQuery(
                  Record.newRecord(Name.fromString("www.example.com."), Type.AAAA, DClass.IN)));
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(m.getSection(Section.ANSWER)).isEmpty();
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    }
  }

  @Test
  void cname_besideOtherRecords_isRefused() {
    assertThatThrownBy(
            () ->
                DnsServer.zone().address("a.example.com", "127.0.0.1").cname("a.example.com", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: a CNAME alone");
  }
}
