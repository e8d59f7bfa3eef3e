package dev.turnpike.snapshot;

import static java.util.Objects.requireNonNull;

import dev.turnpike.media.ContentHandling;
import dev.turnpike.media.ContentSettings;
import dev.turnpike.model.Authorizer;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.GatewayResponse;
import dev.turnpike.model.GatewayResponseInheritance;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.model.Integration;
import dev.turnpike.model.IntegrationResponse;
import dev.turnpike.model.Method;
import dev.turnpike.model.Resource;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.template.CompiledTemplate;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.template.TemplateException;
import dev.turnpike.validation.ApiModels;
import dev.turnpike.validation.ValidationCompiler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Compiles one frozen deployment: resource tree, integrations with their templates, gateway
 * responses, request validation (models compiled once here, never per request).
 */
final class DeploymentCompiler {
  private static final String JSON = "application/json";
  private final TemplateEngine templates;
  private final IntegrationBinder integrations;

  DeploymentCompiler(TemplateEngine templates, IntegrationBinder integrations) {
    this.templates = templates;
    this.integrations = integrations;
  }

  CompiledDeployment compile(DeployedApi deployed) {
    List<String> problems = new ArrayList<>();
    Map<String, CompiledAuthorizer> authorizers = new HashMap<>();
    for (Authorizer a : deployed.authorizers()) {
      CompiledAuthorizer c = CompiledAuthorizer.compile(a, problems);
      if (c != null) {
        authorizers.put(a.id(), c);
      }
    }
    ValidationCompiler validation =
        new ValidationCompiler(
            deployed.requestValidators(),
            new ApiModels(deployed.api().id(), deployed.models(), problems));
    ResourceTree<CompiledMethod> tree =
        ResourceTree.compile(deployed.resources(), r -> compileMethods(r, authorizers, validation));
    return new CompiledDeployment(
        tree,
        compileGatewayResponses(deployed.gatewayResponses()),
        deployed.api().disableExecuteApiEndpoint(),
        ContentSettings.of(
            deployed.api().binaryMediaTypes(), deployed.api().minimumCompressionSize()));
  }

  private Map<String, CompiledMethod> compileMethods(
      Resource r, Map<String, CompiledAuthorizer> authorizers, ValidationCompiler validation) {
    Map<String, CompiledMethod> out = new HashMap<>();
    if (r.resourceMethods() == null) {
      return out;
    }
    for (Map.Entry<String, Method> e : r.resourceMethods().entrySet()) {
      Method m = e.getValue();
      out.put(
          e.getKey(),
          new CompiledMethod(
              e.getKey(),
              r.path(),
              m.authorizationType(),
              m.apiKeyRequired(),
              m.methodIntegration() == null ? null : compileIntegration(r, m.methodIntegration()),
              m.authorizerId() == null ? null : authorizers.get(m.authorizerId()),
              m.authorizationScopes() == null ? List.of() : m.authorizationScopes(),
              validation.compile(m)));
    }
    return out;
  }

  private CompiledIntegration compileIntegration(Resource r, Integration in) {
    List<String> errors = new ArrayList<>();
    Map<String, CompiledTemplate> requestTemplates =
        compileTemplates(r.path() + " request", in.requestTemplates(), errors);
    List<CompiledIntegrationResponse> selected = new ArrayList<>();
    CompiledIntegrationResponse fallback = null;
    if (in.integrationResponses() != null) {
      for (IntegrationResponse ir : in.integrationResponses().values()) {
        Pattern pattern = null;
        String sp = ir.selectionPattern();
        if (sp != null && !sp.isEmpty()) {
          try {
            pattern = Pattern.compile(sp, Pattern.DOTALL);
          } catch (PatternSyntaxException ex) {
            errors.add("invalid selectionPattern " + sp + ": " + ex.getDescription());
            continue;
          }
        }
        int status = parseStatus(ir.statusCode(), errors);
        CompiledIntegrationResponse c =
            new CompiledIntegrationResponse(
                status,
                pattern,
                compileTemplates(
                    r.path() + " response " + ir.statusCode(), ir.responseTemplates(), errors),
                ir.responseParameters() == null ? Map.of() : ir.responseParameters(),
                ContentHandling.of(ir.contentHandling()));
        if (pattern == null) {
          fallback = c;
        } else {
          selected.add(c);
        }
      }
    }
    if (fallback != null) {
      selected.add(fallback);
    }
    String httpMethod = in.httpMethod() == null ? "" : in.httpMethod();
    return new CompiledIntegration(
            in.type(),
            httpMethod,
            in.uri() == null ? "" : in.uri(),
            in.timeoutInMillis() <= 0 ? Integration.DEFAULT_TIMEOUT_MILLIS : in.timeoutInMillis(),
            in.passthroughBehavior() == null ? "WHEN_NO_MATCH" : in.passthroughBehavior(),
            in.requestParameters() == null ? Map.of() : in.requestParameters(),
            requestTemplates,
            selected,
            errors.isEmpty() ? null : String.join("; ", errors))
        .withCredentials(in.credentials())
        .withContentHandling(ContentHandling.of(in.contentHandling()))
        .bound(integrations.bind(in.type()));
  }

  private Map<String, CompiledTemplate> compileTemplates(
      String name, @Nullable Map<String, String> sources, List<String> errors) {
    Map<String, CompiledTemplate> out = new HashMap<>();
    if (sources == null) {
      return out;
    }
    for (Map.Entry<String, String> e : sources.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        continue;
      }
      try {
        out.put(e.getKey(), templates.compile(name + " " + e.getKey(), e.getValue()));
      } catch (TemplateException ex) {
        errors.add("template " + name + " " + e.getKey() + ": " + ex.getMessage());
      }
    }
    return out;
  }

  /**
   * Resolves every type once through {@link GatewayResponseInheritance}; only customized results
   * (own or inherited from a customized DEFAULT_4XX/5XX) are kept, the rest render from the
   * built-in catalog.
   */
  private CompiledGatewayResponses compileGatewayResponses(List<GatewayResponse> custom) {
    Map<String, GatewayResponse> byType = new HashMap<>();
    for (GatewayResponse g : custom) {
      byType.put(g.responseType(), g);
    }
    Map<GatewayResponseType, CompiledGatewayResponses.Resolved> resolved =
        new EnumMap<>(GatewayResponseType.class);
    for (GatewayResponseType t : GatewayResponseType.values()) {
      if (t.parent() == null || t == GatewayResponseType.REQUEST_TOO_LARGE) {
        continue; // DEFAULT_4XX/5XX are parents only; REQUEST_TOO_LARGE is not customizable (AWS
        // known issues)
      }
      boolean customized = byType.containsKey(t.name()) || byType.containsKey(t.parent().name());
      if (!customized) {
        continue;
      }
      GatewayResponse effective = GatewayResponseInheritance.resolve(t, byType);
      int code =
          effective.statusCode() == null
              ? requireNonNull(t.defaultStatus(), "defaultStatus")
              : parseStatus(effective.statusCode(), new ArrayList<>());
      CompiledTemplate template = null;
      String src = effective.responseTemplates().get(JSON);
      if (src != null && !src.equals(GatewayResponseType.DEFAULT_TEMPLATE)) {
        try {
          template = templates.compile("gateway response " + t, src);
        } catch (TemplateException ex) {
          template = null; // fall back to the default body rather than fail the refusal itself
        }
      }
      resolved.put(
          t, new CompiledGatewayResponses.Resolved(code, effective.responseParameters(), template));
    }
    return new CompiledGatewayResponses(resolved);
  }

  private static int parseStatus(String s, List<String> errors) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      errors.add("invalid status code " + s);
      return 500;
    }
  }
}
