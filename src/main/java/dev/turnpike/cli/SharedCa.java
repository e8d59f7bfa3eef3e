package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.TlsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One local CA for every node of a cluster, kept in the shared store ({@link Kinds#LOCAL_CA}, its
 * key sealed like every secret there). Before a node loads its CA from its data directory, the
 * store's CA is written there; the first node to start publishes its own (created if it has none).
 * A node whose data directory holds another CA keeps those files as {@code ca.pem.replaced} and
 * {@code ca-key.pem.replaced} and says so: clients trust one {@code ca.pem} for the whole cluster.
 */
final class SharedCa {
  static final DocumentKey KEY = new DocumentKey("global", Kinds.LOCAL_CA, "", "ca");

  private SharedCa() {}

  /** Makes {@code dataDir}'s {@code ca.pem} and {@code ca-key.pem} the cluster's CA. */
  static void sync(ConfigStore store, Path dataDir, Clock clock, Consumer<String> log)
      throws IOException, TlsException {
    Path certFile = dataDir.resolve("ca.pem");
    Path keyFile = dataDir.resolve("ca-key.pem");
    Optional<Document> shared = store.get(KEY);
    if (shared.isEmpty()) {
      LocalCa.loadOrCreate(dataDir, clock); // this node's CA, checked (or created)
      String json =
          Documents.write(
              Map.of(
                  "certificate",
                  Files.readString(certFile, StandardCharsets.US_ASCII),
                  "key",
                  Files.readString(keyFile, StandardCharsets.US_ASCII)));
      try {
        store.commit(List.of(Write.create(KEY, json)));
        log.accept("turnpike: the cluster's local CA is this node's " + certFile);
        return;
      } catch (ConfigStore.ConflictException anotherNodeFirst) {
        shared = store.get(KEY);
        if (shared.isEmpty()) {
          throw anotherNodeFirst;
        }
      }
    }
    JsonNode ca = Documents.MAPPER.readTree(shared.get().json());
    String cert = ca.path("certificate").asText();
    String key = ca.path("key").asText();
    if (Files.exists(certFile) || Files.exists(keyFile)) {
      if (read(certFile).equals(cert) && read(keyFile).equals(key)) {
        return;
      }
      if (Files.exists(certFile)) {
        Files.move(
            certFile, dataDir.resolve("ca.pem.replaced"), StandardCopyOption.REPLACE_EXISTING);
      }
      if (Files.exists(keyFile)) {
        Files.move(
            keyFile, dataDir.resolve("ca-key.pem.replaced"), StandardCopyOption.REPLACE_EXISTING);
      }
      log.accept(
          "turnpike: WARN this node's local CA in "
              + dataDir
              + " is not the cluster's: it now uses the cluster's (kept its own as ca.pem.replaced"
              + " and ca-key.pem.replaced); clients trust the cluster's ca.pem");
    }
    Files.createDirectories(dataDir);
    Path tmpKey = keyFile.resolveSibling("ca-key.pem.tmp");
    Files.deleteIfExists(tmpKey);
    Files.createFile(
        tmpKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmpKey, key, StandardCharsets.US_ASCII);
    Files.move(tmpKey, keyFile, StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(certFile, cert, StandardCharsets.US_ASCII);
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII) : "";
  }
}
