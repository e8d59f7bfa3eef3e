package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Signer;
import dev.turnpike.control.Accounts;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Documents;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code turnpike account create [--name N]}: a new account and its administrator profile. */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "Manage accounts.",
    subcommands = AccountCommand.Create.class)
final class AccountCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /**
   * Creates the account through the running server's control plane (signed with the {@code
   * [default]} profile, the installation administrator) when {@code endpoints.json} names a live
   * process; otherwise opens the store directly (the embedded H2 store allows one process at a
   * time). Either way the new administrator's key is written as the profile {@code <name>} of
   * {@code <data-dir>/credentials} and the account id is printed.
   */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create an account and write its "
              + "administrator's credentials as a profile in <data-dir>/credentials.")
  static final class Create implements Callable<Integer> {
    @Option(
        names = "--data-dir",
        defaultValue = "${env:TURNPIKE_DATA_DIR:-.turnpike}",
        description = "The data directory of the Turnpike (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** With {@code --store}: the account is written to the shared store directly. */
    @Mixin StoreOptions storeOptions = new StoreOptions();

    @Option(
        names = "--name",
        description = "The account name, also the profile name (default: generated).")
    @Nullable String name;

    @Override
    public Integer call() throws Exception {
      DataDir dir = new DataDir(dataDir);
      String accountName =
          name == null || name.isBlank() ? "account-" + Instant.now().getEpochSecond() : name;
      Accounts.AdminCredentials created;
      ClusterOptions cluster = storeOptions.cluster(null, "turnpike:");
      JsonNode endpoints = readEndpoints(dir);
      if (cluster.sharedStore()) {
        try (ConfigStore store = cluster.openStore(dir.root())) {
          created = new Accounts(store, Clock.systemUTC()).createAccount(accountName);
        } catch (StartupException | IllegalArgumentException | StoreException e) {
          // StoreException: unreachable, or secrets sealed under a key this file does not hold
          System.err.println("turnpike: " + e.getMessage());
          return 1;
        }
        Files.createDirectories(dir.root());
      } else if (endpoints != null
          && ProcessHandle.of(endpoints.path("pid").asLong())
              .map(ProcessHandle::isAlive)
              .orElse(false)) {
        created = throughServer(dir, endpoints, accountName);
        if (created == null) {
          return 1;
        }
      } else {
        try (ConfigStore store = JdbcConfigStore.embedded(dir.root())) {
          Accounts accounts = new Accounts(store, Clock.systemUTC());
          created = accounts.createAccount(accountName);
        } catch (IllegalArgumentException e) {
          System.err.println("turnpike: " + e.getMessage());
          return 1;
        }
      }
      dir.writeCredentials(created.accountName(), created);
      System.out.println(created.accountId());
      System.err.println(
          "turnpike: account "
              + created.accountId()
              + " ("
              + created.accountName()
              + "): administrator credentials written as profile ["
              + created.accountName()
              + "] in "
              + dir.credentialsFile());
      return 0;
    }

    static @Nullable JsonNode readEndpoints(DataDir dir) {
      try {
        return Documents.MAPPER.readTree(
            Files.readString(dir.endpointsFile(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        return null;
      }
    }

    private static Accounts.@Nullable AdminCredentials throughServer(
        DataDir dir, JsonNode endpoints, String accountName)
        throws IOException, InterruptedException {
      String[] admin = defaultProfile(dir.credentialsFile());
      String bind = endpoints.path("bind").asText("127.0.0.1");
      String host =
          (bind.equals("0.0.0.0") || bind.equals("::")
                  ? "127.0.0.1"
                  : bind.contains(":") ? "[" + bind + "]" : bind)
              + ":"
              + endpoints.path("adminPort").asInt();
      String region = endpoints.path("region").asText("us-east-1");
      byte[] body =
          Documents.MAPPER
              .createObjectNode()
              .put("name", accountName)
              .toString()
              .getBytes(StandardCharsets.UTF_8);
      List<Map.Entry<String, String>> headers =
          new ArrayList<>(
              List.of(Map.entry("Host", host), Map.entry("Content-Type", "application/json")));
      SigV4Request signed =
          new SigV4Signer(admin[0], admin[1], null)
              .sign(
                  new SigV4Request("POST", "/accounts", "", headers, body),
                  region,
                  "turnpike",
                  Instant.now());
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://" + host + "/accounts"))
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, String> h : signed.headers()) {
        if (!h.getKey().equalsIgnoreCase("Host")) {
          b.header(h.getKey(), h.getValue());
        }
      }
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        System.err.println(
            "turnpike: the server refused to create the account ("
                + r.statusCode()
                + "): "
                + r.body());
        return null;
      }
      JsonNode n = Documents.MAPPER.readTree(r.body());
      return new Accounts.AdminCredentials(
          n.get("accountId").asText(),
          n.get("name").asText(),
          n.get("accessKeyId").asText(),
          n.get("secretAccessKey").asText());
    }

    static String[] defaultProfile(Path file) throws IOException {
      String key = null;
      String secret = null;
      boolean inDefault = false;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = line.trim();
        if (t.startsWith("[")) {
          inDefault = t.equals("[default]");
        } else if (inDefault && t.startsWith("aws_access_key_id")) {
          key = t.substring(t.indexOf('=') + 1).trim();
        } else if (inDefault && t.startsWith("aws_secret_access_key")) {
          secret = t.substring(t.indexOf('=') + 1).trim();
        }
      }
      if (key == null || secret == null) {
        throw new IOException("no [default] profile in " + file);
      }
      return new String[] {key, secret};
    }
  }
}
