package dev.turnpike.control.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.control.ApiException;
import dev.turnpike.store.Documents;
import java.util.function.UnaryOperator;

/**
 * API resource policies on write: validated by the policy engine (a {@code BadRequestException}
 * with AWS's sentence and the reason), and the {@code execute-api:/…} shorthand expanded to the
 * API's ARN, as API Gateway stores and returns it (spec 5.1).
 */
public final class ResourcePolicyDocuments {
  private ResourcePolicyDocuments() {}

  public static String expandAndValidate(
      String policy, String region, String accountId, String apiId) {
    UnaryOperator<String> expand =
        r ->
            r.startsWith("execute-api:/")
                ? "arn:aws:execute-api:"
                    + region
                    + ":"
                    + accountId
                    + ":"
                    + apiId
                    + r.substring("execute-api:".length())
                : r;
    try {
      PolicyParser.parse(policy, PolicyParser.Kind.RESOURCE, expand);
    } catch (MalformedPolicyException e) {
      throw ApiException.badRequest(
          "Invalid policy document. Please check the policy syntax and try again. ("
              + e.getMessage()
              + ")");
    }
    try {
      JsonNode root = Documents.MAPPER.readTree(policy);
      JsonNode st = root.get("Statement");
      if (st instanceof ObjectNode o) {
        rewrite(o, expand);
      } else if (st instanceof ArrayNode a) {
        a.forEach(s -> rewrite((ObjectNode) s, expand));
      }
      return Documents.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "Invalid policy document. Please check the policy syntax and try again.");
    }
  }

  private static void rewrite(ObjectNode statement, UnaryOperator<String> expand) {
    for (String field : new String[] {"Resource", "NotResource"}) {
      JsonNode r = statement.get(field);
      if (r != null && r.isTextual()) {
        statement.set(field, TextNode.valueOf(expand.apply(r.asText())));
      } else if (r instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          a.set(i, TextNode.valueOf(expand.apply(a.get(i).asText())));
        }
      }
    }
  }
}
