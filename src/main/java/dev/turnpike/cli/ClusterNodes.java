package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Signer;
import dev.turnpike.control.Accounts;
import dev.turnpike.control.admin.AdminService;
import dev.turnpike.control.admin.PeerDecisions;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The nodes of a cluster as the shared store lists them ({@link Kinds#NODE}): each node registers
 * its admin URL once it listens and removes it at shutdown. A decision record this node does not
 * hold is asked of every other registered node at once ({@code GET /decisions/{id}?local=true},
 * signed as the installation administrator, whom every node shares), 2 s per node; the first that
 * has it answers. A node killed with {@code kill -9} leaves its entry behind until a node starts on
 * the same admin address (which replaces it); asking it meanwhile fails (connection refused, or the
 * 2 s timeout) and counts as not having the record.
 */
final class ClusterNodes implements PeerDecisions {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final ConfigStore store;
  private final Accounts.AdminCredentials admin;
  private final String region;
  private final Clock clock;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private volatile boolean registered;

  ClusterNodes(ConfigStore store, Accounts.AdminCredentials admin, String region, Clock clock) {
    this.store = store;
    this.admin = admin;
    this.region = region;
    this.clock = clock;
  }

  private DocumentKey key(String nodeId) {
    return new DocumentKey("global", Kinds.NODE, "", nodeId);
  }

  /**
   * Lists this node, reachable at {@code bind:adminPort} (a wildcard bind: this host's address).
   */
  void register(String bind, int adminPort) throws UnknownHostException {
    String host =
        bind.equals("0.0.0.0") || bind.equals("::")
            ? InetAddress.getLocalHost().getHostAddress()
            : bind;
    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + adminPort;
    List<Write> writes = new ArrayList<>();
    for (Document d : store.list("global", Kinds.NODE, "")) {
      // an earlier process on this address (restarted, or killed without removing its entry)
      if (url.equals(adminUrl(d))) {
        writes.add(Write.delete(d.key()));
      }
    }
    writes.add(
        Write.put(
            key(id),
            Documents.write(
                Map.of(
                    "adminUrl",
                    url,
                    "startedAt",
                    clock.instant().toString(),
                    "pid",
                    ProcessHandle.current().pid()))));
    store.commitUntracked(writes);
    registered = true;
  }

  /** Removes this node from the list (shutdown); a store that is down keeps the stale entry. */
  void deregister() {
    if (registered) {
      try {
        store.commitUntracked(List.of(Write.delete(key(id))));
      } catch (RuntimeException e) {
        TurnpikeRuntime.log("turnpike: could not remove this node from the node list: " + e);
      }
    }
  }

  private static String adminUrl(Document d) {
    try {
      return Documents.MAPPER.readTree(d.json()).path("adminUrl").asText();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public CompletableFuture<@Nullable String> find(String requestId) {
    List<String> urls = new ArrayList<>();
    try {
      for (Document d : store.list("global", Kinds.NODE, "")) {
        if (!d.key().id().equals(id)) {
          urls.add(adminUrl(d));
        }
      }
    } catch (Exception e) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<@Nullable String> found = new CompletableFuture<>();
    if (urls.isEmpty()) {
      found.complete(null);
      return found;
    }
    List<CompletableFuture<?>> asks = new ArrayList<>();
    for (String url : urls) {
      asks.add(
          ask(url, requestId)
              .thenAccept(
                  json -> {
                    if (json != null) {
                      found.complete(json);
                    }
                  }));
    }
    CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .whenComplete((ok, e) -> found.complete(null));
    return found;
  }

  private CompletableFuture<@Nullable String> ask(String url, String requestId) {
    URI base = URI.create(url);
    String hostHeader = base.getHost() + ":" + base.getPort();
    String path = "/decisions/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8);
    SigV4Request signed =
        new SigV4Signer(admin.accessKeyId(), admin.secretAccessKey(), null)
            .sign(
                new SigV4Request(
                    "GET", path, "local=true", List.of(Map.entry("Host", hostHeader)), new byte[0]),
                region,
                AdminService.SERVICE,
                clock.instant());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path + "?local=true")).timeout(TIMEOUT).GET();
    for (Map.Entry<String, String> h : signed.headers()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        b.header(h.getKey(), h.getValue());
      }
    }
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
        .<@Nullable String>thenApply(
            r -> {
              if (r.statusCode() != 200) {
                return null;
              }
              try {
                JsonNode n = Documents.MAPPER.readTree(r.body());
                if (n instanceof ObjectNode o) {
                  o.put("node", url);
                }
                return n.toString();
              } catch (Exception e) {
                return null;
              }
            })
        .exceptionally(e -> null);
  }
}
