package dev.turnpike.routing;

import java.util.Map;

/**
 * A matched method: the compiled method payload, the resource path template ({@code /pets/{id}})
 * and the path parameter values as they appeared in the request (still percent-encoded).
 */
public record RouteMatch<M>(
    M method, String resourcePath, String resourceId, Map<String, String> pathParams) {}
