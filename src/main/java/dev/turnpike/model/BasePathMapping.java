package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * One mapping of a custom domain, as stored: botocore {@code BasePathMapping} (v1) plus {@code
 * apiMappingId}, the id the same mapping has as an apigatewayv2 {@code ApiMapping} (AWS manages one
 * set of mappings per domain through both APIs). {@code basePath} "(none)" is the empty base path
 * and may be multi-level ({@code orders/v2/items}) when created through v2; a null {@code stage}
 * means callers put the stage name after the base path (spec 3.1). The id is null in documents
 * written before v2 existed; {@link #withoutId()} is the v1 wire shape.
 */
public record BasePathMapping(
    String basePath, String restApiId, @Nullable String stage, @Nullable String apiMappingId) {

  /** The v1 {@code BasePathMapping} shape (the v2 id is not part of it). */
  public BasePathMapping withoutId() {
    return apiMappingId == null ? this : new BasePathMapping(basePath, restApiId, stage, null);
  }
}
