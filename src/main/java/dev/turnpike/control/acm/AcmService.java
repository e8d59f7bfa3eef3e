package dev.turnpike.control.acm;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Json;
import dev.turnpike.tls.LocalCa;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The {@code acm} service: operations are routed by {@code X-Amz-Target} (the control plane turns
 * it into the path "/CertificateManager.{Operation}"); errors use JSON 1.1's shape, {@code
 * {"__type": ..., "message": ...}}.
 */
public final class AcmService {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String PREFIX = "/CertificateManager.";

  private AcmService() {}

  public static RouteTable<Operation> routes(ControlContext ctx, LocalCa ca) {
    CertificateOperations ops = new CertificateOperations(ctx, ca);
    CertificateTagOperations tags = new CertificateTagOperations(ctx, ops);
    RouteTable<Operation> routes = new RouteTable<>();
    add(routes, "ImportCertificate", ops::importCertificate);
    add(routes, "RequestCertificate", ops::requestCertificate);
    add(routes, "DescribeCertificate", ops::describeCertificate);
    add(routes, "ListCertificates", ops::listCertificates);
    add(routes, "GetCertificate", ops::getCertificate);
    add(routes, "DeleteCertificate", ops::deleteCertificate);
    add(routes, "AddTagsToCertificate", tags::addTags);
    add(routes, "RemoveTagsFromCertificate", tags::removeTags);
    add(routes, "ListTagsForCertificate", tags::listTags);
    return routes;
  }

  private static void add(RouteTable<Operation> routes, String name, Operation op) {
    routes.add(
        "POST",
        PREFIX + name,
        call -> {
          try {
            return op.handle(call);
          } catch (ApiException e) {
            return error(e);
          }
        });
  }

  static ControlResponse json(String body) {
    return new ControlResponse(
        200, Map.of("Content-Type", CONTENT_TYPE), body.getBytes(StandardCharsets.UTF_8));
  }

  static ControlResponse error(ApiException e) {
    String body =
        "{\"__type\":"
            + Json.quote(e.errorType())
            + ",\"message\":"
            + Json.quote(e.getMessage())
            + "}";
    return new ControlResponse(
        e.status(),
        Map.of("Content-Type", CONTENT_TYPE, "x-amzn-ErrorType", e.errorType()),
        body.getBytes(StandardCharsets.UTF_8));
  }

  static ApiException validation(String message) {
    return new ApiException(400, "ValidationException", message);
  }

  static ApiException notFound(String arn) {
    return new ApiException(
        400, "ResourceNotFoundException", "Could not find certificate " + arn + ".");
  }
}
