package dev.turnpike.control.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagOperationsTest {
  @TempDir Path dir;
  ControlPlaneFixture cp;
  String api;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    String[] ids = cp.newApi();
    api = ids[0];
    cp.mockMethod(api, ids[1]);
    cp.call("POST", "/restapis/" + api + "/deployments", "{\"stageName\":\"dev\"}").ok(201);
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  private static String tags(String arn) {
    return "/tags/" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
  }

  @Test
  void tagResource_restApi_showsOnGetTagsAndGetRestApi() {
    String arn = "arn:aws:apigateway:us-east-1::/restapis/" + api;
    assertThat(cp.call("PUT", tags(arn), "{\"tags\":{\"team\":\"a\",\"env\":\"dev\"}}").status())
        .isEqualTo(204);
    assertThat(cp.call("GET", tags(arn)).ok(200).get("tags").get("team").asText()).isEqualTo("a");
    assertThat(cp.call("GET", "/restapis/" + api).ok(200).get("tags").get("env").asText())
        .isEqualTo("dev");
  }

  @Test
  void untagResource_repeatedKeys_removesEach() {
    String arn = "arn:aws:apigateway:us-east-1::/restapis/" + api + "/stages/dev";
    cp.call("PUT", tags(arn), "{\"tags\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}");
    assertThat(cp.call("DELETE", tags(arn), "", Map.of("tagKeys", List.of("a", "b"))).status())
        .isEqualTo(204);
    assertThat(cp.call("GET", "/restapis/" + api + "/stages/dev").ok(200).get("tags").fieldNames())
        .toIterable()
        .containsExactly("c");
  }

  @Test
  void getTags_untagged_returnsEmptyMap() {
    assertThat(
            cp.call("GET", tags("arn:aws:apigateway:us-east-1::/restapis/" + api))
                .ok(200)
                .get("tags"))
        .isEmpty();
  }

  @Test
  void tagResource_unknownArn_returnsNotFound() {
    assertThat(
            cp.call(
                    "PUT",
                    tags("arn:aws:apigateway:us-east-1::/restapis/zzzzzzzzzz"),
                    "{\"tags\":{}}")
                .status())
        .isEqualTo(404);
    assertThat(cp.call("GET", tags("arn:aws:apigateway:us-east-1::/domainnames/x")).status())
        .isEqualTo(404);
    assertThat(
            cp.call("GET", tags("arn:aws:apigateway:us-east-1::/restapis/" + api + "/stages/none"))
                .status())
        .isEqualTo(404);
  }
}
