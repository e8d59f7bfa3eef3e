package dev.turnpike.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keep-alive HTTP/1.1 backend on a plain socket that keeps every byte the gateway sent it, across
 * all connections, so a test can say exactly what reached the backend (issue 22, smuggling). It
 * frames requests by {@code Content-Length} only (the gateway always sends one) and answers each
 * with {@code 200} and {@code <request line> <body length>} as the body.
 *
 * <p>A request for a path starting {@code /bad-response/} is answered wrongly on purpose, as the
 * rest of the path says: {@code two-lengths} (two disagreeing {@code Content-Length}s, the longer
 * one covering a forged second response), {@code cl-te} ({@code Content-Length} with {@code
 * Transfer-Encoding: chunked}).
 */
final class RecordingBackend implements AutoCloseable {
  private final ServerSocket server;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  private RecordingBackend() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "recording-backend");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static RecordingBackend start() throws IOException {
    return new RecordingBackend();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Every byte received so far, all connections, as ISO-8859-1 (one char per byte). */
  String received() {
    synchronized (received) {
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  int requests() {
    return requests.get();
  }

  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "recording-backend-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        String requestLine = line(in);
        if (requestLine == null) {
          return;
        }
        int contentLength = 0;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
          String lower = h.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            contentLength = Integer.parseInt(lower.substring(15).trim());
          }
        }
        byte[] body = in.readNBytes(contentLength);
        record(body);
        requests.incrementAndGet();
        String target = requestLine.split(" ")[1];
        out.write(
            answer(target, (requestLine + " " + body.length).getBytes(StandardCharsets.UTF_8)));
        out.flush();
      }
    } catch (IOException e) {
      // the gateway closed the connection
    }
  }

  private static byte[] answer(String target, byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String head;
    if (target.startsWith("/bad-response/two-lengths")) {
      String forged = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nFORGED";
      head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: " + (2 + forged.length());
      return (head + "\r\n\r\nok" + forged).getBytes(StandardCharsets.ISO_8859_1);
    }
    if (target.startsWith("/bad-response/cl-te")) {
      String forged = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nFORGED";
      head = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nTransfer-Encoding: chunked";
      return (head + "\r\n\r\n2\r\nok\r\n0\r\n\r\n" + forged).getBytes(StandardCharsets.ISO_8859_1);
    }
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length;
    return (head + "\r\n\r\n" + text).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** One line without its CRLF, recorded with it; null at end of stream. */
  private String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      b.write(c);
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        record(bytes);
        int n = bytes.length - 1;
        if (n > 0 && bytes[n - 1] == '\r') {
          n--;
        }
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
    }
    record(b.toByteArray());
    return null;
  }

  private void record(byte[] bytes) {
    synchronized (received) {
      received.write(bytes, 0, bytes.length);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
