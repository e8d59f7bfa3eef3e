package dev.turnpike.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.model.CorsConfiguration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the v2 control plane accepts as corsConfiguration. */
class CorsValidationTest {

  private static Map<String, Object> json(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void parse_everyMember_keepsAwsNamesAndValues() {
    CorsConfiguration c =
        CorsValidation.parse(
            json(
                "allowCredentials", true,
                "allowHeaders", List.of("authorization"),
                "allowMethods", List.of("GET", "POST"),
                "allowOrigins", List.of("https://www.example.com"),
                "exposeHeaders", List.of("x-api-id"),
                "maxAge", 300,
                "somethingNew", "ignored"));
    assertThat(c)
        .isEqualTo(
            new CorsConfiguration(
                true,
                List.of("authorization"),
                List.of("GET", "POST"),
                List.of("https://www.example.com"),
                List.of("x-api-id"),
                300));
  }

  @Test
  void parse_emptyObject_isTheEmptyConfiguration() {
    assertThat(CorsValidation.parse(Map.of())).isEqualTo(CorsConfiguration.EMPTY);
  }

  // aws-cdk issue 9076 (BadRequestException, verbatim).
  @Test
  void parse_credentialsWithStarOrigin_refusedWithAwsMessage() {
    assertThatThrownBy(
            () ->
                CorsValidation.parse(json("allowCredentials", true, "allowOrigins", List.of("*"))))
        .isInstanceOf(CorsValidation.InvalidCors.class)
        .hasMessage("allow-credentials is not supported if 'allow-origin' is *");
  }

  @Test
  void problem_credentialsWithSchemeWildcard_accepted() {
    assertThat(
            CorsValidation.problem(
                new CorsConfiguration(
                    true, List.of(), List.of(), List.of("https://*"), List.of(), null)))
        .isNull();
    assertThat(
            CorsValidation.problem(
                new CorsConfiguration(false, List.of(), List.of(), List.of("*"), List.of(), null)))
        .isNull();
  }

  // botocore: IntegerWithLengthBetweenMinus1And86400.
  @Test
  void parse_maxAgeOutOfRange_refused() {
    assertThat(CorsValidation.parse(json("maxAge", -1)).maxAge()).isEqualTo(-1);
    assertThat(CorsValidation.parse(json("maxAge", 86400)).maxAge()).isEqualTo(86400);
    assertThatThrownBy(() -> CorsValidation.parse(json("maxAge", 86401)))
        .hasMessage("Invalid maxAge 86401: must be between -1 and 86400");
    assertThatThrownBy(() -> CorsValidation.parse(json("maxAge", -2)))
        .hasMessage("Invalid maxAge -2: must be between -1 and 86400");
    assertThatThrownBy(() -> CorsValidation.parse(json("maxAge", 1.5)))
        .hasMessageContaining("Invalid maxAge 1.5");
  }

  @Test
  void parse_wrongTypes_refusedNamingTheMember() {
    assertThatThrownBy(() -> CorsValidation.parse(json("allowOrigins", "https://a.example")))
        .hasMessage("Invalid corsConfiguration.allowOrigins: expected a list of strings");
    assertThatThrownBy(() -> CorsValidation.parse(json("allowCredentials", "yes")))
        .hasMessage("Invalid corsConfiguration.allowCredentials: expected true or false");
    assertThatThrownBy(() -> CorsValidation.parse(json("maxAge", "300")))
        .hasMessage("Invalid corsConfiguration.maxAge: expected an integer");
    assertThatThrownBy(() -> CorsValidation.parse(json("allowHeaders", List.of(1))))
        .hasMessage("Invalid corsConfiguration.allowHeaders: expected a list of strings");
  }

  @Test
  void parse_valuesThatWouldBreakAHeader_refused() {
    assertThatThrownBy(() -> CorsValidation.parse(json("allowHeaders", List.of("x-a\r\nx-b: 1"))))
        .hasMessage(
            "Invalid allowHeaders value 'x-a\\u000d\\u000ax-b: 1': expected a header name or *");
    assertThatThrownBy(() -> CorsValidation.parse(json("allowMethods", List.of(""))))
        .hasMessageContaining("Invalid allowMethods value ''");
    assertThatThrownBy(() -> CorsValidation.parse(json("allowMethods", List.of("G".repeat(65)))))
        .hasMessageContaining("Invalid allowMethods value");
    assertThatThrownBy(
            () ->
                CorsValidation.parse(json("allowOrigins", List.of("https://a.com,https://b.com"))))
        .hasMessageContaining("expected one origin");
    assertThatThrownBy(() -> CorsValidation.parse(json("exposeHeaders", List.of("x y"))))
        .hasMessageContaining("Invalid exposeHeaders value 'x y'");
    assertThat(CorsValidation.parse(json("allowHeaders", List.of("*"))).allowHeaders())
        .containsExactly("*");
  }
}
