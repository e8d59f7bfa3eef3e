package dev.turnpike.integration;

import dev.turnpike.counters.Ticker;
import dev.turnpike.integration.http.HttpBackendClient;
import dev.turnpike.integration.lambda.AwsProxyIntegration;
import dev.turnpike.integration.lambda.HttpApiLambdaIntegration;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.snapshot.BoundIntegration;
import dev.turnpike.snapshot.CompiledHttpIntegration;
import dev.turnpike.snapshot.IntegrationBinder;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The integration types Turnpike serves, by the name AWS gives them: the one place an
 * implementation is registered. The snapshot compiler binds each method's integration through it
 * once per deployment. Every type of REST APIs is listed; {@code AWS} serves Lambda only (another
 * service answers 500, as AWS answers for an integration it cannot call).
 */
public final class IntegrationRegistry implements IntegrationBinder {
  private final Map<String, BoundIntegration> byType;

  /**
   * {@code lambda} runs Lambda functions for {@code AWS_PROXY}; {@code ticker} measures {@code
   * $context.integrationLatency}.
   */
  public IntegrationRegistry(HttpBackendClient client, LambdaInvoker lambda, Ticker ticker) {
    this.byType =
        Map.of(
            "MOCK",
            new MockIntegration(),
            "HTTP",
            new HttpIntegration(client, ticker),
            "HTTP_PROXY",
            new HttpProxyIntegration(client, ticker),
            "AWS_PROXY",
            new AwsProxyIntegration(lambda, ticker),
            "AWS",
            new AwsLambdaIntegration(lambda, ticker),
            CompiledHttpIntegration.bindingKey("HTTP_PROXY"),
            new HttpApiProxyIntegration(client, ticker),
            CompiledHttpIntegration.bindingKey("AWS_PROXY"),
            new HttpApiLambdaIntegration(lambda, ticker));
  }

  @Override
  public @Nullable BoundIntegration bind(String type) {
    return byType.get(type);
  }
}
