package dev.turnpike.tls;

import dev.turnpike.model.ClientCertificate;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Describes a validated client certificate the way {@code $context.identity.clientCert} shows it
 * (spec 3.6).
 */
public final class ClientCertificates {
  /**
   * OpenSSL's date form, as in AWS's event samples: {@code Aug 5 09:36:04 2021 GMT} (day padded to
   * two).
   */
  private static final DateTimeFormatter VALIDITY =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private ClientCertificates() {}

  public static ClientCertificate describe(X509Certificate c) {
    return new ClientCertificate(
        Pem.encode(c),
        c.getSubjectX500Principal().getName(),
        c.getIssuerX500Principal().getName(),
        serial(c.getSerialNumber()),
        VALIDITY.format(c.getNotBefore().toInstant()),
        VALIDITY.format(c.getNotAfter().toInstant()));
  }

  /** Lower-case hex bytes joined by colons ({@code a1:b2:...}), as in AWS's samples. */
  static String serial(BigInteger serial) {
    byte[] bytes = serial.toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    StringBuilder b = new StringBuilder();
    for (int i = start; i < bytes.length; i++) {
      if (b.length() > 0) {
        b.append(':');
      }
      b.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16))
          .append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    return b.toString();
  }
}
