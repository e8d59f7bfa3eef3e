package dev.turnpike.control.acm;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.AwsJson;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.tls.LocalCa;

/**
 * The {@code acm} service: operations are routed by {@code X-Amz-Target} (the control plane turns
 * it into the path "/CertificateManager.{Operation}"); errors use JSON 1.1's shape, {@code
 * {"__type": ..., "message": ...}}.
 */
public final class AcmService {
  private static final String PREFIX = "/CertificateManager.";

  private AcmService() {}

  public static RouteTable<Operation> routes(ControlContext ctx, LocalCa ca) {
    CertificateOperations ops = new CertificateOperations(ctx, ca);
    CertificateTagOperations tags = new CertificateTagOperations(ctx, ops);
    RouteTable<Operation> routes = new RouteTable<>();
    AwsJson.route(routes, PREFIX, "ImportCertificate", ops::importCertificate);
    AwsJson.route(routes, PREFIX, "RequestCertificate", ops::requestCertificate);
    AwsJson.route(routes, PREFIX, "DescribeCertificate", ops::describeCertificate);
    AwsJson.route(routes, PREFIX, "ListCertificates", ops::listCertificates);
    AwsJson.route(routes, PREFIX, "GetCertificate", ops::getCertificate);
    AwsJson.route(routes, PREFIX, "DeleteCertificate", ops::deleteCertificate);
    AwsJson.route(routes, PREFIX, "AddTagsToCertificate", tags::addTags);
    AwsJson.route(routes, PREFIX, "RemoveTagsFromCertificate", tags::removeTags);
    AwsJson.route(routes, PREFIX, "ListTagsForCertificate", tags::listTags);
    return routes;
  }

  static ApiException validation(String message) {
    return new ApiException(400, "ValidationException", message);
  }

  static ApiException notFound(String arn) {
    return new ApiException(
        400, "ResourceNotFoundException", "Could not find certificate " + arn + ".");
  }
}
