package dev.turnpike.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server inside the test JVM (dnsjava): UDP on an ephemeral loopback port,
 * only the records the test gives, nothing forwarded. No root, no system service, no change to the
 * machine's resolver; point a resolver at {@link #resolver()}.
 *
 * <p>Answers as an authoritative server does (RFC 1034 §4.3.2): a name with a CNAME answers any
 * other type with the CNAME and then the target's records, following the chain inside this server;
 * a name with records but none of the asked type answers NOERROR with an empty answer (NODATA); a
 * name it does not know answers NXDOMAIN. Answers are sent truncated to 512 bytes with TC set, as
 * UDP requires; the tests' answers are far below that, so this server has no TCP listener (a client
 * retrying over TCP would be refused, and the test would say so).
 */
public final class DnsServer implements AutoCloseable {
  private static final int MAX_CNAME_HOPS = 16;

  private final Map<Name, List<Record>> records;
  private final DatagramSocket socket;
  private final Thread thread;

  private DnsServer(Map<Name, List<Record>> records) throws SocketException {
    this.records = records;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.thread = new Thread(this::serve, "dns-server-" + socket.getLocalPort());
    thread.setDaemon(true);
  }

  /** The records to serve; {@link #start()} starts a server for them. */
  public static Zone zone() {
    return new Zone();
  }

  /** {@code 127.0.0.1:port}, as {@code doctor domain --resolver} takes it. */
  public String resolver() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** The answer to one query, as it is sent. */
  Message answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    Record question = query.getQuestion();
    if (question == null || query.getHeader().getOpcode() != Opcode.QUERY) {
      response.getHeader().setRcode(question == null ? Rcode.FORMERR : Rcode.NOTIMP);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    Name name = question.getName();
    for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      List<Record> at = records.get(name);
      if (at == null) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        return response;
      }
      Record cname = at.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
      if (cname == null || question.getType() == Type.CNAME) {
        at.stream()
            .filter(r -> r.getType() == question.getType())
            .forEach(r -> response.addRecord(r, Section.ANSWER));
        return response;
      }
      response.addRecord(cname, Section.ANSWER);
      name = ((CNAMERecord) cname).getTarget();
    }
    response.getHeader().setRcode(Rcode.SERVFAIL); // a CNAME loop
    return response;
  }

  private void serve() {
    byte[] buffer = new byte[65_535];
    while (!socket.isClosed()) {
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(in);
      } catch (IOException closed) {
        return;
      }
      byte[] out;
      try {
        byte[] wire = new byte[in.getLength()];
        System.arraycopy(in.getData(), in.getOffset(), wire, 0, wire.length);
        out = answer(new Message(wire)).toWire(512);
      } catch (IOException | RuntimeException malformed) {
        continue; // not a DNS message: a server drops it
      }
      try {
        socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The records a {@link DnsServer} serves, by name; names are absolute, without or with the final
   * dot.
   */
  public static final class Zone {
    private static final long TTL = 60;

    private final Map<Name, List<Record>> records = new LinkedHashMap<>();

    private Zone() {}

    /** An A (IPv4) or AAAA (IPv6) record. */
    public Zone address(String name, String ip) {
      requireNonNull(ip, "ip");
      InetAddress address;
      try {
        address = InetAddress.getByName(ip);
      } catch (IOException e) {
        throw new IllegalArgumentException("ip: " + ip + " (expected: an IPv4 or IPv6 literal)", e);
      }
      Name n = name(name);
      return add(
          n,
          address.getAddress().length == 4
              ? new ARecord(n, DClass.IN, TTL, address)
              : new AAAARecord(n, DClass.IN, TTL, address));
    }

    /** {@code name CNAME target}: the name may have no other record. */
    public Zone cname(String name, String target) {
      Name n = name(name);
      if (records.containsKey(n)) {
        throw new IllegalArgumentException(
            "name: " + name + " already has records (expected: a CNAME alone)");
      }
      return add(n, new CNAMERecord(n, DClass.IN, TTL, name(target)));
    }

    /** Starts a server for these records. */
    public DnsServer start() {
      Map<Name, List<Record>> copy = new LinkedHashMap<>();
      records.forEach((n, rs) -> copy.put(n, List.copyOf(rs)));
      try {
        DnsServer server = new DnsServer(Map.copyOf(copy));
        server.thread.start();
        return server;
      } catch (SocketException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Zone add(Name name, Record record) {
      List<Record> at = records.computeIfAbsent(name, n -> new ArrayList<>());
      if (at.stream().anyMatch(r -> r.getType() == Type.CNAME)) {
        throw new IllegalArgumentException(
            "name: " + name + " is a CNAME (expected: no other record)");
      }
      at.add(record);
      return this;
    }

    private static Name name(String name) {
      requireNonNull(name, "name");
      String n = name.toLowerCase(Locale.ROOT);
      try {
        return Name.fromString(n.endsWith(".") ? n : n + ".");
      } catch (TextParseException e) {
        throw new IllegalArgumentException("name: " + name + " (expected: a DNS name)", e);
      }
    }
  }
}
