package dev.turnpike.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Runtime API's calls, status codes and bodies over a real socket.
 *
 * <p>AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 */
class RuntimeApiServerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);

  private final HttpClient client = HttpClient.newHttpClient();
  private RuntimeApiServer server;
  private RuntimeEndpoint endpoint;

  @BeforeEach
  void start() {
    server = RuntimeApiServer.start(CLOCK);
    endpoint = server.register();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String base(RuntimeEndpoint e) {
    return "http://" + server.address(e) + "/2018-06-01/runtime";
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, byte[] body)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Lambda-Runtime-Function-Error-Type", "Unhandled")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Invocation invocation(String id) {
    return new Invocation(
        id,
        "{\"k\":1}".getBytes(StandardCharsets.UTF_8),
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "Root=1-5e1b4151-5ac6c58f5b5d6e4a1c2b3d4e;Parent=1a2b3c4d5e6f7a8b;Sampled=0",
        3000,
        "{\"custom\":{}}",
        null);
  }

  @Test
  void next_offeredInvocation_returnsEventWithRuntimeHeaders() throws Exception {
    endpoint.offer(invocation("id-1"));

    HttpResponse<String> next = get(base(endpoint) + "/invocation/next");

    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEqualTo("{\"k\":1}");
    assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("id-1");
    assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms")).hasValue("1003000");
    assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
        .hasValue("arn:aws:lambda:us-east-1:123456789012:function:f");
    assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).isPresent();
    assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context"))
        .hasValue("{\"custom\":{}}");
    assertThat(next.headers().firstValue("Lambda-Runtime-Cognito-Identity")).isEmpty();
  }

  @Test
  void next_beforeAnyInvocation_waitsForTheOffer() throws Exception {
    var parked =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create(base(endpoint) + "/invocation/next")).build(),
            HttpResponse.BodyHandlers.ofString());
    endpoint.initDone.join(); // the long-poll has arrived
    assertThat(parked).isNotDone();

    endpoint.offer(invocation("id-2"));

    assertThat(parked.join().headers().firstValue("Lambda-Runtime-Aws-Request-Id"))
        .hasValue("id-2");
  }

  @Test
  void response_currentId_returns202AndCompletesTheInvocation() throws Exception {
    Invocation inv = invocation("id-3");
    endpoint.offer(inv);
    get(base(endpoint) + "/invocation/next");

    HttpResponse<String> r = post(base(endpoint) + "/invocation/id-3/response", bytes("42"));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEqualTo("{\"status\":\"OK\"}");
    assertThat(new String(inv.reply.join().body(), StandardCharsets.UTF_8)).isEqualTo("42");
    assertThat(inv.reply.join().error()).isFalse();
  }

  @Test
  void error_currentId_returns202WithTheErrorTypeHeader() throws Exception {
    Invocation inv = invocation("id-4");
    endpoint.offer(inv);
    get(base(endpoint) + "/invocation/next");

    HttpResponse<String> r =
        post(base(endpoint) + "/invocation/id-4/error", bytes("{\"errorMessage\":\"x\"}"));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(inv.reply.join().error()).isTrue();
    assertThat(inv.reply.join().errorTypeHeader()).isEqualTo("Unhandled");
  }

  @Test
  void response_unknownId_returns400InvalidRequestId() throws Exception {
    endpoint.offer(invocation("id-5"));
    get(base(endpoint) + "/invocation/next");

    HttpResponse<String> r = post(base(endpoint) + "/invocation/other/response", bytes("1"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"errorType\":\"InvalidRequestID\"");
  }

  @Test
  void response_noInvocationInFlight_returns403InvalidStateTransition() throws Exception {
    HttpResponse<String> r = post(base(endpoint) + "/invocation/id-6/response", bytes("1"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("\"errorType\":\"InvalidStateTransition\"");
  }

  @Test
  void response_overSixMebibytes_returns413AndFailsTheInvocation() throws Exception {
    Invocation inv = invocation("id-7");
    endpoint.offer(inv);
    get(base(endpoint) + "/invocation/next");

    HttpResponse<String> r =
        post(
            base(endpoint) + "/invocation/id-7/response",
            new byte[RuntimeApiServer.MAX_RESPONSE_BYTES + 1]);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(new String(inv.reply.join().body(), StandardCharsets.UTF_8))
        .contains("Function.ResponseSizeTooLarge");
  }

  @Test
  void initError_afterFirstNext_returns403() throws Exception {
    endpoint.offer(invocation("id-8"));
    get(base(endpoint) + "/invocation/next");

    HttpResponse<String> r = post(base(endpoint) + "/init/error", bytes("{}"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(endpoint.initError).isNotDone();
  }

  @Test
  void initError_beforeFirstNext_returns202() throws Exception {
    HttpResponse<String> r = post(base(endpoint) + "/init/error", bytes("{\"errorType\":\"x\"}"));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(endpoint.initError.join().error()).isTrue();
  }

  @Test
  void next_anotherInstancesPrefix_cannotFetchItsInvocation() throws Exception {
    RuntimeEndpoint other = server.register();
    endpoint.offer(invocation("id-9"));

    var stranger =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create(base(other) + "/invocation/next")).build(),
            HttpResponse.BodyHandlers.ofString());
    other.initDone.join(); // the other instance's long-poll is parked
    HttpResponse<String> unknown =
        get("http://127.0.0.1:" + server.port() + "/nope/2018-06-01/runtime/invocation/next");
    HttpResponse<String> own = get(base(endpoint) + "/invocation/next");

    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(own.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("id-9");
    assertThat(stranger).isNotDone();
    HttpResponse<String> answer = post(base(other) + "/invocation/id-9/response", bytes("1"));
    assertThat(answer.statusCode()).isEqualTo(403);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
