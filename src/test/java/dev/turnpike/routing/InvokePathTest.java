package dev.turnpike.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvokePathTest {
  @Test
  void ofStagePath_stageAndRest_split() {
    // Spec 1.1: first path segment is the stage.
    assertThat(InvokePath.ofStagePath("/dev/pets/1"))
        .isEqualTo(new InvokePath(null, "dev", "/pets/1"));
  }

  @Test
  void ofStagePath_stageOnly_restIsRoot() {
    assertThat(InvokePath.ofStagePath("/dev")).isEqualTo(new InvokePath(null, "dev", "/"));
    assertThat(InvokePath.ofStagePath("/dev/")).isEqualTo(new InvokePath(null, "dev", "/"));
  }

  @Test
  void ofStagePath_leadingDoubleSlash_skipped() {
    // Spec 6.2: //stage/x routes as /stage/x.
    assertThat(InvokePath.ofStagePath("//dev/x")).isEqualTo(new InvokePath(null, "dev", "/x"));
  }

  @Test
  void ofStagePath_restKeepsSlashesAsSent() {
    // Spec 6.2: trailing slash and inner double slashes are preserved in the path.
    assertThat(InvokePath.ofStagePath("/dev//x/").resourcePath()).isEqualTo("//x/");
  }

  @Test
  void ofStagePath_noStage_returnsNull() {
    // Spec 1.5 / C04: GET / has no stage (→ 403 Forbidden upstream).
    assertThat(InvokePath.ofStagePath("/")).isNull();
    assertThat(InvokePath.ofStagePath("")).isNull();
    assertThat(InvokePath.ofStagePath("///")).isNull();
  }

  @Test
  void ofPathStyle_fullForm_parsesApiStageAndRest() {
    assertThat(InvokePath.ofPathStyle("/restapis/abc123/dev/_user_request_/pets/1"))
        .isEqualTo(new InvokePath("abc123", "dev", "/pets/1"));
  }

  @Test
  void ofPathStyle_noRest_restIsRoot() {
    assertThat(InvokePath.ofPathStyle("/restapis/abc123/dev/_user_request_"))
        .isEqualTo(new InvokePath("abc123", "dev", "/"));
    assertThat(InvokePath.ofPathStyle("/restapis/abc123/dev/_user_request_/"))
        .isEqualTo(new InvokePath("abc123", "dev", "/"));
  }

  @Test
  void ofPathStyle_malformed_returnsNull() {
    assertThat(InvokePath.ofPathStyle("/dev/pets")).isNull();
    assertThat(InvokePath.ofPathStyle("/restapis/abc123/dev/pets")).isNull();
    assertThat(InvokePath.ofPathStyle("/restapis/abc123/dev")).isNull();
    assertThat(InvokePath.ofPathStyle("/restapis//dev/_user_request_/x")).isNull();
    assertThat(InvokePath.ofPathStyle("/restapis/abc123//_user_request_/x")).isNull();
  }
}
