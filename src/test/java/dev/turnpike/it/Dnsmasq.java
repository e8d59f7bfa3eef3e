package dev.turnpike.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A private dnsmasq for one test: in the foreground on a free loopback port, no upstream servers, no hosts file, no
 * configuration file, only the records the test passes ({@code --cname}, {@code --host-record}, {@code --address}).
 * No system service and no change to the machine's resolver; {@link #close()} kills it.
 */
final class Dnsmasq implements AutoCloseable {
  private final Process process;
  private final int port;

  private Dnsmasq(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Dnsmasq start(Path logDir, String... records) throws Exception {
    int port = freeUdpAndTcpPort();
    List<String> cmd = new ArrayList<>(List.of("dnsmasq", "--no-daemon", "--port=" + port,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--conf-file=/dev/null",
        "--log-queries"));
    cmd.addAll(List.of(records));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(logDir.resolve("dnsmasq-" + port + ".log").toFile()).start();
    Dnsmasq d = new Dnsmasq(p, port);
    d.awaitAnswering();
    return d;
  }

  /** {@code 127.0.0.1:port}, as {@code --resolver} takes it. */
  String resolver() {
    return "127.0.0.1:" + port;
  }

  private void awaitAnswering() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    r.setTimeout(Duration.ofMillis(300));
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("dnsmasq exited with " + process.exitValue());
      }
      try {
        r.send(Message.newQuery(Record.newRecord(Name.fromString("ready.invalid."), Type.A, DClass.IN)));
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("dnsmasq did not answer on port " + port);
  }

  private static int freeUdpAndTcpPort() throws IOException {
    for (int i = 0; i < 20; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        int port = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free port for dnsmasq");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
