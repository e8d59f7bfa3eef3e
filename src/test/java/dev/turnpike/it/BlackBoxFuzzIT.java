package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.testkit.Fuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Issue 22, black-box fuzzing of a live server: mutated requests (methods, targets, headers,
 * framing, bodies, an {@code Authorization} header) on raw sockets against a real Turnpike with a
 * MOCK method and an HTTP_PROXY one to a healthy backend. Each connection is half-closed after its
 * bytes, so a request the mutation left incomplete ends at once. Invariants: the gateway never
 * answers 5xx (nothing here has a documented one: the backend is healthy), never writes something
 * that is not an HTTP/1.1 status line, and answers a clean request afterwards; {@link
 * TurnpikeProcess#close} then fails on any buffer leak Netty reported. Bounded in the IT suite;
 * {@code -Dturnpike.fuzz.tries=100000} is the full run (docs/reliability.md).
 */
class BlackBoxFuzzIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static RecordingBackend backend;
  static TurnpikeProcess turnpike;
  static String host;

  @BeforeAll
  static void start() throws Exception {
    backend = RecordingBackend.start();
    turnpike =
        TurnpikeProcess.start(tmp.resolve("data"), "--header-timeout", "2", "--body-timeout", "2");
    ApiGatewayClient sdk = Sdk.connect(turnpike);
    var api = sdk.createRestApi(r -> r.name("blackbox"));
    String proxy =
        sdk.createResource(
                r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("{p+}"))
            .id();
    sdk.putMethod(
        r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(api.id())
                .resourceId(proxy)
                .httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY)
                .integrationHttpMethod("ANY")
                .uri("http://127.0.0.1:" + backend.port() + "/{p}")
                .requestParameters(Map.of("integration.request.path.p", "method.request.path.p")));
    String mock =
        sdk.createResource(
                r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("mock"))
            .id();
    sdk.putMethod(
        r -> r.restApiId(api.id()).resourceId(mock).httpMethod("ANY").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(api.id())
                .resourceId(mock)
                .httpMethod("ANY")
                .type(IntegrationType.MOCK)
                // NEVER: a mutated Content-Type is 415, not a body without statusCode (AWS's
                // documented 500 configuration error, which is not what this test looks for)
                .passthroughBehavior("NEVER")
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    sdk.putMethodResponse(
        r -> r.restApiId(api.id()).resourceId(mock).httpMethod("ANY").statusCode("200"));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(api.id())
                .resourceId(mock)
                .httpMethod("ANY")
                .statusCode("200")
                .responseTemplates(
                    Map.of(
                        "application/json",
                        "{\"q\": \"$input.params('q')\", \"b\": $input.json('$')}")));
    sdk.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    host = Invoke.host(api.id(), turnpike.httpPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  private static String[] valid() {
    return new String[] {
      "GET /prod/mock?q=1&r=%20x HTTP/1.1\r\nHost: " + host + "\r\nAccept: */*\r\n\r\n",
      "POST /prod/mock HTTP/1.1\r\nHost: "
          + host
          + "\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\": [1, 2]}",
      "PUT /prod/a/b/c?x=%C3%A9 HTTP/1.1\r\nHost: "
          + host
          + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
      "DELETE /prod/items/1 HTTP/1.1\r\nHost: "
          + host
          + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/"
          + "execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef\r\n"
          + "X-Amz-Date: 20260101T000000Z\r\nx-api-key: k\r\n\r\n",
      "GET /prod/mock HTTP/1.1\r\nHost: "
          + host
          + "\r\n\r\nGET /prod/x HTTP/1.1\r\nHost: "
          + host
          + "\r\n\r\n"
    };
  }

  private static String exchange(byte[] request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), turnpike.httpPort())) {
      s.setSoTimeout(10_000);
      try {
        s.getOutputStream().write(request);
        s.shutdownOutput();
      } catch (IOException refusedMidWrite) {
        // the server answered and closed first
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) != -1) {
          b.write(buf, 0, n);
        }
      } catch (IOException reset) {
        // what was read counts
      }
      return b.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void mutatedRequests_issue22_noGateway5xxAndStillServing() throws Exception {
    String[] valid = valid();
    Fuzz fuzz = Fuzz.seeded();
    int tries = Fuzz.tries();
    byte[][] inputs = new byte[tries][];
    for (int i = 0; i < tries; i++) {
      inputs[i] = fuzz.mutate(fuzz.oneOf(valid).getBytes(StandardCharsets.ISO_8859_1), 4);
    }
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Map<String, String> bad = new ConcurrentHashMap<>();
    Pattern status = Pattern.compile("(?m)^HTTP/1\\.1 (\\d{3}) ");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (byte[] input : inputs) {
      pool.submit(
          () -> {
            try {
              String answer = exchange(input);
              if (!answer.isEmpty() && !answer.startsWith("HTTP/1.1 ")) {
                bad.putIfAbsent("not a status line", answer);
              }
              Matcher m = status.matcher(answer);
              while (m.find()) {
                int code = Integer.parseInt(m.group(1));
                statuses.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                if (code >= 500) {
                  bad.putIfAbsent(
                      "status " + code,
                      new String(input, StandardCharsets.ISO_8859_1) + "\n→ " + answer);
                }
              }
              if (answer.isEmpty()) {
                statuses.computeIfAbsent(0, k -> new AtomicInteger()).incrementAndGet();
              }
            } catch (IOException e) {
              bad.putIfAbsent("io " + e, new String(input, StandardCharsets.ISO_8859_1));
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.MINUTES)).isTrue();
    Map<Integer, Integer> counts = new TreeMap<>();
    statuses.forEach((k, v) -> counts.put(k, v.get()));
    System.out.println(
        "BlackBoxFuzzIT: " + tries + " mutated requests; responses by status (0: none): " + counts);
    assertThat(bad).as("gateway 5xx or garbage (statuses %s)", counts).isEmpty();
    String clean = exchange(valid[0].getBytes(StandardCharsets.ISO_8859_1));
    assertThat(clean).startsWith("HTTP/1.1 200 ");
  }
}
