package dev.turnpike.cli;

import dev.turnpike.observe.LogLimits;
import dev.turnpike.server.ListenerLimits;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The settings of one {@code serve}. Ports may be 0 (pick a free one). */
public record ServeConfig(
    Path dataDir,
    String bind,
    int httpPort,
    int httpsPort,
    int adminPort,
    String region,
    String domainSuffix,
    @Nullable String adminAccessKeyId,
    @Nullable String adminSecretAccessKey,
    double accountRate,
    int accountBurst,
    LogLimits logLimits,
    ListenerLimits listenerLimits) {

  /** AWS's default account throttle per Region (spec 2.1). */
  public static final double DEFAULT_ACCOUNT_RATE = 10_000;

  public static final int DEFAULT_ACCOUNT_BURST = 5_000;

  public ServeConfig(
      Path dataDir,
      String bind,
      int httpPort,
      int httpsPort,
      int adminPort,
      String region,
      String domainSuffix,
      @Nullable String adminAccessKeyId,
      @Nullable String adminSecretAccessKey) {
    this(
        dataDir,
        bind,
        httpPort,
        httpsPort,
        adminPort,
        region,
        domainSuffix,
        adminAccessKeyId,
        adminSecretAccessKey,
        DEFAULT_ACCOUNT_RATE,
        DEFAULT_ACCOUNT_BURST,
        LogLimits.DEFAULT,
        ListenerLimits.apiGatewayDefaults());
  }

  /** Defaults for tests and embedding: loopback, free ports, us-east-1, localhost suffix. */
  public static ServeConfig ephemeral(Path dataDir) {
    return new ServeConfig(dataDir, "127.0.0.1", 0, 0, 0, "us-east-1", "localhost", null, null);
  }
}
