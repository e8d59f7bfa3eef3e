package dev.turnpike.kb.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.doctor.Doctor;
import dev.turnpike.kb.Article;
import dev.turnpike.kb.KnowledgeBase;
import dev.turnpike.snapshot.GatewaySnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rendering, escaping, headers and the access rule of the KB pages, on real articles and a real
 * {@link Doctor}.
 */
class KbWebTest {
  private static final String HOSTILE =
      """
      ---
      title: "Evil <script>alert('t')</script> title"
      category: <b>cat</b>
      symptoms:
        - "<img src=x onerror=alert(1)> symptom"
      errors:
        - "<script>alert('e')</script>"
      last_updated: 2026-11-25
      doctor: turnpike doctor limits --api ID --stage S "><script>alert(3)</script>
      ---

      ## What you see

      <script>alert('body')</script>

      Inline <iframe src="https://example.com"></iframe> and [a link](javascript:alert(2)) and <b onclick="x()">b</b>.

      ```
      <script>in code</script>
      ```
      """;

  private final Doctor doctor = new Doctor(GatewaySnapshot::empty, "us-east-1", Clock.systemUTC());
  private final LiveChecks checks =
      new LiveChecks(
          List.of(
              new LiveCheck(
                  "limits",
                  List.of(
                      LiveCheck.Field.required("api", "api id"),
                      LiveCheck.Field.required("stage", "stage"),
                      LiveCheck.Field.optional("key", "key id", "")),
                  a ->
                      doctor.limits(
                          a.get("api"),
                          a.get("stage"),
                          a.get("key").isEmpty() ? null : a.get("key")))));
  private final KbWeb web = new KbWeb(KnowledgeBase.fromClasspath(), checks);

  private static String body(HtmlResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void anArticleWithScriptInEveryFieldIsRenderedInert() {
    Article evil = Article.parse("evil", HOSTILE);
    KbWeb w = new KbWeb(new KnowledgeBase(List.of(evil)), checks);
    String html = body(w.handle("GET", "/_turnpike/kb/evil", "", true));
    assertThat(html.toLowerCase())
        .doesNotContain("<script")
        .doesNotContain("<iframe")
        .doesNotContain("<img")
        .doesNotContain("onclick=\"")
        .doesNotContain("javascript:")
        .doesNotContain("<b>cat");
    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;")
        .contains("&lt;script&gt;alert('body')&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt; symptom")
        .contains("&lt;script&gt;in code&lt;/script&gt;");
    // The index and a search listing it escape the title too.
    assertThat(body(w.handle("GET", "/_turnpike/kb", "", true))).doesNotContain("<script");
    assertThat(body(w.handle("GET", "/_turnpike/kb", "q=evil", true))).doesNotContain("<script");
  }

  @Test
  void theSearchBoxEchoesTheQueryEscaped() {
    String html =
        body(web.handle("GET", "/_turnpike/kb", "q=%22%3E%3Cscript%3Ex()%3C%2Fscript%3E", true));
    assertThat(html)
        .doesNotContain("<script")
        .contains("value=\"&quot;&gt;&lt;script&gt;x()&lt;/script&gt;\"");
  }

  @Test
  void everyPageHasTheContentTypeCachingAndSecurityHeaders() {
    for (String[] req :
        new String[][] {
          {"/_turnpike/kb", ""},
          {"/_turnpike/kb", "q=throttle"},
          {"/_turnpike/kb/throttling-429", ""},
          {"/_turnpike/kb/no-such", ""}
        }) {
      HtmlResponse r = web.handle("GET", req[0], req[1], false);
      assertThat(r.headers())
          .containsEntry("Content-Type", "text/html; charset=utf-8")
          .containsEntry("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
          .containsEntry("X-Content-Type-Options", "nosniff")
          .containsKey("Cache-Control");
      assertThat(body(r))
          .startsWith("<!DOCTYPE html>")
          .doesNotContain("http://")
          .doesNotContain("https://");
    }
  }

  @Test
  void theIndexListsEveryCategoryAndArticle() {
    String html = body(web.handle("GET", "/_turnpike/kb", "", false));
    for (String c : List.of("api-keys", "iam", "integrations", "limits", "routing", "tls")) {
      assertThat(html).contains("<h2 id=\"cat-" + c + "\">" + c + "</h2>");
    }
    assertThat(html)
        .contains(
            "<a href=\"/_turnpike/kb/certificate-expired-invalid\">Expired or invalid"
                + " certificate</a>");
  }

  @Test
  void searchResultsComeInTheCliOrderWithTypos() {
    String html = body(web.handle("GET", "/_turnpike/kb", "q=certficate+expired", false));
    List<KnowledgeBase.Hit> hits = KnowledgeBase.fromClasspath().search("certficate expired");
    assertThat(hits.get(0).article().slug()).isEqualTo("certificate-expired-invalid");
    int previous = -1;
    for (KnowledgeBase.Hit h : hits) {
      int at = html.indexOf("href=\"/_turnpike/kb/" + h.article().slug() + "\"");
      assertThat(at).as(h.article().slug()).isGreaterThan(previous);
      previous = at;
    }
  }

  @Test
  void anArticleShowsLastUpdatedErrorsRelatedArticlesAndTheLiveCheck() {
    String html = body(web.handle("GET", "/_turnpike/kb/throttling-429", "", false));
    assertThat(html)
        .contains("<h1 id=\"title\">")
        .contains("Last updated 2026-")
        .contains("<code id=\"cli\">turnpike doctor limits --api ID --stage S --key KEY_ID</code>")
        .contains("href=\"/_turnpike/kb/throttling-429/check\"")
        .contains("<ul id=\"related\">");
    // explain needs a request id from a real failure: shown as the CLI line, no live link.
    String explain = body(web.handle("GET", "/_turnpike/kb/signature-mismatch", "", false));
    assertThat(explain).contains("turnpike explain &lt;request-id&gt;").doesNotContain("/check\"");
    assertThat(web.handle("GET", "/_turnpike/kb/signature-mismatch/check", "", true).status())
        .isEqualTo(404);
  }

  @Test
  void unknownPagesAre404AndOtherMethods405() {
    HtmlResponse r = web.handle("GET", "/_turnpike/kb/<nope>", "", true);
    assertThat(r.status()).isEqualTo(404);
    assertThat(body(r)).contains("&lt;nope&gt;").doesNotContain("<nope>");
    assertThat(web.handle("GET", "/_turnpike/kb/throttling-429/x/y", "", true).status())
        .isEqualTo(404);
    HtmlResponse post = web.handle("POST", "/_turnpike/kb", "", true);
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
    assertThat(web.handle("GET", "/_turnpike/kb", "q=%zz", true).status()).isEqualTo(400);
  }

  @Test
  void liveChecksRunTheDoctorForLoopbackClientsOnly() {
    HtmlResponse remote =
        web.handle("GET", "/_turnpike/kb/throttling-429/check", "api=a1&stage=dev&run=1", false);
    assertThat(remote.status()).isEqualTo(403);
    assertThat(body(remote)).contains("loopback clients only").doesNotContain("id=\"report\"");

    HtmlResponse form = web.handle("GET", "/_turnpike/kb/throttling-429/check", "", true);
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.headers()).containsEntry("Cache-Control", "no-store");
    assertThat(body(form)).contains("name=\"api\"").doesNotContain("id=\"report\"");

    String report =
        body(
            web.handle(
                "GET", "/_turnpike/kb/throttling-429/check", "api=a1&stage=dev&run=1", true));
    assertThat(report)
        .contains("<code id=\"cli\">turnpike doctor limits --api a1 --stage dev</code>")
        .contains("id=\"level\">FAIL</span>")
        .contains("No deployed API a1")
        .contains("href=\"/_turnpike/kb/unknown-stage-403\"");

    String missing =
        body(web.handle("GET", "/_turnpike/kb/throttling-429/check", "api=a1&run=1", true));
    assertThat(missing).contains("Fill in --stage");
    String quoted =
        body(
            web.handle(
                "GET",
                "/_turnpike/kb/throttling-429/check",
                "api=a+b%3Cx%3E&stage=dev&run=1",
                true));
    assertThat(quoted).contains("--api &#39;a b&lt;x&gt;&#39; --stage dev").doesNotContain("<x>");
  }
}
