package dev.turnpike.integration.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket backend on 127.0.0.1 that misbehaves on purpose. Each accepted connection runs
 * {@link Script#run(Socket, int)} with its index (0 for the first connection) on its own thread.
 */
final class ScriptedBackend implements AutoCloseable {
  /** What a backend does with one connection. */
  @FunctionalInterface
  interface Script {
    void run(Socket socket, int connectionIndex) throws IOException;
  }

  private final ServerSocket server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger accepted = new AtomicInteger();

  ScriptedBackend(Script script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    executor.execute(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket socket = server.accept();
              int index = accepted.getAndIncrement();
              executor.execute(() -> runQuietly(script, socket, index));
            } catch (IOException e) {
              return; // closed
            }
          }
        });
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  int connections() {
    return accepted.get();
  }

  /**
   * Reads one request (head and Content-Length body); returns its head, or null at end of stream.
   */
  static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
    return text;
  }

  static void write(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  private static void runQuietly(Script script, Socket socket, int index) {
    try (socket) {
      script.run(socket, index);
    } catch (IOException e) {
      // The client went away; nothing to report.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    executor.shutdownNow();
  }
}
