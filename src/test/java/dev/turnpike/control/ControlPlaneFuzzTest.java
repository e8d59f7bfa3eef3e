package dev.turnpike.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.testkit.ControlPlaneDriver;
import dev.turnpike.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 fuzzing: mutated JSON bodies of the apigateway control plane's write operations (REST
 * APIs and patch operations, resources, methods, integrations and their responses, deployments,
 * stages, API keys, usage plans, authorizers, gateway responses, models) against a real embedded
 * store. Each is stored or refused with an AWS-shaped 4xx; no other exception escapes (the control
 * plane would answer it with a 500), and the store still answers afterwards.
 */
class ControlPlaneFuzzTest {
  @TempDir Path dir;

  @Test
  void mutatedBodies_storedOrRefusedWith4xx() {
    try (ControlPlaneDriver cp = new ControlPlaneDriver(dir)) {
      String[] api = cp.createApi();
      String id = api[0];
      String res = cp.createResource(id, api[1], "pets");
      String m = "/restapis/" + id + "/resources/" + res + "/methods/GET";
      cp.mockMethod(id, res, "GET", "{\"statusCode\": 200}", "{}");
      String[][] ops = {
        {
          "POST",
          "/restapis",
          "{\"name\":\"n\",\"description\":\"d\",\"binaryMediaTypes\":[\"image/png\"],"
              + "\"endpointConfiguration\":{\"types\":[\"REGIONAL\"]},\"tags\":{\"k\":\"v\"},"
              + "\"minimumCompressionSize\":10}"
        },
        {
          "PATCH",
          "/restapis/" + id,
          "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/name\","
              + "\"value\":\"x\"},{\"op\":\"add\",\"path\":\"/binaryMediaTypes/image~1jpeg\"}]}"
        },
        {"POST", "/restapis/" + id + "/resources/" + api[1], "{\"pathPart\":\"{proxy+}\"}"},
        {
          "PUT",
          m.replace("GET", "POST"),
          "{\"authorizationType\":\"NONE\",\"apiKeyRequired\":true,"
              + "\"requestParameters\":{\"method.request.header.x\":true}}"
        },
        {
          "PUT",
          m + "/integration",
          "{\"type\":\"HTTP\",\"httpMethod\":\"GET\",\"uri\":"
              + "\"http://example.com/{x}\",\"requestParameters\":{\"integration.request.header.y\":"
              + "\"method.request.header.x\"},\"timeoutInMillis\":1000}"
        },
        {
          "PUT",
          m + "/integration/responses/200",
          "{\"selectionPattern\":\"4\\\\d{2}\","
              + "\"responseTemplates\":{\"application/json\":\"$input.json('$')\"}}"
        },
        {
          "POST",
          "/restapis/" + id + "/deployments",
          "{\"stageName\":\"s\",\"variables\":{\"a\":\"b\"}}"
        },
        {
          "POST", "/apikeys", "{\"name\":\"k\",\"enabled\":true,\"value\":\"abcdefghijklmnopqrst\"}"
        },
        {
          "POST",
          "/usageplans",
          "{\"name\":\"p\",\"throttle\":{\"rateLimit\":10,\"burstLimit\":5},"
              + "\"quota\":{\"limit\":100,\"period\":\"DAY\"}}"
        },
        {
          "POST",
          "/restapis/" + id + "/authorizers",
          "{\"name\":\"a\",\"type\":\"TOKEN\","
              + "\"authorizerUri\":\"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
              + "arn:aws:lambda:us-east-1:123456789012:function:f/invocations\","
              + "\"identitySource\":\"method.request.header.Authorization\"}"
        },
        {
          "PUT",
          "/restapis/" + id + "/gatewayresponses/DEFAULT_4XX",
          "{\"statusCode\":\"418\","
              + "\"responseParameters\":{\"gatewayresponse.header.x\":\"'y'\"}}"
        },
        {
          "POST",
          "/restapis/" + id + "/models",
          "{\"name\":\"M\",\"contentType\":\"application/json\","
              + "\"schema\":\"{\\\"type\\\":\\\"object\\\"}\"}"
        }
      };
      Fuzz.seeded()
          .run(
              f -> {
                String[] op = f.oneOf(ops);
                return new String[] {op[0], op[1], f.mutate(op[2], 3)};
              },
              call -> {
                ControlResponse r = cp.raw(call[0], call[1], call[2]);
                assertThat(r.status())
                    .as(
                        "%s %s → %s",
                        call[0], call[1], new String(r.body(), StandardCharsets.UTF_8))
                    .isLessThan(500);
              });
      assertThat(cp.raw("GET", "/restapis/" + id, "").status()).isEqualTo(200);
    }
  }
}
