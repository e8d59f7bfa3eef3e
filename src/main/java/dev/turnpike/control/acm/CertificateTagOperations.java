package dev.turnpike.control.acm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.AcmCertificate;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ACM's tag operations: AddTagsToCertificate, RemoveTagsFromCertificate, ListTagsForCertificate.
 */
final class CertificateTagOperations {
  private final ControlContext ctx;
  private final CertificateOperations certificates;

  CertificateTagOperations(ControlContext ctx, CertificateOperations certificates) {
    this.ctx = ctx;
    this.certificates = certificates;
  }

  ControlResponse addTags(ApiCall call) {
    AcmCertificate c = certificates.load(call, CertificateOperations.requiredArn(call));
    Map<String, String> tags = new TreeMap<>(c.tags() == null ? Map.of() : c.tags());
    Map<String, String> add = CertificateOperations.tags(call.body());
    if (add == null || add.isEmpty()) {
      throw AcmService.validation(
          "1 validation error detected: Value null at 'tags' failed to satisfy "
              + "constraint: Member must not be null");
    }
    tags.putAll(add);
    ctx.commit(
        List.of(
            Write.put(
                CertificateOperations.key(call.accountId(), c.certificateArn()),
                Documents.write(c.withTags(tags)))));
    return AwsJson.ok("{}");
  }

  ControlResponse removeTags(ApiCall call) {
    AcmCertificate c = certificates.load(call, CertificateOperations.requiredArn(call));
    Map<String, String> tags = new TreeMap<>(c.tags() == null ? Map.of() : c.tags());
    for (JsonNode t : call.body().path("Tags")) {
      String k = t.path("Key").asText();
      if (!t.has("Value") || t.path("Value").asText().equals(tags.get(k))) {
        tags.remove(k);
      }
    }
    ctx.commit(
        List.of(
            Write.put(
                CertificateOperations.key(call.accountId(), c.certificateArn()),
                Documents.write(c.withTags(tags)))));
    return AwsJson.ok("{}");
  }

  ControlResponse listTags(ApiCall call) {
    AcmCertificate c = certificates.load(call, CertificateOperations.requiredArn(call));
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode list = out.putArray("Tags");
    (c.tags() == null ? Map.<String, String>of() : c.tags())
        .forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    return AwsJson.ok(out.toString());
  }
}
