package dev.turnpike.cli;

import static java.util.Objects.requireNonNull;

import dev.turnpike.doctor.Doctor;
import dev.turnpike.kb.KnowledgeBase;
import dev.turnpike.kb.web.HtmlResponse;
import dev.turnpike.kb.web.KbWeb;
import dev.turnpike.kb.web.LiveCheck;
import dev.turnpike.kb.web.LiveCheck.Field;
import dev.turnpike.kb.web.LiveChecks;
import dev.turnpike.server.AdminPages;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wires the knowledge-base pages onto the admin listener: the articles in the jar, and the doctor
 * checks the pages may run live (the same {@link Doctor} the admin API answers {@code turnpike
 * doctor} with). Checks run on the control thread, which owns store reads.
 */
final class KbPages {
  private KbPages() {}

  static AdminPages create(Doctor doctor) {
    LiveChecks checks =
        new LiveChecks(
            List.of(
                new LiveCheck(
                    "limits",
                    List.of(
                        Field.required("api", "REST API id"),
                        Field.required("stage", "stage name"),
                        Field.optional("key", "API key id (not its value)", "")),
                    a ->
                        doctor.limits(
                            arg(a, "api"),
                            arg(a, "stage"),
                            arg(a, "key").isEmpty() ? null : arg(a, "key"))),
                new LiveCheck(
                    "access",
                    List.of(
                        Field.required("api", "REST API id"),
                        Field.required("stage", "stage name"),
                        Field.optional("method", "HTTP method", "GET"),
                        Field.required("path", "path after the stage, e.g. /pets"),
                        Field.required("principal", "caller ARN"),
                        Field.optional("source-ip", "aws:SourceIp", "127.0.0.1")),
                    a ->
                        doctor.access(
                            arg(a, "api"),
                            arg(a, "stage"),
                            arg(a, "method").toUpperCase(Locale.ROOT),
                            arg(a, "path"),
                            arg(a, "principal"),
                            arg(a, "source-ip"))),
                new LiveCheck(
                    "lambda",
                    List.of(
                        Field.required("api", "REST API id"),
                        Field.required("stage", "stage name")),
                    a -> doctor.lambda(arg(a, "api"), arg(a, "stage"))),
                new LiveCheck("certificates", List.of(), a -> doctor.certificates())));
    KbWeb web = new KbWeb(KnowledgeBase.fromClasspath(), checks);
    return new AdminPages() {
      @Override
      public boolean serves(String rawPath) {
        return KbWeb.serves(rawPath);
      }

      @Override
      public Page render(String method, String rawPath, String rawQuery, boolean loopbackClient) {
        HtmlResponse r = web.handle(method, rawPath, rawQuery, loopbackClient);
        return new Page(r.status(), r.headers(), r.body());
      }
    };
  }

  /** A field of the check: the page passes every declared field, blank when not filled in. */
  private static String arg(Map<String, String> args, String name) {
    return requireNonNull(args.get(name), name);
  }
}
