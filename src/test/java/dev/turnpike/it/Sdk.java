package dev.turnpike.it;

import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * An SDK v2 client for a {@link TurnpikeProcess}, for tests whose subject is not the control plane
 * and that need fast setup. Apache 5 HTTP client: HttpURLConnection cannot send PATCH. No retries:
 * a failure must show.
 */
final class Sdk {
  private Sdk() {}

  static ApiGatewayClient connect(TurnpikeProcess turnpike) throws IOException {
    TurnpikeProcess.Credentials c = turnpike.credentials();
    return ApiGatewayClient.builder()
        .endpointOverride(URI.create("http://localhost:" + turnpike.adminPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .httpClient(Apache5HttpClient.create())
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }
}
