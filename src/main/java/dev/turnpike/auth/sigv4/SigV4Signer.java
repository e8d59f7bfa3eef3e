package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Signs requests on the client side, the way botocore's {@code SigV4Auth} and {@code
 * SigV4QueryAuth} do: every header except the hop-by-hop ones and {@code user-agent} is signed;
 * {@code X-Amz-Date} (and {@code X-Amz-Security-Token} for temporary keys) is set before signing.
 * The request must already carry its {@code Host} header.
 *
 * <p>Unlike botocore, a {@code Date} header is never rewritten: the time always travels in {@code
 * X-Amz-Date}.
 */
public final class SigV4Signer {

  // botocore auth.SIGNED_HEADERS_BLACKLIST: headers proxies may change in flight.
  private static final Set<String> UNSIGNED_HEADERS =
      Set.of(
          "authorization",
          "connection",
          "expect",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "user-agent",
          "x-amzn-trace-id");

  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private final String accessKeyId;
  private final String secretAccessKey;
  private final @Nullable String sessionToken;
  private final boolean unsignedPayload;

  public SigV4Signer(String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {
    this(accessKeyId, secretAccessKey, sessionToken, false);
  }

  private SigV4Signer(
      String accessKeyId,
      String secretAccessKey,
      @Nullable String sessionToken,
      boolean unsignedPayload) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey");
    this.sessionToken = sessionToken;
    this.unsignedPayload = unsignedPayload;
  }

  /** A signer for the key, secret and session token of {@code credential}. */
  public static SigV4Signer of(Credential credential) {
    return new SigV4Signer(
        credential.accessKeyId(), credential.secretAccessKey(), credential.sessionToken());
  }

  /**
   * A signer that sends {@code X-Amz-Content-Sha256: UNSIGNED-PAYLOAD} instead of hashing the body
   * (botocore's {@code payload_signing_enabled=False}).
   */
  public SigV4Signer withUnsignedPayload() {
    return new SigV4Signer(accessKeyId, secretAccessKey, sessionToken, true);
  }

  /**
   * Returns {@code request} with {@code X-Amz-Date}, the token if any, and {@code Authorization}.
   */
  public SigV4Request sign(SigV4Request request, String region, String service, Instant time) {
    String amzDate = AmzDate.format(time);
    List<Map.Entry<String, String>> added = new ArrayList<>(3);
    added.add(Map.entry("X-Amz-Date", amzDate));
    if (sessionToken != null) {
      added.add(Map.entry("X-Amz-Security-Token", sessionToken));
    }
    if (unsignedPayload) {
      added.add(Map.entry("X-Amz-Content-SHA256", UNSIGNED_PAYLOAD));
    }
    List<String> replaced = new ArrayList<>(List.of("Authorization", "X-Amz-Date"));
    replaced.add("X-Amz-Security-Token");
    if (unsignedPayload) {
      replaced.add("X-Amz-Content-SHA256");
    }
    SigV4Request dated = request.withHeaders(replaced, added);
    CredentialScope scope = scope(amzDate, region, service);
    List<String> signedHeaders = signedHeaders(dated);
    String signature = signature(dated, signedHeaders, scope, amzDate, service);
    String authorization =
        StringToSign.ALGORITHM
            + " Credential="
            + accessKeyId
            + '/'
            + scope.scope()
            + ", SignedHeaders="
            + String.join(";", signedHeaders)
            + ", Signature="
            + signature;
    return dated.withHeaders(List.of(), List.of(Map.entry("Authorization", authorization)));
  }

  /**
   * Returns {@code request} with the presigned parameters appended to its query in botocore's
   * order, {@code X-Amz-Signature} last.
   */
  public SigV4Request presign(
      SigV4Request request, String region, String service, Instant time, Duration expires) {
    String amzDate = AmzDate.format(time);
    CredentialScope scope = scope(amzDate, region, service);
    List<String> signedHeaders = signedHeaders(request);
    StringBuilder query = new StringBuilder(request.rawQuery());
    appendParam(query, SignatureMaterial.X_AMZ_ALGORITHM, StringToSign.ALGORITHM);
    appendParam(query, SignatureMaterial.X_AMZ_CREDENTIAL, accessKeyId + '/' + scope.scope());
    appendParam(query, SignatureMaterial.X_AMZ_DATE, amzDate);
    appendParam(query, SignatureMaterial.X_AMZ_EXPIRES, Long.toString(expires.toSeconds()));
    appendParam(query, SignatureMaterial.X_AMZ_SIGNED_HEADERS, String.join(";", signedHeaders));
    if (sessionToken != null) {
      appendParam(query, CanonicalRequest.SECURITY_TOKEN_PARAM, sessionToken);
    }
    SigV4Request unsigned = request.withRawQuery(query.toString());
    String signature = signature(unsigned, signedHeaders, scope, amzDate, service);
    appendParam(query, SignatureMaterial.X_AMZ_SIGNATURE, signature);
    return request.withRawQuery(query.toString());
  }

  private String signature(
      SigV4Request request,
      List<String> signedHeaders,
      CredentialScope scope,
      String amzDate,
      String service) {
    CanonicalRequest canonical = CanonicalRequest.of(request, signedHeaders, !"s3".equals(service));
    String stringToSign = StringToSign.of(amzDate, scope.scope(), canonical.hash());
    byte[] key = SigningKey.derive(secretAccessKey, scope.date(), scope.region(), scope.service());
    return SigningKey.sign(key, stringToSign);
  }

  private CredentialScope scope(String amzDate, String region, String service) {
    return new CredentialScope(
        accessKeyId, amzDate.substring(0, 8), region, service, CredentialScope.TERMINATOR);
  }

  private static List<String> signedHeaders(SigV4Request request) {
    Set<String> names = new TreeSet<>();
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!UNSIGNED_HEADERS.contains(name)) {
        names.add(name);
      }
    }
    if (!names.contains("host")) {
      throw new IllegalArgumentException("request has no Host header (expected: the Host to send)");
    }
    return List.copyOf(names);
  }

  private static void appendParam(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(name).append('=').append(UriEncoding.encode(value, false));
  }

  @Override
  public String toString() {
    return "SigV4Signer[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
  }
}
