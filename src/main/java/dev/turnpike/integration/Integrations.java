package dev.turnpike.integration;

import dev.turnpike.integration.http.HttpBackendClient;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import dev.turnpike.snapshot.CompiledIntegration;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * Dispatches a routed exchange to its integration. The only asynchronous step of the request path: MOCK completes
 * at once; HTTP and HTTP_PROXY complete on the caller's event loop when the backend answers.
 */
public final class Integrations {
  private final MockIntegration mock = new MockIntegration();
  private final HttpProxyIntegration httpProxy;
  private final HttpIntegration http;

  public Integrations(HttpBackendClient client) {
    this.httpProxy = new HttpProxyIntegration(client);
    this.http = new HttpIntegration(client);
  }

  public CompletableFuture<GatewayReply> invoke(Exchange ex, EventLoop loop) {
    CompiledIntegration in = ex.method().integration();
    if (in == null) {
      // A method without an integration cannot be deployed on AWS; a frozen one that lost it is a config error.
      return done(GatewayResponses.render(GatewayResponseType.API_CONFIGURATION_ERROR, ex,
          "Internal server error", null));
    }
    if (in.configurationError() != null) {
      return done(GatewayResponses.render(GatewayResponseType.API_CONFIGURATION_ERROR, ex, "Internal server error", null));
    }
    return switch (in.type()) {
      case "MOCK" -> done(mock.invoke(ex, in));
      case "HTTP_PROXY" -> httpProxy.invoke(ex, in, loop);
      case "HTTP" -> http.invoke(ex, in, loop);
      // AWS and AWS_PROXY (Lambda, AWS services) are not served yet: answer as AWS does for an integration it
      // cannot call, a 500, rather than pretend.
      default -> done(GatewayResponses.render(GatewayResponseType.API_CONFIGURATION_ERROR, ex, "Internal server error", null));
    };
  }

  private static CompletableFuture<GatewayReply> done(GatewayReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
