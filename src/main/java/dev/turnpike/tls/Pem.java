package dev.turnpike.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM in and out: certificates ({@code CERTIFICATE}) and unencrypted private keys in the three
 * forms people have ({@code PRIVATE KEY} = PKCS#8, {@code RSA PRIVATE KEY} = PKCS#1, {@code EC
 * PRIVATE KEY} = SEC1), through BouncyCastle's parser and the JDK's key factories (no BouncyCastle
 * JCA provider is registered).
 */
public final class Pem {
  private Pem() {}

  /** Every certificate in the text, in order; malformed text or anything else in it is an error. */
  public static List<X509Certificate> certificates(String pem) throws TlsException {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (!(o instanceof X509CertificateHolder holder)) {
          throw new TlsException(
              "Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
        out.add(converter.getCertificate(holder));
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new TlsException(
          "Unable to parse certificate. Please ensure the certificate is in PEM format.", e);
    }
    if (out.isEmpty()) {
      throw new TlsException(
          "Unable to parse certificate. Please ensure the certificate is in PEM format.");
    }
    return out;
  }

  /** The one private key in the text. */
  public static PrivateKey privateKey(String pem) throws TlsException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw new TlsException("The private key is encrypted; import it without a passphrase.");
      }
      throw new TlsException(
          "Unable to parse the private key. Please ensure the key is in PEM format.");
    } catch (TlsException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new TlsException("The private key is not supported: " + e.getMessage(), e);
    }
  }

  /** PEM text of certificates and keys ({@code PRIVATE KEY} is PKCS#8). */
  public static String encode(Object... objects) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
      for (Object o : objects) {
        if (o instanceof PrivateKey k) {
          pem.writeObject(new PemObject("PRIVATE KEY", k.getEncoded()));
        } else if (o instanceof List<?> list) {
          for (Object e : list) {
            pem.writeObject(new JcaMiscPEMGenerator(e));
          }
        } else {
          pem.writeObject(new JcaMiscPEMGenerator(o));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding failed", e);
    }
    return w.toString();
  }
}
