package dev.turnpike.integration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.turnpike.pipeline.GatewayReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payload 2.0 responses (spec 6.6, C82). */
class HttpApiLambdaResponseTest {
  private static GatewayReply reply(String payload) {
    GatewayReply r = HttpApiLambdaResponse.v2(payload.getBytes(StandardCharsets.UTF_8));
    assertNotNull(r, payload);
    return r;
  }

  private static String body(GatewayReply r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void anObjectWithoutStatusCodeIsA200JsonBody() { // C82
    GatewayReply r = reply("{\"message\":\"Hello\"}");
    assertEquals(200, r.status());
    assertEquals("application/json", r.headers().get("Content-Type"));
    assertEquals("{\"message\":\"Hello\"}", body(r));
  }

  @Test
  void otherJsonIsInferredToo() {
    assertEquals("hello", body(reply("\"hello\"")));
    assertEquals("[1,2]", body(reply("[1,2]")));
    assertEquals("42", body(reply("42")));
  }

  @Test
  void theFullFormSetsStatusHeadersCookiesAndBody() {
    GatewayReply r =
        reply(
            "{\"statusCode\":201,\"headers\":{\"x-a\":\"1\",\"content-type\":\"text/plain\"},"
                + "\"cookies\":[\"a=1\",\"b=2; Path=/\"],\"body\":\"ok\"}");
    assertEquals(201, r.status());
    assertEquals("1", r.headers().get("x-a"));
    assertEquals("text/plain", r.headers().get("Content-Type"));
    assertEquals(List.of("a=1", "b=2; Path=/"), r.headers().getAll("Set-Cookie"));
    assertEquals("ok", body(r));
  }

  @Test
  void base64BodiesAreDecoded() {
    GatewayReply r = reply("{\"statusCode\":200,\"body\":\"aGk=\",\"isBase64Encoded\":true}");
    assertEquals("hi", body(r));
    assertEquals("application/json", r.headers().get("Content-Type"));
  }

  @Test
  void malformedResultsAreRefused() {
    assertNull(HttpApiLambdaResponse.v2("not json".getBytes(StandardCharsets.UTF_8)));
    assertNull(
        HttpApiLambdaResponse.v2("{\"statusCode\":\"abc\"}".getBytes(StandardCharsets.UTF_8)));
    assertNull(
        HttpApiLambdaResponse.v2(
            "{\"statusCode\":200,\"headers\":{\"x\":{\"y\":1}}}".getBytes(StandardCharsets.UTF_8)));
    assertNull(
        HttpApiLambdaResponse.v2(
            "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}"
                .getBytes(StandardCharsets.UTF_8)));
  }
}
