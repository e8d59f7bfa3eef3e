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
import dev.turnpike.model.ApiKey;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CreateApiKey, GetApiKey, GetApiKeys, UpdateApiKey, DeleteApiKey; ImportApiKeys shares
 * CreateApiKey's URI ({@code POST /apikeys?mode=import}) and is {@link ApiKeyImport}'s.
 *
 * <p>Implementation notes (spec 2.5, recorded from AWS through LocalStack's snapshots): values are
 * 20–128 characters (an empty or absent value is generated: 40 alphanumerics, ids are 10 lowercase
 * alphanumerics); names at most 1024; {@code enabled} defaults to false; GetApiKeys omits values
 * unless {@code includeValues}, {@code name} is a case-sensitive prefix; patchable paths {@code
 * /name}, {@code /description}, {@code /enabled}, {@code /customerId}, and {@code replace /enabled}
 * with anything but "true" leaves the key disabled. Deleting a key removes it from every plan. A
 * value already used by another key is refused with 409 [UNCONF message].
 */
final class ApiKeyOperations {
  private static final char[] VALUE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/name", Kind.STRING)
          .allow("/description", Kind.STRING)
          .allow("/enabled", Kind.FLAG)
          .allow("/customerId", Kind.STRING);

  private final UsageRepository repo;

  ApiKeyOperations(UsageRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/apikeys", this::createOrImport)
        .add("GET", "/apikeys", this::list)
        .add("GET", "/apikeys/{api_Key}", this::get)
        .add("PATCH", "/apikeys/{api_Key}", this::update)
        .add("DELETE", "/apikeys/{api_Key}", this::delete);
  }

  private ControlResponse createOrImport(ApiCall call) {
    if ("import".equals(call.query("mode"))) {
      return new ApiKeyImport(repo, this).importKeys(call);
    }
    ObjectNode body = call.body();
    Boolean enabled = Bodies.bool(body, "enabled");
    String name = Bodies.string(body, "name");
    ApiKey key =
        newKey(
            call.accountId(),
            // AWS answers a key created with name "" without a name at all
            name == null || name.isEmpty() ? null : name,
            Bodies.string(body, "description"),
            enabled != null && enabled,
            Bodies.string(body, "value"),
            Bodies.string(body, "customerId"),
            Bodies.stringList(body, "stageKeys"),
            Bodies.stringMap(body, "tags"));
    repo.context()
        .commit(
            List.of(
                Write.create(
                    UsageRepository.apiKeyKey(call.accountId(), key.id()), Documents.write(key))));
    return Bodies.json(201, key);
  }

  /** Validates and builds a new key (not yet stored). */
  ApiKey newKey(
      String account,
      @Nullable String name,
      @Nullable String description,
      boolean enabled,
      @Nullable String value,
      @Nullable String customerId,
      @Nullable List<String> stageKeys,
      @Nullable Map<String, String> tags) {
    if (name != null && name.length() > 1024) {
      throw ApiException.badRequest("Invalid API Key name, can be at most 1024 characters.");
    }
    String v = value == null || value.isEmpty() ? generateValue() : value;
    if (v.length() < 20) {
      throw ApiException.badRequest("API Key value should be at least 20 characters");
    }
    if (v.length() > 128) {
      throw ApiException.badRequest("API Key value exceeds maximum size of 128 characters");
    }
    for (ApiKey existing : repo.apiKeys(account)) {
      if (v.equals(existing.value())) {
        throw ApiException.conflict("API Key already exists");
      }
    }
    long now = repo.context().nowSeconds();
    return new ApiKey(
        Ids.restApiId(),
        v,
        name,
        customerId,
        description,
        enabled,
        now,
        now,
        stageKeys == null ? List.of() : stageKeys,
        tags);
  }

  static String generateValue() {
    char[] out = new char[40];
    for (int i = 0; i < out.length; i++) {
      out[i] = VALUE_CHARS[RANDOM.nextInt(VALUE_CHARS.length)];
    }
    return new String(out);
  }

  private ControlResponse list(ApiCall call) {
    boolean includeValues = "true".equalsIgnoreCase(call.query("includeValues"));
    String nameQuery = call.query("name");
    String customerId = call.query("customerId");
    List<ApiKey> out = new ArrayList<>();
    for (ApiKey k : repo.apiKeys(call.accountId())) {
      if (nameQuery != null && (k.name() == null || !k.name().startsWith(nameQuery))) {
        continue;
      }
      if (customerId != null && !customerId.equals(k.customerId())) {
        continue;
      }
      out.add(includeValues ? k : k.withoutValue());
    }
    return Bodies.json(200, Page.of(out, call));
  }

  private ControlResponse get(ApiCall call) {
    ApiKey k = repo.apiKey(call.accountId(), call.path("api_Key"));
    return Bodies.json(
        200, "true".equalsIgnoreCase(call.query("includeValue")) ? k : k.withoutValue());
  }

  private ControlResponse update(ApiCall call) {
    ApiKey k = repo.apiKey(call.accountId(), call.path("api_Key"));
    ApiKey patched =
        Bodies.patch(
            k, ApiKey.class, PATCHES, PatchOperation.listFrom(call.body(), "updateApiKeyInput"));
    String name = patched.name();
    if (name != null && name.length() > 1024) {
      throw ApiException.badRequest("Invalid API Key name, can be at most 1024 characters.");
    }
    ApiKey updated =
        new ApiKey(
            k.id(),
            k.value(),
            name,
            patched.customerId(),
            patched.description(),
            patched.enabled(),
            k.createdDate(),
            repo.context().nowSeconds(),
            k.stageKeys(),
            k.tags());
    repo.context()
        .commit(
            List.of(
                Write.put(
                    UsageRepository.apiKeyKey(call.accountId(), k.id()),
                    Documents.write(updated))));
    return Bodies.json(200, updated.withoutValue());
  }

  private ControlResponse delete(ApiCall call) {
    ApiKey k = repo.apiKey(call.accountId(), call.path("api_Key"));
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(UsageRepository.apiKeyKey(call.accountId(), k.id())));
    for (Document d : repo.context().store().listKind(Kinds.USAGE_PLAN_KEY)) {
      if (d.key().accountId().equals(call.accountId()) && d.key().id().equals(k.id())) {
        writes.add(Write.delete(d.key()));
      }
    }
    repo.context().commit(writes);
    return ControlResponse.empty(202);
  }
}
