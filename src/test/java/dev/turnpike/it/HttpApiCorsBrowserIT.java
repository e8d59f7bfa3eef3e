package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.turnpike.testkit.Prerequisite;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * HTTP API CORS in a real browser (issue 19): headless Chromium (as {@link KbBrowserIT} drives it)
 * loads a page from one origin ({@code http://127.0.0.1:<page port>}) whose script calls the API on
 * another ({@code http://<api>.execute-api.us-east-1.localhost:<port>}, which Chromium resolves to
 * loopback) with a {@code PUT} and a custom header, so the browser sends a preflight. Without
 * {@code corsConfiguration} the browser blocks the call (the backend is never reached by the PUT);
 * with one that allows the page's origin the page reads the response, and an exposed header.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiCorsBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static EchoBackend backend;
  static HttpServer page;
  static WebDriver browser;
  static String apiId;

  @BeforeAll
  static void start() throws Exception {
    Prerequisite.CHROMIUM.require();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    backend = EchoBackend.start();
    apiId =
        aws.v2("create-api", "--name", "browser", "--protocol-type", "HTTP").get("ApiId").asText();
    aws.v2("create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy");
    String in =
        aws.v2(
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "HTTP_PROXY",
                "--integration-method",
                "ANY",
                "--integration-uri",
                backend.url("/items"),
                "--payload-format-version",
                "1.0")
            .get("IntegrationId")
            .asText();
    aws.v2(
        "create-route",
        "--api-id",
        apiId,
        "--route-key",
        "PUT /items",
        "--target",
        "integrations/" + in);
    page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    page.createContext(
        "/",
        ex -> {
          byte[] html = page().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          ex.sendResponseHeaders(200, html.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(html);
          }
        });
    page.start();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (page != null) {
      page.stop(0);
    }
    if (backend != null) {
      backend.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static String origin() {
    return "http://127.0.0.1:" + page.getAddress().getPort();
  }

  private static String page() {
    String api =
        "http://" + apiId + ".execute-api.us-east-1.localhost:" + turnpike.httpPort() + "/items";
    return "<!doctype html><html><head><title>cors</title></head><body><pre"
        + " id=\"out\">waiting</pre><script>fetch('"
        + api
        + "', {method: 'PUT', headers: {'x-custom': '1', 'content-type': 'application/json'},"
        + " body: '{}'})"
        + ".then(r => r.text().then(t => { document.getElementById('out').textContent ="
        + " 'ok ' + r.status + ' ' + r.headers.get('x-backend'); }))"
        + ".catch(e => { document.getElementById('out').textContent = 'blocked ' + e; });"
        + "</script></body></html>";
  }

  private static String run() {
    browser.get(origin() + "/");
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("out"), "waiting")));
    return browser.findElement(By.id("out")).getText();
  }

  @Test
  @Order(1)
  void withoutCorsConfiguration_theBrowserBlocksTheCall() throws Exception {
    Poll.until(
        Duration.ofSeconds(10),
        () -> Invoke.hostStyle(turnpike, apiId, "PUT", "/items", "{}"),
        r -> r.status() == 200);
    int before = backend.received().size();
    assertThat(run()).startsWith("blocked TypeError");
    assertThat(backend.received()).hasSize(before); // the preflight failed: no PUT was sent
  }

  @Test
  @Order(2)
  void withCorsConfiguration_thePageReadsTheResponse() throws Exception {
    aws.v2(
        "update-api",
        "--api-id",
        apiId,
        "--cors-configuration",
        "AllowOrigins="
            + origin()
            + ",AllowMethods=PUT,AllowHeaders=x-custom,content-type,ExposeHeaders=x-backend");
    Poll.until(
        Duration.ofSeconds(10),
        () ->
            Invoke.hostStyle(
                turnpike,
                apiId,
                "OPTIONS",
                "/items",
                null,
                "Origin",
                origin(),
                "Access-Control-Request-Method",
                "PUT"),
        r -> r.status() == 204);
    assertThat(run()).isEqualTo("ok 200 echo");
    assertThat(backend.last().method()).isEqualTo("PUT");
    assertThat(backend.last().header("x-custom")).isEqualTo("1");
  }
}
