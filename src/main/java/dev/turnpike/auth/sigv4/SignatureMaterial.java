package dev.turnpike.auth.sigv4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The SigV4 fields of a request, from the {@code Authorization} header or the presigned query,
 * after the structural checks of §4.3 rows 2–4 and 16.
 *
 * @param algorithm the algorithm token, not yet checked
 * @param credential the raw {@code Credential} value
 * @param signedHeaders the {@code SignedHeaders} names in the order the client listed them
 * @param signature the hex signature the client sent
 * @param date the raw request time ({@code X-Amz-Date}, or the {@code Date} header)
 * @param dateHeader true when {@code date} came from the {@code Date} header
 * @param expires the raw {@code X-Amz-Expires} (presigned only), or null
 * @param securityToken the session token the request carries, or null
 * @param presigned true for the query form
 */
record SignatureMaterial(
    String algorithm,
    String credential,
    List<String> signedHeaders,
    String signature,
    String date,
    boolean dateHeader,
    @Nullable String expires,
    @Nullable String securityToken,
    boolean presigned) {

  static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
  static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
  static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
  static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
  static final String X_AMZ_DATE = "X-Amz-Date";
  static final String X_AMZ_EXPIRES = "X-Amz-Expires";

  /** Reads the Authorization header; the caller made sure there is one. */
  static SignatureMaterial fromHeader(SigV4Request request, String header) {
    int space = header.indexOf(' ');
    String algorithm = space < 0 ? header : header.substring(0, space);
    if (algorithm.indexOf('=') >= 0) {
      throw new SigV4Exception(SigV4Error.algorithmHasEqualSign());
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String element : (space < 0 ? "" : header.substring(space + 1)).split(",")) {
      String trimmed = element.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq < 0) {
        throw new SigV4Exception(SigV4Error.missingEqualSign(Crypto.sha256Base64(header)));
      }
      String value = trimmed.substring(eq + 1).trim();
      switch (trimmed.substring(0, eq).trim()) {
        case "Credential" -> credential = value;
        case "SignedHeaders" -> signedHeaders = value;
        case "Signature" -> signature = value;
        default -> {} // AWS ignores unknown elements
      }
    }
    String amzDate = request.header(X_AMZ_DATE);
    String date = amzDate != null ? amzDate : request.header("Date");
    List<String> missing = new ArrayList<>(4);
    if (credential == null || credential.isEmpty()) {
      missing.add("Authorization header requires 'Credential' parameter.");
    }
    if (signature == null || signature.isEmpty()) {
      missing.add("Authorization header requires 'Signature' parameter.");
    }
    if (signedHeaders == null) {
      missing.add("Authorization header requires 'SignedHeaders' parameter.");
    }
    if (date == null) {
      missing.add(
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (credential == null
        || signature == null
        || signedHeaders == null
        || date == null
        || !missing.isEmpty()) {
      throw new SigV4Exception(SigV4Error.missingAuthorizationParts(missing, header));
    }
    return new SignatureMaterial(
        algorithm,
        credential,
        split(signedHeaders),
        signature,
        date,
        amzDate == null,
        null,
        request.header(CanonicalRequest.SECURITY_TOKEN_HEADER),
        false);
  }

  /** Reads the presigned query parameters. */
  static SignatureMaterial fromQuery(SigV4Request request, QueryParameters query) {
    String algorithm = query.first(X_AMZ_ALGORITHM);
    String credential = query.first(X_AMZ_CREDENTIAL);
    String signature = query.first(X_AMZ_SIGNATURE);
    String signedHeaders = query.first(X_AMZ_SIGNED_HEADERS);
    String date = query.first(X_AMZ_DATE);
    if (algorithm == null
        || credential == null
        || signature == null
        || signedHeaders == null
        || date == null) {
      List<String> missing = new ArrayList<>(5);
      String[][] named = {
        {X_AMZ_ALGORITHM, algorithm},
        {X_AMZ_CREDENTIAL, credential},
        {X_AMZ_SIGNATURE, signature},
        {X_AMZ_SIGNED_HEADERS, signedHeaders},
        {X_AMZ_DATE, date}
      };
      for (String[] pair : named) {
        if (pair[1] == null) {
          missing.add(pair[0]);
        }
      }
      throw new SigV4Exception(SigV4Error.missingQueryParameters(missing));
    }
    String token = query.first(CanonicalRequest.SECURITY_TOKEN_PARAM);
    return new SignatureMaterial(
        algorithm,
        credential,
        split(signedHeaders),
        signature,
        date,
        false,
        query.first(X_AMZ_EXPIRES),
        token != null ? token : request.header(CanonicalRequest.SECURITY_TOKEN_HEADER),
        true);
  }

  boolean signsHeader(String name) {
    for (String h : signedHeaders) {
      if (h.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    // The session token stays out of every log line.
    return "SignatureMaterial[algorithm="
        + algorithm
        + ", credential="
        + credential
        + ", signedHeaders="
        + signedHeaders
        + ", date="
        + date
        + ", presigned="
        + presigned
        + ", securityToken="
        + (securityToken == null ? "null" : "****")
        + ']';
  }

  private static List<String> split(String signedHeaders) {
    return signedHeaders.isEmpty() ? List.of() : Arrays.asList(signedHeaders.split(";", -1));
  }
}
