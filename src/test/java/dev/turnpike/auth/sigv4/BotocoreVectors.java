package dev.turnpike.auth.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Requests signed by botocore (src/test/resources/sigv4/botocore_vectors.py), either read from the
 * checked-in output or produced live by running the script with {@code python3}.
 */
final class BotocoreVectors {

  static final String SCRIPT = "/sigv4/botocore_vectors.py";
  static final String CHECKED_IN = "/sigv4/botocore-vectors.txt";
  static final Instant SIGNED_AT = Instant.parse("2026-01-01T12:00:00Z");

  private BotocoreVectors() {}

  /** One signed request and what botocore computed on the way. */
  record Vector(
      String name,
      boolean presigned,
      String service,
      String region,
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      String method,
      String url,
      String host,
      List<Map.Entry<String, String>> preHeaders,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      String canonicalRequest,
      String stringToSign) {

    /** The request as a server receives it: botocore's headers plus the Host the client sends. */
    SigV4Request received() {
      return request(headers, url);
    }

    /** The request before botocore signed it, with Host, for SigV4Signer. */
    SigV4Request unsigned(String unsignedUrl) {
      return request(preHeaders, unsignedUrl);
    }

    Credential credential() {
      return new Credential(
          accessKeyId,
          secretAccessKey,
          "123456789012",
          "arn:aws:iam::123456789012:user/botocore",
          sessionToken.isEmpty() ? null : sessionToken,
          null);
    }

    String rawPath() {
      return split(url)[0];
    }

    String rawQuery() {
      return split(url)[1];
    }

    private SigV4Request request(List<Map.Entry<String, String>> base, String target) {
      List<Map.Entry<String, String>> all = new ArrayList<>(base);
      all.add(Map.entry("Host", host));
      String[] parts = split(target);
      return new SigV4Request(method, parts[0], parts[1], all, body);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Splits an absolute URL into its raw path and raw query. */
  static String[] split(String url) {
    int start = url.indexOf('/', url.indexOf("://") + 3);
    String rest = start < 0 ? "" : url.substring(start);
    int q = rest.indexOf('?');
    return q < 0
        ? new String[] {rest, ""}
        : new String[] {rest.substring(0, q), rest.substring(q + 1)};
  }

  static String checkedInText() throws IOException {
    try (InputStream in = BotocoreVectors.class.getResourceAsStream(CHECKED_IN)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + CHECKED_IN);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<Vector> checkedIn() throws IOException {
    return parse(checkedInText());
  }

  /** Runs the script; returns null when python3 with botocore is not installed. */
  static String runBotocore() throws IOException, InterruptedException, URISyntaxException {
    Path script = Path.of(BotocoreVectors.class.getResource(SCRIPT).toURI());
    Process process;
    try {
      process = new ProcessBuilder("python3", script.toString()).redirectErrorStream(false).start();
    } catch (IOException e) {
      return null; // no python3 on this machine
    }
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("botocore_vectors.py did not finish in 60 s");
    }
    if (process.exitValue() != 0) {
      if (err.contains("No module named 'botocore'")) {
        return null;
      }
      throw new IllegalStateException("botocore_vectors.py failed: " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  static List<Vector> parse(String text) {
    List<Vector> vectors = new ArrayList<>();
    Map<String, List<String[]>> fields = null;
    String name = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("case ")) {
        name = line.substring(5);
        fields = new java.util.LinkedHashMap<>();
      } else if (line.equals("end") && fields != null) {
        vectors.add(toVector(name, fields));
        fields = null;
      } else if (fields != null) {
        String[] parts = line.split(" ", -1);
        String[] decoded = new String[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          decoded[i - 1] = new String(Base64.getDecoder().decode(parts[i]), StandardCharsets.UTF_8);
        }
        fields.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(decoded);
      }
    }
    return vectors;
  }

  private static Vector toVector(String name, Map<String, List<String[]>> f) {
    String[] credentials = f.get("credentials").get(0);
    return new Vector(
        name,
        one(f, "mode").equals("query"),
        one(f, "service"),
        one(f, "region"),
        credentials[0],
        credentials[1],
        credentials[2],
        one(f, "method"),
        one(f, "url"),
        one(f, "host"),
        entries(f.get("preheader")),
        entries(f.get("header")),
        one(f, "body").getBytes(StandardCharsets.UTF_8),
        one(f, "canonical"),
        one(f, "stringtosign"));
  }

  private static String one(Map<String, List<String[]>> f, String key) {
    return f.get(key).get(0)[0];
  }

  private static List<Map.Entry<String, String>> entries(List<String[]> rows) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (rows != null) {
      for (String[] row : rows) {
        out.add(Map.entry(row[0], row[1]));
      }
    }
    return out;
  }
}
