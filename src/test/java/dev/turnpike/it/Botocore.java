package dev.turnpike.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.testkit.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Requests signed by botocore (the Python in the image), as boto3, awscurl and the AWS CLI sign
 * them: the script signs with {@code SigV4Auth} (or {@code SigV4QueryAuth} for presigned URLs) for
 * the execute-api host, optionally at a shifted clock, and sends to 127.0.0.1 with that Host
 * header.
 */
final class Botocore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPT =
      """
      import sys, json, datetime, http.client
      import botocore.auth
      from botocore.auth import SigV4Auth, SigV4QueryAuth
      from botocore.awsrequest import AWSRequest
      from botocore.credentials import Credentials
      a = json.load(sys.stdin)
      if a.get('skew'):
          real = botocore.auth.get_current_datetime
          botocore.auth.get_current_datetime = lambda: real() + datetime.timedelta(seconds=a['skew'])
      creds = Credentials(a['key'], a['secret'], a.get('token'))
      url = 'http://' + a['host'] + a['path']
      req = AWSRequest(method=a['method'], url=url, data=a.get('body') or None)
      if a.get('presign'):
          SigV4QueryAuth(creds, 'execute-api', a['region'], expires=300).add_auth(req)
      else:
          SigV4Auth(creds, 'execute-api', a['region']).add_auth(req)
      prepared = req.prepare()
      target = prepared.url[len('http://' + a['host']):]
      c = http.client.HTTPConnection('127.0.0.1', a['port'], timeout=20)
      headers = dict(prepared.headers.items())
      headers['Host'] = a['host']
      c.request(a['method'], target, body=prepared.body, headers=headers)
      r = c.getresponse()
      print(json.dumps({'status': r.status, 'body': r.read().decode('utf-8'),
                        'errorType': r.getheader('x-amzn-ErrorType')}))
      """;

  record Reply(int status, String body, String errorType) {}

  private final Path script;

  Botocore(Path dir) throws IOException {
    Prerequisite.BOTOCORE.require();
    script = dir.resolve("sign.py");
    Files.writeString(script, SCRIPT.stripIndent(), StandardCharsets.UTF_8);
  }

  Reply send(
      int port,
      String host,
      String method,
      String path,
      String key,
      String secret,
      String token,
      long skewSeconds,
      boolean presign)
      throws IOException, InterruptedException {
    ObjectNode a =
        JSON.createObjectNode()
            .put("port", port)
            .put("host", host)
            .put("method", method)
            .put("path", path)
            .put("key", key)
            .put("secret", secret)
            .put("region", "us-east-1")
            .put("skew", skewSeconds)
            .put("presign", presign);
    if (token != null) {
      a.put("token", token);
    }
    Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(false).start();
    p.getOutputStream().write(JSON.writeValueAsBytes(a));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("botocore signer failed: " + err);
    }
    JsonNode n = JSON.readTree(out);
    return new Reply(
        n.get("status").asInt(),
        n.get("body").asText(),
        n.get("errorType").isNull() ? null : n.get("errorType").asText());
  }
}
