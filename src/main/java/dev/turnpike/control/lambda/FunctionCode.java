package dev.turnpike.control.lambda;

import dev.turnpike.control.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A function's code on disk: the uploaded zip decoded, hashed as AWS reports it ({@code
 * CodeSha256}), unpacked into a directory of its own (refusing entries that escape it and more than
 * Lambda's unzipped quota), and deleted with the function or its previous revision.
 */
final class FunctionCode {
  /** Lambda's quota on a function's unzipped code (250 MB). */
  static final long MAX_UNZIPPED_BYTES = 262_144_000L;

  private FunctionCode() {}

  /** The zip of {@code Code.ZipFile} (base64); not base64 is AWS's unzip refusal. */
  static byte[] decode(String zipText) {
    try {
      return Base64.getDecoder().decode(zipText);
    } catch (IllegalArgumentException e) {
      throw LambdaInputs.invalidParameter(
          "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
  }

  /** Unpacks {@code zip} into {@code dir}; an entry that would land outside it refuses the zip. */
  static void unzip(byte[] zip, Path dir) {
    ApiException bad =
        LambdaInputs.invalidParameter(
            "Could not unzip uploaded file. Please check your file, then try to upload again.");
    Path root = dir.toAbsolutePath().normalize();
    int entries = 0;
    long total = 0;
    try {
      Files.createDirectories(root);
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
        ZipEntry e;
        while ((e = in.getNextEntry()) != null) {
          entries++;
          String name = e.getName().replace('\\', '/');
          Path target = root.resolve(name).normalize();
          if (name.startsWith("/") || !target.startsWith(root) || target.equals(root)) {
            deleteTree(root);
            throw bad;
          }
          if (e.isDirectory()) {
            Files.createDirectories(target);
            continue;
          }
          Files.createDirectories(target.getParent());
          total += copyBounded(in, target, MAX_UNZIPPED_BYTES - total);
          if (target.getFileName().toString().equals("bootstrap")) {
            target.toFile().setExecutable(true, false);
          }
        }
      }
    } catch (ApiException e) {
      deleteTree(root);
      throw e;
    } catch (ZipException | FileAlreadyExistsException e) {
      deleteTree(root);
      throw bad;
    } catch (IOException e) {
      deleteTree(root);
      throw new UncheckedIOException("cannot unpack function code into " + root, e);
    }
    if (entries == 0) {
      deleteTree(root);
      throw bad;
    }
  }

  /** Copies at most {@code budget} bytes; more refuses the zip (a zip bomb stops here). */
  private static long copyBounded(InputStream in, Path target, long budget) throws IOException {
    long n = 0;
    byte[] buf = new byte[65_536];
    try (var out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
      int r;
      while ((r = in.read(buf)) > 0) {
        n += r;
        if (n > budget) {
          // AWS: "Unzipped size must be smaller than 262144000 bytes".
          throw LambdaInputs.invalidParameter(
              "Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
        }
        out.write(buf, 0, r);
      }
    }
    return n;
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("turnpike: cannot delete " + dir + ": " + e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
