package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.snapshot.CompiledHttpApi;
import dev.turnpike.snapshot.CompiledHttpStage;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Where a request for an HTTP API leaves the REST stages: {@link ResolveApiStage} asks here only
 * when the id it found is not a REST API, so REST requests pay nothing for HTTP APIs. Selects the
 * stage as AWS does (spec 6.3): a first path segment naming a stage, else the {@code $default}
 * stage with the whole path, else 404; then answers {@link #HANDOFF}, and the request path runs the
 * HTTP API stages ({@link Stages#forHttpApi}).
 */
public final class HttpApiEntry {
  /** The marker a stage returns to hand the exchange to the HTTP API stages; never written. */
  public static final GatewayReply HANDOFF =
      GatewayReply.of(0, EmptyHttpHeaders.INSTANCE, new byte[0]);

  private static final String DEFAULT_STAGE = "$default";

  private HttpApiEntry() {}

  /**
   * An execute-api host naming {@code apiId}: null when no HTTP API has that id (the REST refusal
   * follows), else {@link #HANDOFF} or the 404.
   */
  static @Nullable GatewayReply fromHost(Exchange ex, String apiId) {
    CompiledHttpApi api = ex.snapshot.httpApi(apiId);
    if (api == null) {
      return null;
    }
    ex.httpApi = api;
    String path = ex.rawPath.isEmpty() ? "/" : ex.rawPath;
    int start = path.startsWith("/") ? 1 : 0;
    int end = path.indexOf('/', start);
    String first = path.substring(start, end < 0 ? path.length() : end);
    CompiledHttpStage stage = first.isEmpty() ? null : api.stage(first);
    String rest;
    if (stage != null && !DEFAULT_STAGE.equals(first)) {
      rest = end < 0 ? "/" : path.substring(end);
    } else {
      stage = api.stage(DEFAULT_STAGE);
      rest = path;
    }
    return enter(ex, stage, rest, true);
  }

  /** A custom domain's API mapping to an HTTP API ({@code stageName} from the mapping). */
  static GatewayReply fromMapping(
      Exchange ex, CompiledHttpApi api, @Nullable String stageName, String rest) {
    ex.httpApi = api;
    CompiledHttpStage stage = stageName == null ? null : api.stage(stageName);
    return enter(ex, stage, rest.isEmpty() ? "/" : rest, false);
  }

  private static GatewayReply enter(
      Exchange ex, @Nullable CompiledHttpStage stage, String rest, boolean executeApi) {
    if (stage == null) {
      return HttpApiReplies.notFound(ex, Cause.HTTP_API_NOT_FOUND);
    }
    ex.httpStage = stage;
    if (executeApi && stage.executeApiEndpointDisabled()) {
      return HttpApiReplies.notFound(ex, Cause.ENDPOINT_DISABLED); // KC-disable: 404 for HTTP APIs
    }
    ex.stagePath = rest;
    return HANDOFF;
  }
}
