package dev.turnpike.cli;

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

/**
 * Wires the knowledge-base pages onto the admin listener: the articles in the jar, and the doctor checks the pages
 * may run live (the same {@link Doctor} the admin API answers {@code turnpike doctor} with). Checks run on the
 * control thread, which owns store reads.
 */
final class KbPages {
  private KbPages() {}

  static AdminPages create(Doctor doctor) {
    LiveChecks checks = new LiveChecks(List.of(
        new LiveCheck("limits", List.of(Field.required("api", "REST API id"), Field.required("stage", "stage name"),
            Field.optional("key", "API key id (not its value)", "")),
            a -> doctor.limits(a.get("api"), a.get("stage"), a.get("key").isEmpty() ? null : a.get("key"))),
        new LiveCheck("access", List.of(Field.required("api", "REST API id"), Field.required("stage", "stage name"),
            Field.optional("method", "HTTP method", "GET"), Field.required("path", "path after the stage, e.g. /pets"),
            Field.required("principal", "caller ARN"), Field.optional("source-ip", "aws:SourceIp", "127.0.0.1")),
            a -> doctor.access(a.get("api"), a.get("stage"), a.get("method").toUpperCase(Locale.ROOT), a.get("path"),
                a.get("principal"), a.get("source-ip"))),
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
}
