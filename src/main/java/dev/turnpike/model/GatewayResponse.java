package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** botocore {@code GatewayResponse}: a customized (or default) gateway response of one type. */
public record GatewayResponse(
    String responseType,
    @Nullable String statusCode,
    Map<String, String> responseParameters,
    Map<String, String> responseTemplates,
    boolean defaultResponse) {}
