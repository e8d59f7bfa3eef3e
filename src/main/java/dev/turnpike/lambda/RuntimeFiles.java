package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The runtimes' files Turnpike ships in its jar, written under {@code <data-dir>/lambda} at start:
 * the Python and Node bootstraps, and for Java AWS's runtime interface client with its jars (put
 * there by the build, see pom.xml) and its JNI library taken out of the client's jar.
 *
 * @param pythonBootstrap {@code python/bootstrap.py}
 * @param nodeBootstrap {@code node/bootstrap.mjs}
 * @param javaClassPath the client's jars, for {@code -cp}
 * @param javaNativeClient the client's JNI library for this machine, or null when none fits (the
 *     client then falls back to its own extraction and reports why it cannot load)
 */
record RuntimeFiles(
    Path pythonBootstrap,
    Path nodeBootstrap,
    List<Path> javaClassPath,
    @Nullable Path javaNativeClient) {

  /** The jars of {@code lambda/java/}, named by pom.xml's copy of them. */
  static final List<String> JAVA_JARS =
      List.of(
          "aws-lambda-java-runtime-interface-client.jar",
          "aws-lambda-java-core.jar",
          "aws-lambda-java-serialization.jar",
          "utils-lite.jar");

  RuntimeFiles {
    requireNonNull(pythonBootstrap, "pythonBootstrap");
    requireNonNull(nodeBootstrap, "nodeBootstrap");
    javaClassPath = List.copyOf(javaClassPath);
  }

  /** Writes every file under {@code dir} (replacing older copies: an upgrade ships new ones). */
  static RuntimeFiles extract(Path dir) {
    requireNonNull(dir, "dir");
    Path python = copy("/lambda/python/bootstrap.py", dir.resolve("python/bootstrap.py"));
    Path node = copy("/lambda/node/bootstrap.mjs", dir.resolve("node/bootstrap.mjs"));
    List<Path> jars = new ArrayList<>();
    for (String jar : JAVA_JARS) {
      jars.add(copy("/lambda/java/" + jar, dir.resolve("java").resolve(jar)));
    }
    Path jni = nativeClient(jars.get(0), dir.resolve("java").resolve("libaws-lambda-jni.so"));
    return new RuntimeFiles(python, node, jars, jni);
  }

  private static Path copy(String resource, Path target) {
    try (InputStream in = RuntimeFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Files.createDirectories(requireNonNull(target.getParent(), "parent"));
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * The client's JNI library for this CPU and C library, written once where Turnpike owns the file.
   * Left to itself the client writes it to the fixed {@code /tmp/.libaws-lambda-jni.so}, which
   * instances starting together would overwrite under each other (and another user's copy would
   * block); its system property {@code ...NativeClient.JNI} names a library to load instead.
   */
  private static @Nullable Path nativeClient(Path ricJar, Path target) {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          default -> null;
        };
    if (cpu == null || !System.getProperty("os.name", "").equals("Linux")) {
      return null;
    }
    // Alpine and other musl systems have the musl loader instead of glibc's.
    boolean musl =
        Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
            || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
    String name = "jni/libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + cpu + ".so";
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ricJar))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(name)) {
          Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
          return target;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + name + " from " + ricJar, e);
    }
  }
}
