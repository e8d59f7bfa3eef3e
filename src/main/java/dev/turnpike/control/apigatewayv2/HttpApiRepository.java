package dev.turnpike.control.apigatewayv2;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.Ids;
import dev.turnpike.model.HttpApi;
import dev.turnpike.model.HttpAuthorizer;
import dev.turnpike.model.HttpDeployment;
import dev.turnpike.model.HttpIntegration;
import dev.turnpike.model.HttpRoute;
import dev.turnpike.model.HttpStage;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * HTTP APIs as documents (one per API, route, integration, authorizer, stage, deployment, and what
 * each deployment froze), and the one rule that ties them together: every change to an API's
 * configuration deploys it to its {@code autoDeploy} stages in the same commit, as AWS does.
 */
final class HttpApiRepository {
  private final ControlContext ctx;

  HttpApiRepository(ControlContext ctx) {
    this.ctx = ctx;
  }

  ControlContext context() {
    return ctx;
  }

  /** Now as v2 writes dates: ISO-8601, whole seconds. */
  String now() {
    return Instant.now(ctx.clock()).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static DocumentKey apiKey(String account, String apiId) {
    return DocumentKey.of(account, Kinds.HTTP_API, apiId);
  }

  static DocumentKey key(String account, String kind, String apiId, String id) {
    return new DocumentKey(account, kind, apiId, id);
  }

  /** The API, or AWS's 404. */
  HttpApi api(String account, String apiId) {
    return ctx.store()
        .get(apiKey(account, apiId))
        .map(d -> Documents.read(d, HttpApi.class))
        .orElseThrow(
            () ->
                ApiException.notFound("Invalid API identifier specified " + account + ":" + apiId));
  }

  boolean exists(String account, String apiId) {
    return ctx.store().get(apiKey(account, apiId)).isPresent();
  }

  List<HttpApi> apis(String account) {
    return read(ctx.store().list(account, Kinds.HTTP_API, ""), HttpApi.class);
  }

  <T> List<T> list(String account, String kind, String apiId, Class<T> type) {
    return read(ctx.store().list(account, kind, apiId), type);
  }

  <T> Optional<T> find(String account, String kind, String apiId, String id, Class<T> type) {
    return ctx.store().get(key(account, kind, apiId, id)).map(d -> Documents.read(d, type));
  }

  /** A child of the API, or 404 with AWS's {@code Invalid X identifier specified} form. */
  <T> T child(String account, String kind, String apiId, String id, Class<T> type, String what) {
    api(account, apiId);
    return find(account, kind, apiId, id, type)
        .orElseThrow(
            () -> ApiException.notFound("Invalid " + what + " identifier specified " + id));
  }

  static Write put(DocumentKey key, Object value) {
    return Write.put(key, Documents.write(value));
  }

  /**
   * Commits {@code writes} for API {@code apiId}; when they change what a deployment freezes
   * ({@code configChanged}), a new deployment is frozen from the configuration as written and every
   * {@code autoDeploy} stage moves to it, in the same commit.
   */
  void commit(String account, String apiId, List<Write> writes, boolean configChanged) {
    List<Write> all = new ArrayList<>(writes);
    if (configChanged) {
      List<HttpStage> auto =
          list(account, Kinds.HTTP_STAGE, apiId, HttpStage.class).stream()
              .filter(HttpStage::autoDeploy)
              .toList();
      if (!auto.isEmpty()) {
        all.addAll(autoDeploy(account, apiId, writes, auto));
      }
    }
    ctx.commit(all);
  }

  private List<Write> autoDeploy(
      String account, String apiId, List<Write> pending, List<HttpStage> stages) {
    HttpDeployment.Frozen frozen = freeze(account, apiId, pending);
    String id = Ids.shortId();
    String now = now();
    List<Write> out = new ArrayList<>(deploymentWrites(account, apiId, id, null, true, frozen));
    for (HttpStage s : stages) {
      HttpStage pendingStage = pendingStage(pending, account, apiId, s.stageName(), s);
      out.add(
          put(
              key(account, Kinds.HTTP_STAGE, apiId, s.stageName()),
              pendingStage.withDeployment(id, now, deployedMessage(id))));
    }
    return out;
  }

  static String deployedMessage(String deploymentId) {
    return "Successfully deployed stage with deployment ID '" + deploymentId + "'";
  }

  /**
   * A stage written in {@code pending} wins over the stored one (a stage created with autoDeploy).
   */
  private static HttpStage pendingStage(
      List<Write> pending, String account, String apiId, String name, HttpStage stored) {
    DocumentKey k = key(account, Kinds.HTTP_STAGE, apiId, name);
    for (Write w : pending) {
      if (w.key().equals(k) && w.json() != null) {
        return Documents.read(w.json(), HttpStage.class);
      }
    }
    return stored;
  }

  /** The writes of a new deployment {@code id} and what it froze. */
  List<Write> deploymentWrites(
      String account,
      String apiId,
      String id,
      @Nullable String description,
      boolean autoDeployed,
      HttpDeployment.Frozen frozen) {
    HttpDeployment d = new HttpDeployment(id, "DEPLOYED", description, autoDeployed, now());
    return List.of(
        Write.create(key(account, Kinds.HTTP_DEPLOYMENT, apiId, id), Documents.write(d)),
        Write.create(key(account, Kinds.HTTP_DEPLOYED_API, apiId, id), Documents.write(frozen)));
  }

  /** The API's configuration with {@code pending} writes applied over what is stored. */
  HttpDeployment.Frozen freeze(String account, String apiId, List<Write> pending) {
    HttpApi api = overlay(pending, apiKey(account, apiId), HttpApi.class, api(account, apiId));
    return new HttpDeployment.Frozen(
        api,
        overlayList(pending, account, Kinds.HTTP_ROUTE, apiId, HttpRoute.class),
        overlayList(pending, account, Kinds.HTTP_INTEGRATION, apiId, HttpIntegration.class),
        overlayList(pending, account, Kinds.HTTP_AUTHORIZER, apiId, HttpAuthorizer.class));
  }

  private static <T> T overlay(List<Write> pending, DocumentKey k, Class<T> type, T stored) {
    for (Write w : pending) {
      if (w.key().equals(k) && w.json() != null) {
        return Documents.read(w.json(), type);
      }
    }
    return stored;
  }

  private <T> List<T> overlayList(
      List<Write> pending, String account, String kind, String apiId, Class<T> type) {
    java.util.Map<String, String> byId = new java.util.TreeMap<>();
    for (Document d : ctx.store().list(account, kind, apiId)) {
      byId.put(d.key().id(), d.json());
    }
    for (Write w : pending) {
      DocumentKey k = w.key();
      if (k.accountId().equals(account) && k.kind().equals(kind) && k.scope().equals(apiId)) {
        if (w.json() == null) {
          byId.remove(k.id());
        } else {
          byId.put(k.id(), w.json());
        }
      }
    }
    return byId.values().stream().map(j -> Documents.read(j, type)).toList();
  }

  /** Every document of the API, for DeleteApi. */
  List<Write> deleteAll(String account, String apiId) {
    List<Write> out = new ArrayList<>();
    for (String kind :
        List.of(
            Kinds.HTTP_ROUTE,
            Kinds.HTTP_INTEGRATION,
            Kinds.HTTP_AUTHORIZER,
            Kinds.HTTP_STAGE,
            Kinds.HTTP_DEPLOYMENT,
            Kinds.HTTP_DEPLOYED_API)) {
      for (Document d : ctx.store().list(account, kind, apiId)) {
        out.add(Write.delete(d.key()));
      }
    }
    out.add(Write.delete(apiKey(account, apiId)));
    return out;
  }

  private static <T> List<T> read(List<Document> docs, Class<T> type) {
    return docs.stream().map(d -> Documents.read(d, type)).toList();
  }
}
