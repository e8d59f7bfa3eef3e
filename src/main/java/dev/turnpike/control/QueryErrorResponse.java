package dev.turnpike.control;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one writer of AWS's Query-protocol error body, as {@code iam} and {@code sts} answer it (and
 * the control plane's SigV4 refusals of their calls): {@code <ErrorResponse
 * xmlns=…><Error><Type>Sender|Receiver</Type>
 * <Code/><Message/></Error><RequestId/></ErrorResponse>}, {@code text/xml}, the request id also in
 * {@code x-amzn-RequestId} (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
 */
public final class QueryErrorResponse {
  public static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
  public static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private QueryErrorResponse() {}

  /**
   * {@code e} as an {@code ErrorResponse} in namespace {@code ns}: Receiver for a 5xx, Sender
   * otherwise.
   */
  public static ControlResponse of(String ns, ApiException e, String requestId) {
    String type = e.status() >= 500 ? "Receiver" : "Sender";
    String body =
        "<ErrorResponse xmlns=\""
            + ns
            + "\">\n  <Error>\n    <Type>"
            + type
            + "</Type>\n    <Code>"
            + escape(e.errorType())
            + "</Code>\n    <Message>"
            + escape(e.getMessage())
            + "</Message>\n  </Error>\n"
            + "  <RequestId>"
            + requestId
            + "</RequestId>\n</ErrorResponse>\n";
    return xml(e.status(), body, requestId);
  }

  /** A Query-protocol XML body with its request id. */
  public static ControlResponse xml(int status, String body, String requestId) {
    return new ControlResponse(
        status,
        Map.of("Content-Type", "text/xml", "x-amzn-RequestId", requestId),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** XML-escapes {@code s} for an element's text or an attribute. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
