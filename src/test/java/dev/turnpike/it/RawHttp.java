package dev.turnpike.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/1.1 client over a plain socket, for what {@code java.net.http} will not do: any {@code
 * Host} header (execute-api hosts do not resolve here), exact bytes, garbage request lines,
 * pipelining, and watching one keep-alive connection across requests. Responses are parsed strictly
 * (Content-Length or chunked framing).
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** A parsed response: headers in arrival order with their case as sent. */
  record Response(
      int status, String statusLine, List<Map.Entry<String, String>> headers, byte[] body) {
    String header(String name) {
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
      return null;
    }

    List<String> headerNames() {
      return headers.stream().map(Map.Entry::getKey).toList();
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return statusLine + " " + headers + " " + bodyText();
    }
  }

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawHttp connect(int port) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(15_000);
    s.setTcpNoDelay(true);
    return new RawHttp(s);
  }

  /**
   * An HTTP/1.1 connection over TLS to 127.0.0.1:{@code port} as if to {@code serverName}: SNI and
   * host-name verification use that name (it need not resolve). ALPN offers http/1.1 only.
   */
  static RawHttp connectTls(int port, javax.net.ssl.SSLContext tls, String serverName)
      throws IOException {
    Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
    plain.setSoTimeout(15_000);
    plain.setTcpNoDelay(true);
    javax.net.ssl.SSLSocket s =
        (javax.net.ssl.SSLSocket)
            tls.getSocketFactory().createSocket(plain, serverName, port, true);
    javax.net.ssl.SSLParameters params = s.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    params.setApplicationProtocols(new String[] {"http/1.1"});
    s.setSSLParameters(params);
    s.startHandshake();
    return new RawHttp(s);
  }

  /** The TLS session of this connection (after {@link #connectTls}). */
  javax.net.ssl.SSLSession tlsSession() {
    return ((javax.net.ssl.SSLSocket) socket).getSession();
  }

  /** One request on a fresh connection, one response, close. */
  static Response exchange(int port, String request) throws IOException {
    try (RawHttp c = connect(port)) {
      c.send(request);
      return c.read(request.startsWith("HEAD "));
    }
  }

  /**
   * The bytes of a request: request line, {@code Host}, the given header pairs, {@code
   * Content-Length} when there is a body, blank line, body.
   */
  static String request(
      String method, String target, String host, String body, String... headerPairs) {
    StringBuilder b = new StringBuilder();
    b.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(host).append("\r\n");
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      b.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
    }
    if (body != null) {
      b.append("Content-Length: ")
          .append(body.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n");
    }
    b.append("\r\n");
    if (body != null) {
      b.append(body);
    }
    return b.toString();
  }

  void send(String request) throws IOException {
    send(request.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  Response read() throws IOException {
    return read(false);
  }

  /**
   * Reads one response; {@code head} says the request was HEAD (no body whatever the headers say).
   */
  Response read(boolean head) throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.add(Map.entry(l.substring(0, colon).trim(), l.substring(colon + 1).trim()));
    }
    Response shell = new Response(status, statusLine, headers, new byte[0]);
    byte[] body;
    if (head || status / 100 == 1 || status == 204 || status == 304) {
      body = new byte[0];
    } else if ("chunked".equalsIgnoreCase(shell.header("Transfer-Encoding"))) {
      body = chunked();
    } else if (shell.header("Content-Length") != null) {
      body = in.readNBytes(Integer.parseInt(shell.header("Content-Length")));
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, statusLine, List.copyOf(headers), body);
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return b.toByteArray();
      }
      b.write(in.readNBytes(n));
      line();
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int len =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    throw new EOFException(
        "connection closed by the server after: " + b.toString(StandardCharsets.ISO_8859_1));
  }

  /**
   * True when the server closes the connection (EOF or reset) within {@code wait} without sending
   * anything.
   */
  boolean closedByPeer(Duration wait) throws IOException {
    int old = socket.getSoTimeout();
    socket.setSoTimeout((int) wait.toMillis());
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    } finally {
      socket.setSoTimeout(old);
    }
  }

  /** The local port of this connection: the same port across requests means the same connection. */
  int localPort() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
