package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, HTTP/2 rapid reset (CVE-2023-44487): streams opened and reset in a loop, written as raw
 * frames over TLS with ALPN h2. The connection must be closed, the listener must go on, and the
 * server log must not grow with every such connection.
 */
class Http2FloodIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static SSLContext tls;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    tls = Tls.trusting(turnpike.endpoints().caFile());
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static void frame(
      ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
    out.write(payload.length >>> 16);
    out.write(payload.length >>> 8);
    out.write(payload.length);
    out.write(type);
    out.write(flags);
    out.write(stream >>> 24);
    out.write(stream >>> 16);
    out.write(stream >>> 8);
    out.write(stream);
    out.write(payload, 0, payload.length);
  }

  /** One connection: preface, SETTINGS, then HEADERS + RST_STREAM(CANCEL) for {@code streams}. */
  private static boolean rapidReset(int streams) throws Exception {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), turnpike.httpsPort())) {
      plain.setSoTimeout(10_000);
      SSLSocket s =
          (SSLSocket)
              tls.getSocketFactory().createSocket(plain, "localhost", turnpike.httpsPort(), true);
      SSLParameters p = s.getSSLParameters();
      p.setApplicationProtocols(new String[] {"h2"});
      s.setSSLParameters(p);
      s.startHandshake();
      assertThat(s.getApplicationProtocol()).isEqualTo("h2");
      OutputStream out = s.getOutputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      frame(b, 0x4, 0, 0, new byte[0]); // SETTINGS
      byte[] authority = "localhost".getBytes(StandardCharsets.US_ASCII);
      // HPACK: :method GET, :scheme https, :path /, :authority localhost (literal, indexed name 1)
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      h.write(0x82);
      h.write(0x87);
      h.write(0x84);
      h.write(0x01);
      h.write(authority.length);
      h.write(authority, 0, authority.length);
      byte[] headers = h.toByteArray();
      byte[] cancel = {0, 0, 0, 8};
      for (int i = 0; i < streams; i++) {
        int id = 1 + 2 * i;
        frame(b, 0x1, 0x4 | 0x1, id, headers); // END_HEADERS | END_STREAM
        frame(b, 0x3, 0, id, cancel);
      }
      try {
        out.write(b.toByteArray());
        out.flush();
      } catch (SocketException closedWhileWriting) {
        return true;
      }
      InputStream in = s.getInputStream();
      byte[] sink = new byte[16 * 1024];
      try {
        while (in.read(sink) >= 0) {
          // frames until the server closes
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }
  }

  @Test
  void rapidReset_issue22_connectionsClosedAndLogLinesBounded() throws Exception {
    int connections = 20;
    for (int i = 0; i < connections; i++) {
      assertThat(rapidReset(2_000)).as("connection %d closed by the server", i).isTrue();
    }
    // The listener goes on: an HTTP/1.1 request over TLS is answered.
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), tls, "localhost")) {
      c.send("GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertThat(c.read().status()).isBetween(400, 499);
    }
    String log = turnpike.output();
    // Before issue 22: three lines per connection (JUL's WARNING of an exception at the pipeline's
    // tail). Now one line a minute at most, for all connections together.
    assertThat(log).doesNotContain("WARNING", "Exception", "reached at the tail");
    assertThat(log.lines().filter(l -> l.contains("HTTP/2 connection from"))).hasSize(1);
    assertThat(log).contains("closed: Maximum number of RST frames reached (1 time since");
  }
}
