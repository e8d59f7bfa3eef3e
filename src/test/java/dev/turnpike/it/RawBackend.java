package dev.turnpike.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keep-alive HTTP/1.1 backend on a plain socket that records each request line as the exact bytes
 * it received (no URI parsing that would normalize or refuse them) and answers {@code 200} with the
 * request line as the body. A {@code HEAD} request is answered, on purpose, with a body its {@code
 * Content-Length} announces: the misbehaving backend of issue 22.
 */
final class RawBackend implements AutoCloseable {
  private final ServerSocket server;
  private final List<byte[]> requestLines = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  private RawBackend() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "raw-backend");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static RawBackend start() throws IOException {
    return new RawBackend();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Request lines received so far, as bytes, oldest first. */
  List<byte[]> requestLines() {
    return List.copyOf(requestLines);
  }

  /** The target (second word) of the last request line, as ISO-8859-1 (one char per byte). */
  String lastTarget() {
    List<byte[]> lines = requestLines();
    String line = new String(lines.get(lines.size() - 1), StandardCharsets.ISO_8859_1);
    return line.split(" ")[1];
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "raw-backend-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        byte[] requestLine = line(in);
        if (requestLine == null) {
          return;
        }
        long contentLength = 0;
        for (byte[] h = line(in); h != null && h.length > 0; h = line(in)) {
          String header = new String(h, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
          if (header.startsWith("content-length:")) {
            contentLength = Long.parseLong(header.substring(15).trim());
          }
        }
        in.readNBytes((int) contentLength);
        requestLines.add(requestLine);
        byte[] body = requestLine;
        byte[] head =
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        // The body even for HEAD: a backend that breaks RFC 9110 9.3.2.
        out.write(body);
        out.flush();
      }
    } catch (IOException e) {
      // the gateway closed the connection
    }
  }

  private static byte[] line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int n =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return java.util.Arrays.copyOf(bytes, n);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toByteArray();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
