package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.testkit.Prerequisite;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's, driven by its chromedriver through Selenium) uses the
 * knowledge base the way a person does: the index, a search with a typo, the article, the live
 * check. Screenshots of each step are kept in {@code target/kb-screenshots/}. The pages have no
 * JavaScript: every step is a link or a GET form.
 */
class KbBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "kb-screenshots");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    // Never skipped: a missing browser is an error that names its fix (issue 16).
    Prerequisite.CHROMIUM.require();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    KbFixtures.serveExpiredCertificate(new AwsCli(turnpike), tmp, "expired.example.com");
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Root in a container needs --no-sandbox; the network flags keep Chromium from calling home on
    // a closed network.
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
        "--window-size=1100,900",
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
    if (turnpike != null) {
      turnpike.stop();
    }
  }

  private static void screenshot(String name) throws Exception {
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * A click that submits a form or follows a link returns before the next page has loaded, so an
   * assertion on the new page waits for its URL first (it failed on CI while the old page was still
   * current).
   */
  private static void awaitUrlContaining(String part) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains(part));
  }

  @Test
  void searchWithATypoReadTheArticleAndRunItsLiveCheck() throws Exception {
    browser.get("http://127.0.0.1:" + turnpike.adminPort() + "/_turnpike/kb");
    assertThat(browser.getTitle()).contains("Turnpike knowledge base");
    List<String> categories =
        browser.findElements(By.cssSelector("section.category h2")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(categories).contains("tls", "limits", "iam", "routing", "integrations", "api-keys");
    screenshot("1-index");

    WebElement box = browser.findElement(By.id("q"));
    box.sendKeys("certficate expired");
    browser.findElement(By.id("search")).click();
    awaitUrlContaining("q=certficate+expired");
    List<WebElement> hits = browser.findElements(By.cssSelector("#results li.hit a"));
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).getText()).isEqualTo("Expired or invalid certificate");
    screenshot("2-search");

    hits.get(0).click();
    awaitUrlContaining("/_turnpike/kb/certificate-expired-invalid");
    assertThat(browser.getCurrentUrl()).endsWith("/_turnpike/kb/certificate-expired-invalid");
    assertThat(browser.findElement(By.id("title")).getText())
        .isEqualTo("Expired or invalid certificate");
    assertThat(browser.findElement(By.id("updated")).getText())
        .isEqualTo("Last updated 2026-11-25");
    assertThat(
            browser.findElements(By.cssSelector("#errors code")).stream().map(WebElement::getText))
        .contains("certificate has expired");
    assertThat(browser.findElement(By.id("cli")).getText())
        .isEqualTo("turnpike doctor certificates");
    screenshot("3-article");

    browser.findElement(By.id("live-check")).click();
    awaitUrlContaining("/certificate-expired-invalid/check");
    assertThat(browser.getCurrentUrl()).endsWith("/_turnpike/kb/certificate-expired-invalid/check");
    assertThat(browser.findElement(By.id("level")).getText()).isEqualTo("FAIL");
    assertThat(browser.findElement(By.id("report")).getText())
        .contains("expired.example.com")
        .contains("expired on");
    screenshot("4-live-check");
  }
}
