package dev.turnpike.cli;

import dev.turnpike.control.Accounts.AdminCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Files in the data directory that other tools read: {@code credentials} (AWS shared-credentials
 * format, mode 0600) and {@code endpoints.json}. Both are written atomically (temp file, then
 * rename), so a reader never sees half a file.
 */
final class DataDir {
  private final Path root;

  DataDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path credentialsFile() {
    return root.resolve("credentials");
  }

  Path endpointsFile() {
    return root.resolve("endpoints.json");
  }

  Path accessLog() {
    return root.resolve("logs").resolve("access.log");
  }

  /**
   * Writes (or replaces) the profile's section, keeping every other profile in the file as it was.
   */
  void writeCredentials(String profile, AdminCredentials admin) throws IOException {
    Path file = credentialsFile();
    List<String> kept = new ArrayList<>();
    if (Files.exists(file)) {
      boolean skipping = false;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = line.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
          skipping = t.equals("[" + profile + "]");
        }
        if (!skipping) {
          kept.add(line);
        }
      }
    }
    StringBuilder b = new StringBuilder();
    b.append('[')
        .append(profile)
        .append("]\n")
        .append("aws_access_key_id = ")
        .append(admin.accessKeyId())
        .append('\n')
        .append("aws_secret_access_key = ")
        .append(admin.secretAccessKey())
        .append('\n')
        .append("# account ")
        .append(admin.accountId())
        .append(" (")
        .append(admin.accountName())
        .append(")\n");
    for (String line : kept) {
      b.append(line).append('\n');
    }
    writeAtomically(file, b.toString(), true);
  }

  void writeEndpoints(String json) throws IOException {
    writeAtomically(endpointsFile(), json, false);
  }

  private static void writeAtomically(Path file, String content, boolean secret)
      throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
