package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A REST API (botocore shape {@code RestApi}). {@code createdDate} is epoch seconds, as AWS sends
 * it.
 */
public record RestApi(
    String id,
    String name,
    @Nullable String description,
    long createdDate,
    @Nullable String version,
    @Nullable List<String> binaryMediaTypes,
    @Nullable Integer minimumCompressionSize,
    String apiKeySource,
    EndpointConfiguration endpointConfiguration,
    @Nullable String policy,
    @Nullable Map<String, String> tags,
    boolean disableExecuteApiEndpoint,
    String rootResourceId) {

  public RestApi withTags(@Nullable Map<String, String> newTags) {
    return new RestApi(
        id,
        name,
        description,
        createdDate,
        version,
        binaryMediaTypes,
        minimumCompressionSize,
        apiKeySource,
        endpointConfiguration,
        policy,
        newTags,
        disableExecuteApiEndpoint,
        rootResourceId);
  }

  /**
   * botocore {@code EndpointConfiguration}. AWS always answers with {@code ipAddressType}: {@code
   * ipv4} unless given, {@code dualstack} for a private API (the only type a private API may have),
   * so an absent one (a request without it, or a document stored before it existed) takes that
   * default.
   */
  public record EndpointConfiguration(
      List<String> types, @Nullable List<String> vpcEndpointIds, String ipAddressType) {
    public EndpointConfiguration {
      if (ipAddressType == null) {
        ipAddressType = defaultIpAddressType(types);
      }
    }

    public EndpointConfiguration(List<String> types, @Nullable List<String> vpcEndpointIds) {
      this(types, vpcEndpointIds, defaultIpAddressType(types));
    }

    public static String defaultIpAddressType(List<String> types) {
      return types.contains("PRIVATE") ? "dualstack" : "ipv4";
    }
  }
}
