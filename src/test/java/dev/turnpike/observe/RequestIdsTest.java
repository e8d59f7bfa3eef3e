package dev.turnpike.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void requestId_generated_isVersion4VariantIetfUuid() {
    // Spec 1.2: x-amzn-RequestId is a UUID (v4 text form).
    for (int i = 0; i < 100; i++) {
      String id = RequestIds.requestId();
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      UUID u = UUID.fromString(id);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
    }
  }

  @Test
  void requestId_generated_unique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(RequestIds.requestId());
    }
    assertThat(ids).hasSize(1000);
  }

  @Test
  void requestId_clientUuid_echoed() {
    // Spec 1.2 / C10: a client may supply its own UUID in x-amzn-RequestId.
    assertThat(RequestIds.requestId("3f0c1a7e-1111-4222-8333-944455556666"))
        .isEqualTo("3f0c1a7e-1111-4222-8333-944455556666");
    assertThat(RequestIds.requestId("3F0C1A7E-1111-4222-8333-944455556666"))
        .isEqualTo("3F0C1A7E-1111-4222-8333-944455556666");
  }

  @Test
  void requestId_invalidClientValue_replaced() {
    // Spec 1.2: a non-UUID value is replaced (UUID_REPLACED_INVALID_REQUEST_ID, DG set-up-logging).
    for (String bad :
        new String[] {
          "not-a-uuid",
          "",
          "3f0c1a7e-1111-4222-8333-9444555566661",
          "3f0c1a7e111142228333944455556666",
          " 3f0c1a7e-1111-4222-8333-944455556666"
        }) {
      String id = RequestIds.requestId(bad);
      assertThat(id).as(bad).isNotEqualTo(bad);
      assertThat(UUID.fromString(id).version()).isEqualTo(4);
    }
    assertThat(RequestIds.requestId(null)).matches("[0-9a-f-]{36}");
  }

  @Test
  void extendedRequestId_is16Base64CharsEndingWithEquals() {
    // Spec 1.2: x-amz-apigw-id is 16 chars of base64 ending '=', e.g. K2G9wEbUoAMEvag=.
    for (int i = 0; i < 100; i++) {
      String id = RequestIds.extendedRequestId();
      assertThat(id).hasSize(16).endsWith("=").matches("[A-Za-z0-9+/]{15}=");
      assertThat(Base64.getDecoder().decode(id)).hasSize(11);
    }
  }

  @Test
  void traceId_format_rootVersionEpochHexAnd24Hex() {
    // Spec 1.2: X-Amzn-Trace-Id Root=1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy (8 hex epoch seconds, 24
    // hex).
    String id = RequestIds.traceId(1_714_557_600L);
    assertThat(id).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    assertThat(id).startsWith("Root=1-" + Long.toHexString(1_714_557_600L) + "-");
  }
}
