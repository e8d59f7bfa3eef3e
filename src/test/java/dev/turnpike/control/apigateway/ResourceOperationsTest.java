package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UpdateResource's answers, as LocalStack recorded them against AWS
 * (test_update_resource_behaviour, _on_root).
 */
class ResourceOperationsTest {
  @TempDir Path dir;
  ControlPlaneFixture cp;
  String api;
  String root;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    String[] ids = cp.newApi();
    api = ids[0];
    root = ids[1];
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  private String resource(String id) {
    return "/restapis/" + api + "/resources/" + id;
  }

  @Test
  void updateResource_replacePathPart_movesPath() {
    String pets = cp.newResource(api, root, "pets");
    var body = cp.call("PATCH", resource(pets), patch("replace", "/pathPart", "dogs")).ok(200);
    assertThat(body.get("path").asText()).isEqualTo("/dogs");
  }

  @Test
  void updateResource_unknownPath_badRequestListingBoth() {
    String pets = cp.newResource(api, root, "pets");
    var r = cp.call("PATCH", resource(pets), patch("replace", "/invalid", "x"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message())
        .isEqualTo(
            "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId,"
                + " /pathPart]");
  }

  @Test
  void updateResource_removeOrAdd_badRequestPleaseChoose() {
    String pets = cp.newResource(api, root, "pets");
    assertThat(cp.call("PATCH", resource(pets), patch("remove", "/pathPart", null)).message())
        .isEqualTo(
            "Invalid patch path  '/pathPart' specified for op 'remove'. Please choose supported"
                + " operations");
    assertThat(cp.call("PATCH", resource(pets), patch("add", "/pathPart", "x")).message())
        .isEqualTo(
            "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported"
                + " operations");
  }

  @Test
  void updateResource_parentUnderOwnChild_badRequestCyclical() {
    String pets = cp.newResource(api, root, "pets");
    String sub = cp.newResource(api, pets, "subpets");
    var r = cp.call("PATCH", resource(pets), patch("replace", "/parentId", sub));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("Resources cannot be cyclical.");
  }

  @Test
  void updateResource_root_badRequestNamingTheMember() {
    assertThat(cp.call("PATCH", resource(root), patch("replace", "/pathPart", "x")).message())
        .isEqualTo("Root resource cannot update its pathPart.");
    assertThat(cp.call("PATCH", resource(root), patch("replace", "/parentId", root)).message())
        .isEqualTo("Root resource cannot update its parentId.");
  }
}
