package dev.turnpike.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves a name the way a client's resolver sees it, with dnsjava: the CNAME chain hop by hop
 * (each hop queried again when the answer stops at a CNAME), then the A and AAAA addresses of the
 * last name. The resolver is the system's ({@code /etc/resolv.conf}) or one given as {@code
 * host:port} (UDP, TCP when the answer is truncated). Blocking network I/O: runs in the CLI
 * process, never on an event loop.
 */
public final class DnsProbe {
  private static final int MAX_HOPS = 8;

  private final Resolver resolver;
  private final String description;

  private DnsProbe(Resolver resolver, String description) {
    this.resolver = resolver;
    this.description = description;
  }

  /**
   * What the lookup found: names without the trailing dot, lowercase; {@code error} null when it
   * resolved.
   */
  public record Result(
      String resolver,
      String name,
      List<String> cnameChain,
      List<String> addresses,
      @Nullable String error) {
    /** The last name of the chain (the name itself without CNAMEs). */
    public String finalName() {
      return cnameChain.isEmpty() ? name : cnameChain.get(cnameChain.size() - 1);
    }
  }

  /** The system resolver ({@code /etc/resolv.conf}, dnsjava's defaults otherwise). */
  public static DnsProbe system(Duration timeout) {
    ExtendedResolver r = new ExtendedResolver();
    r.setTimeout(timeout);
    return new DnsProbe(r, "system resolver");
  }

  /** A given resolver, {@code host:port} or {@code host} (port 53); {@code [v6]:port} for IPv6. */
  public static DnsProbe at(String hostPort, Duration timeout) throws IOException {
    String host = hostPort;
    int port = 53;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && hostPort.indexOf(':') == colon
        || hostPort.startsWith("[") && hostPort.contains("]:")) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IOException(
            "--resolver " + hostPort + ": the port is not a number (expected: host:port)");
      }
    }
    host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
    r.setTimeout(timeout);
    return new DnsProbe(r, hostPort);
  }

  public Result resolve(String name) {
    List<String> chain = new ArrayList<>();
    Set<String> addresses = new LinkedHashSet<>();
    String current = normalize(name);
    try {
      for (int hop = 0; hop <= MAX_HOPS; hop++) {
        Message answer = query(current, Type.A);
        String next = follow(answer, current, chain, addresses);
        String last = chain.isEmpty() ? current : chain.get(chain.size() - 1);
        String rcodeError = rcode(answer, last);
        if (rcodeError != null) {
          return new Result(
              description, normalize(name), chain, List.copyOf(addresses), rcodeError);
        }
        if (next == null) {
          for (Record r : query(last, Type.AAAA).getSection(Section.ANSWER)) {
            if (r instanceof AAAARecord aaaa) {
              addresses.add(aaaa.getAddress().getHostAddress());
            }
          }
          return new Result(
              description,
              normalize(name),
              chain,
              List.copyOf(addresses),
              addresses.isEmpty() ? last + " has no A or AAAA record" : null);
        }
        current = next;
      }
      return new Result(
          description,
          normalize(name),
          chain,
          List.copyOf(addresses),
          "more than " + MAX_HOPS + " CNAMEs (a loop?)");
    } catch (IOException e) {
      return new Result(
          description,
          normalize(name),
          chain,
          List.copyOf(addresses),
          "no answer from " + description + ": " + e.getMessage());
    }
  }

  /**
   * Walks one answer: records the CNAMEs that start at {@code current} in order and the addresses
   * of the name the walk ends on; returns the name to ask about next when the answer stops at a
   * CNAME without its addresses.
   */
  private static @Nullable String follow(
      Message answer, String current, List<String> chain, Set<String> addresses) {
    Record[] records = answer.getSection(Section.ANSWER).toArray(new Record[0]);
    String at = current;
    for (int guard = 0; guard < records.length; guard++) {
      String target = null;
      for (Record r : records) {
        if (r instanceof CNAMERecord c && normalize(r.getName().toString()).equals(at)) {
          target = normalize(c.getTarget().toString());
        }
      }
      if (target == null || chain.contains(target)) {
        break;
      }
      chain.add(target);
      at = target;
    }
    boolean found = false;
    for (Record r : records) {
      if (r instanceof ARecord a && normalize(r.getName().toString()).equals(at)) {
        addresses.add(a.getAddress().getHostAddress());
        found = true;
      }
    }
    return found || at.equals(current) ? null : at;
  }

  private Message query(String name, int type) throws IOException {
    try {
      return resolver.send(
          Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    } catch (TextParseException e) {
      throw new IOException("not a DNS name: " + name, e);
    }
  }

  private static @Nullable String rcode(Message m, String name) {
    int rcode = m.getRcode();
    if (rcode == Rcode.NOERROR) {
      return null;
    }
    return rcode == Rcode.NXDOMAIN
        ? name + " does not exist (NXDOMAIN)"
        : "the resolver answered " + Rcode.string(rcode) + " for " + name;
  }

  static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
