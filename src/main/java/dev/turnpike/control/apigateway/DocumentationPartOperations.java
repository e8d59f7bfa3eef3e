package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.DocumentationPart;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.Comparator;
import java.util.List;

/**
 * CreateDocumentationPart, GetDocumentationPart(s), UpdateDocumentationPart,
 * DeleteDocumentationPart of REST APIs: stored and answered; the gateway serves no documentation.
 *
 * <p>Recorded (LocalStack {@code TestApiGatewayApiDocumentationPart}, against AWS): create, list
 * and delete on an unknown API are 404 {@code Invalid API identifier specified {account}:{id}}; get
 * and update answer 404 {@code Invalid Documentation part identifier specified} for an unknown API
 * as for an unknown part; an unknown {@code location.type} is a {@code ValidationException} listing
 * the enum in AWS's order; the only patch path is {@code replace /properties}; delete answers 202.
 */
final class DocumentationPartOperations {
  private static final List<String> LOCATION_TYPES =
      List.of(
          "RESPONSE_BODY",
          "RESPONSE",
          "METHOD",
          "MODEL",
          "AUTHORIZER",
          "RESPONSE_HEADER",
          "RESOURCE",
          "PATH_PARAMETER",
          "REQUEST_BODY",
          "QUERY_PARAMETER",
          "API",
          "REQUEST_HEADER");

  private static final PatchApplier PATCHES =
      PatchApplier.unknownPath(op -> ModelOperations.badPatch(op, "[/properties]"))
          .unsupportedOp(op -> ModelOperations.badPatch(op, "[/properties]"))
          .allow("/properties", Kind.STRING, PatchApplier.REPLACE);

  private final ApiRepository repo;

  DocumentationPartOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String all = "/restapis/{restapi_id}/documentation/parts";
    String one = all + "/{part_id}";
    routes
        .add("GET", all, this::list)
        .add("POST", all, this::create)
        .add("GET", one, this::get)
        .add("PATCH", one, this::update)
        .add("DELETE", one, this::delete);
  }

  static DocumentKey key(String account, String apiId, String partId) {
    return new DocumentKey(account, Kinds.DOCUMENTATION_PART, apiId, partId);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    List<DocumentationPart> all =
        repo.list(call.accountId(), Kinds.DOCUMENTATION_PART, apiId, DocumentationPart.class);
    all.sort(Comparator.comparing(DocumentationPart::id));
    return Bodies.json(200, Page.of(all, call));
  }

  private ControlResponse create(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("restapi_id");
    ObjectNode body = call.body();
    ObjectNode loc = body.get("location") instanceof ObjectNode o ? o : body.objectNode();
    String type = Bodies.string(loc, "type");
    if (type != null && !LOCATION_TYPES.contains(type)) {
      throw PatchOperation.validation(
          List.of(
              "Value '"
                  + type
                  + "' at 'createDocumentationPartInput.location.type' failed to satisfy"
                  + " constraint: Member must satisfy enum value set: "
                  + "["
                  + String.join(", ", LOCATION_TYPES)
                  + "]"));
    }
    repo.api(account, apiId);
    String properties = Bodies.string(body, "properties");
    if (type == null || properties == null) {
      // botocore requires both; a raw request without them gets AWS's request-validation shape
      throw PatchOperation.validation(
          List.of(
              "Value null at 'createDocumentationPartInput."
                  + (type == null ? "location.type" : "properties")
                  + "' failed to satisfy constraint: Member must not be null"));
    }
    DocumentationPart part =
        new DocumentationPart(
            Ids.shortId(),
            new DocumentationPart.Location(
                type,
                Bodies.string(loc, "path"),
                Bodies.string(loc, "method"),
                Bodies.string(loc, "statusCode"),
                Bodies.string(loc, "name")),
            properties);
    repo.context()
        .commit(List.of(Write.put(key(account, apiId, part.id()), Documents.write(part))));
    return Bodies.json(201, part);
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, find(call));
  }

  private ControlResponse update(ApiCall call) {
    DocumentationPart patched =
        Bodies.patch(
            find(call),
            DocumentationPart.class,
            PATCHES,
            PatchOperation.listFrom(call.body(), "updateDocumentationPartInput"));
    repo.context()
        .commit(
            List.of(
                Write.put(
                    key(call.accountId(), call.path("restapi_id"), patched.id()),
                    Documents.write(patched))));
    return Bodies.json(200, patched);
  }

  private ControlResponse delete(ApiCall call) {
    repo.api(call.accountId(), call.path("restapi_id"));
    DocumentationPart part = find(call);
    repo.context()
        .commit(List.of(Write.delete(key(call.accountId(), call.path("restapi_id"), part.id()))));
    return ControlResponse.empty(202);
  }

  private DocumentationPart find(ApiCall call) {
    return repo.context()
        .store()
        .get(key(call.accountId(), call.path("restapi_id"), call.path("part_id")))
        .map(d -> Documents.read(d, DocumentationPart.class))
        .orElseThrow(
            () -> ApiException.notFound("Invalid Documentation part identifier specified"));
  }
}
