package dev.turnpike.integration.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** API Gateway's header rules for HTTP and HTTP_PROXY integrations. */
class IntegrationHeadersTest {
  private static final String API = "a1b2c3d4e5";
  private static final String TRACE = "Root=1-5e1b4151-5ac6c58f3b2b2d0d2d0e1f00";
  private static final URI BACKEND = URI.create("https://backend.example.com/pets?x=1");

  @Test
  void forProxyRequest_alwaysDroppedHeaders_areNotForwarded() {
    // Spec 6.7 (LS header_utils.py, recorded header remapping): dropped request headers.
    HttpHeaders client = new DefaultHttpHeaders();
    for (String name :
        List.of(
            "Connection",
            "Content-Length",
            "Content-MD5",
            "Expect",
            "Max-Forwards",
            "Proxy-Authenticate",
            "Server",
            "TE",
            "Transfer-Encoding",
            "Trailer",
            "Upgrade",
            "WWW-Authenticate")) {
      client.add(name, "v");
    }
    client.add("content-length", "3").add("X-Custom", "kept");

    HttpHeaders sent = IntegrationHeaders.forProxyRequest(client, API, TRACE, BACKEND);

    assertThat(names(sent))
        .containsExactlyInAnyOrder(
            "X-Custom", "Host", "User-Agent", "X-Amzn-Apigateway-Api-Id", "X-Amzn-Trace-Id");
  }

  @Test
  void forProxyRequest_sigV4Authorization_isDropped() {
    // Spec 6.7 [DOC known-issues]: a SigV4 Authorization header is not passed to the backend.
    HttpHeaders client =
        new DefaultHttpHeaders()
            .add(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/"
                    + "execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc");

    HttpHeaders sent = IntegrationHeaders.forProxyRequest(client, API, TRACE, BACKEND);

    assertThat(sent.contains("Authorization")).isFalse();
  }

  @Test
  void forProxyRequest_bearerAuthorization_isForwarded() {
    HttpHeaders client = new DefaultHttpHeaders().add("Authorization", "Bearer token");

    HttpHeaders sent = IntegrationHeaders.forProxyRequest(client, API, TRACE, BACKEND);

    assertThat(sent.get("Authorization")).isEqualTo("Bearer token");
  }

  @Test
  void forProxyRequest_noClientUserAgent_addsAmazonApiGatewayUserAgent() {
    // Spec 6.7 [REC LS header remapping]: User-Agent AmazonAPIGateway_<apiId> when none was sent.
    HttpHeaders sent =
        IntegrationHeaders.forProxyRequest(new DefaultHttpHeaders(), API, TRACE, BACKEND);

    assertThat(sent.get("User-Agent")).isEqualTo("AmazonAPIGateway_" + API);
  }

  @Test
  void forProxyRequest_clientUserAgent_isKept() {
    HttpHeaders client = new DefaultHttpHeaders().add("user-agent", "curl/8.5.0");

    HttpHeaders sent = IntegrationHeaders.forProxyRequest(client, API, TRACE, BACKEND);

    assertThat(sent.getAll("User-Agent")).containsExactly("curl/8.5.0");
  }

  @Test
  void forProxyRequest_anyRequest_addsApiIdTraceIdAndBackendHost() {
    // Spec 6.7 [REC]: X-Amzn-Apigateway-Api-Id and X-Amzn-Trace-Id added; Host is the backend's.
    HttpHeaders client =
        new DefaultHttpHeaders()
            .add("Host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com")
            .add("X-Amzn-Trace-Id", "Root=client");

    HttpHeaders sent = IntegrationHeaders.forProxyRequest(client, API, TRACE, BACKEND);

    assertThat(sent.getAll("Host")).containsExactly("backend.example.com");
    assertThat(sent.getAll("X-Amzn-Apigateway-Api-Id")).containsExactly(API);
    assertThat(sent.getAll("X-Amzn-Trace-Id")).containsExactly(TRACE);
  }

  @Test
  void forProxyRequest_nonDefaultPort_hostHeaderCarriesPort() {
    HttpHeaders sent =
        IntegrationHeaders.forProxyRequest(
            new DefaultHttpHeaders(), API, TRACE, URI.create("http://10.0.0.7:8080/x"));

    assertThat(sent.get("Host")).isEqualTo("10.0.0.7:8080");
  }

  @Test
  void forHttpRequest_noParameterMappings_sendsExactlyTheSixGatewayHeaders() {
    // Spec C34 [REC LS test_apigateway_header_remapping_http[HTTP], no-param-integration].
    HttpHeaders sent = IntegrationHeaders.forHttpRequest(API, TRACE, BACKEND, 0);

    assertThat(toMap(sent))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Accept",
                "application/json",
                "Content-Length",
                "0",
                "Host",
                "backend.example.com",
                "User-Agent",
                "AmazonAPIGateway_" + API,
                "X-Amzn-Apigateway-Api-Id",
                API,
                "X-Amzn-Trace-Id",
                TRACE));
  }

  @Test
  void forHttpRequest_negativeContentLength_isRejected() {
    assertThatThrownBy(() -> IntegrationHeaders.forHttpRequest(API, TRACE, BACKEND, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contentLength: -1 (expected: >= 0)");
  }

  @Test
  void forClientResponse_connectionContentLengthDateServer_areRemapped() {
    // Spec C35 [REC LS test_apigateway_header_remapping_http[HTTP_PROXY]].
    HttpHeaders backend =
        new DefaultHttpHeaders()
            .add("Connection", "keep-alive")
            .add("Content-Length", "2")
            .add("Date", "Wed, 25 Nov 2026 10:00:00 GMT")
            .add("Server", "nginx");

    HttpHeaders client = IntegrationHeaders.forClientResponse(backend);

    assertThat(toMap(client))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "x-amzn-Remapped-Connection", "keep-alive",
                "x-amzn-Remapped-Content-Length", "2",
                "x-amzn-Remapped-Date", "Wed, 25 Nov 2026 10:00:00 GMT",
                "x-amzn-Remapped-Server", "nginx"));
  }

  @Test
  void forClientResponse_amznRequestId_isRemappedKeepingBackendCase() {
    // Spec C37 [REC LS test_http_proxy_integration_request_data_mappings].
    HttpHeaders backend = new DefaultHttpHeaders().add("x-amzn-requestid", "backend-id");

    HttpHeaders client = IntegrationHeaders.forClientResponse(backend);

    assertThat(names(client)).containsExactly("x-amzn-Remapped-x-amzn-requestid");
    assertThat(client.get("x-amzn-remapped-x-amzn-requestid")).isEqualTo("backend-id");
  }

  @Test
  void forClientResponse_headersApiGatewayPasses_arePassedUnchanged() {
    // Spec 6.7 [REC]: Accept*, Age, Content-Encoding, Content-Type, Pragma, ... pass through.
    HttpHeaders backend =
        new DefaultHttpHeaders()
            .add("Content-Type", "application/json")
            .add("Content-Encoding", "gzip")
            .add("Age", "3")
            .add("Set-Cookie", "a=1")
            .add("Set-Cookie", "b=2")
            .add("X-Custom", "v");

    HttpHeaders client = IntegrationHeaders.forClientResponse(backend);

    assertThat(client.get("Content-Type")).isEqualTo("application/json");
    assertThat(client.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(names(client))
        .containsExactlyInAnyOrder(
            "Content-Type", "Content-Encoding", "Age", "Set-Cookie", "X-Custom");
  }

  @Test
  void forClientResponse_transferEncoding_isDropped() {
    HttpHeaders backend = new DefaultHttpHeaders().add("Transfer-Encoding", "chunked");

    assertThat(IntegrationHeaders.forClientResponse(backend).isEmpty()).isTrue();
  }

  private static List<String> names(HttpHeaders headers) {
    return headers.names().stream().sorted().collect(Collectors.toList());
  }

  private static Map<String, String> toMap(HttpHeaders headers) {
    return headers.entries().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
