package dev.bigocean.site;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.bigocean.analysis.AnalysisFixtures;
import dev.bigocean.analysis.AnalysisWorker;
import dev.bigocean.conversation.OfflineConversationIT;
import dev.bigocean.conversation.SincereAnswers;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The web client end to end in headless Chromium against the offline service: a whole assessment typed in the page,
 * results with the chart and a facet's quotes highlighted, sign-up, sharing, the public page in a fresh browser
 * (Open Graph tags and image), then private (403 page). Every page is scanned with axe-core (no serious or critical
 * violation); screenshots of each step go to {@code target/screenshots/}.
 */
@QuarkusTest
@TestProfile(OfflineConversationIT.Offline.class)
@ExtendWith(StopAnalysisWorkers.class)
class WebClientBrowserIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int MAX_TURNS = 25;

    /** Wraps fetch so that the next turn reaches the server, then fails in the page as a dropped connection would. */
    static final String DROP_NEXT_TURN = """
            const real = window.fetch;
            window.__turnKeys = [];
            let drop = true;
            window.fetch = async (url, init) => {
              if (String(url).includes('/api/assessment/message')) {
                window.__turnKeys.push(init.headers['Idempotency-Key']);
                if (drop) {
                  drop = false;
                  const response = await real(url, init);
                  await response.text();
                  throw new TypeError('Failed to fetch');
                }
              }
              return real(url, init);
            };""";

    @TestHTTPResource("/")
    URL base;

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    private WebDriver owner;
    private WebDriver visitor;

    @AfterEach
    void quit() {
        for (WebDriver d : new WebDriver[] { owner, visitor }) {
            if (d != null) {
                d.quit();
            }
        }
    }

    static WebDriver browser(int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("bigocean-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    @Test
    void aWholeAssessmentInTheBrowser() throws Exception {
        boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (!installed && System.getenv("CI") == null) {
            System.out.println("SKIPPED WebClientBrowserIT: Debian's chromium and chromium-driver are not installed "
                    + "(apt-get install -y chromium chromium-driver); CI installs them and never skips this test.");
            Assumptions.abort("chromium / chromedriver not installed");
        }
        assertTrue(installed, "CI must have " + CHROMIUM + " and " + CHROMEDRIVER + " (.ci/run installs them)");
        Files.createDirectories(SCREENSHOTS);
        worker.start();
        String root = base.toString().replaceAll("/+$", "");

        owner = browser(375, 812);
        owner.get(root + "/");
        WebDriverWait wait = new WebDriverWait(owner, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("start")));
        accessible(owner, "start page");
        shot(owner, "01-start");

        // Keyboard alone: the start button takes focus and Enter starts.
        owner.findElement(By.id("start")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#log .msg.assistant")).size() == 1);
        assertTrue(owner.getCurrentUrl().contains("#session="), owner.getCurrentUrl());
        String sessionId = owner.getCurrentUrl().replaceAll(".*#session=", "");
        accessible(owner, "chat");

        boolean complete = false;
        for (int turn = 1; turn <= MAX_TURNS && !complete; turn++) {
            List<WebElement> replies = owner.findElements(By.cssSelector("#log .msg.assistant p"));
            String question = replies.get(replies.size() - 1).getText();
            String answer = turn == 1 ? SincereAnswers.OPENING : SincereAnswers.to(question, turn);
            int before = replies.size();
            if (turn == 3) {
                // The connection drops after the server stored the turn: the page offers Retry, which sends the same
                // Idempotency-Key, so the server replays the stored turn instead of running it twice.
                ((JavascriptExecutor) owner).executeScript(DROP_NEXT_TURN);
            }
            WebElement box = owner.findElement(By.id("message"));
            box.sendKeys(answer);
            box.sendKeys(org.openqa.selenium.Keys.ENTER);
            if (turn == 3) {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("retry")));
                assertTrue(owner.findElement(By.id("alert")).getText().contains("Retry"));
                shot(owner, "02b-retry");
                owner.findElement(By.id("retry")).sendKeys(org.openqa.selenium.Keys.ENTER);
            }
            wait.until(d -> d.findElements(By.cssSelector("#log .msg.assistant")).size() == before + 1
                    && d.findElement(By.id("send")).isEnabled()
                    && d.findElement(By.id("typing")).getAttribute("hidden") != null);
            String reply = last(owner, "#log .msg.assistant p");
            assertFalse(reply.isBlank(), "the streamed reply is visible");
            assertEquals(answer, last(owner, "#log .msg.user p"));
            if (turn == 2) {
                shot(owner, "02-chat");
            }
            if (turn == 3) {
                @SuppressWarnings("unchecked")
                List<String> keys = (List<String>) ((JavascriptExecutor) owner).executeScript("return window.__turnKeys");
                assertEquals(2, keys.size(), "the turn was sent twice");
                assertEquals(keys.get(0), keys.get(1), "with the same Idempotency-Key");
                int stored = given().get("/api/assessment/{id}/resume", sessionId).then().statusCode(200)
                        .extract().path("messages.size()");
                assertEquals(1 + 2 * turn, stored, "the retried turn is stored once");
                assertEquals(1, owner.findElements(By.xpath("//li[contains(@class,'user')]/p[.=\"" + answer + "\"]")).size());
            }
            awaitAnalysis(sessionId);
            complete = owner.findElement(By.id("see-results")).isDisplayed();
        }
        assertTrue(complete, "the assessment completes within " + MAX_TURNS + " turns");
        double overall = Double.parseDouble(owner.findElement(By.id("overall")).getAttribute("value"));
        assertTrue(overall >= 70, "progress meter shows " + overall);

        // Resume in another tab (a fresh page load of the same URL) shows the same conversation.
        int messages = owner.findElements(By.cssSelector("#log .msg")).size();
        owner.navigate().refresh();
        wait.until(d -> d.findElements(By.cssSelector("#log .msg")).size() == messages);

        owner.findElement(By.id("see-results")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
        assertEquals(5, owner.findElements(By.cssSelector("#trait-chart svg rect.chart-bar")).size());
        assertEquals(30, owner.findElements(By.cssSelector("button.facet")).size());
        assertTrue(owner.findElement(By.id("code")).getText().matches("[LMH]{5}"));
        accessible(owner, "results");
        shot(owner, "03-results");

        owner.findElement(By.cssSelector("button.facet[data-facet='orderliness']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#evidence-list mark")).isEmpty());
        String marked = owner.findElement(By.cssSelector("#evidence-list mark")).getText();
        String quoted = owner.findElement(By.cssSelector("#evidence-list blockquote")).getText();
        assertTrue(quoted.contains(marked) && marked.length() > 3, marked);
        accessible(owner, "evidence");
        shot(owner, "04-evidence");

        owner.manage().window().setSize(new Dimension(1280, 900));
        shot(owner, "05-results-desktop");

        owner.findElement(By.id("open-sign-up")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-dialog")));
        owner.findElement(By.id("name")).sendKeys("Robin Browser");
        owner.findElement(By.id("email")).sendKeys("robin-" + UUID.randomUUID() + "@example.com");
        owner.findElement(By.id("password")).sendKeys("a long and sincere passphrase");
        accessible(owner, "sign-up dialog");
        shot(owner, "06-sign-up");
        owner.findElement(By.id("auth-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));

        owner.findElement(By.id("share")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("share-url")));
        String shareable = owner.findElement(By.id("share-url")).getAttribute("value");
        assertTrue(shareable.matches("https?://[^/]+/profile/[0-9a-f-]{36}"), shareable);
        String path = shareable.replaceFirst("https?://[^/]+", "");
        shot(owner, "07-shared");

        visitor = browser(1200, 900);
        visitor.get(root + path);
        String ogImage = meta(visitor, "property", "og:image");
        assertTrue(ogImage.contains(path + "/og.png"), ogImage);
        assertEquals("summary_large_image", meta(visitor, "name", "twitter:card"));
        assertTrue(meta(visitor, "property", "og:title").contains(owner.findElement(By.id("code")).getText()));
        assertEquals(owner.findElement(By.id("archetype")).getText(), visitor.findElement(By.tagName("h1")).getText());
        assertTrue(visitor.findElements(By.cssSelector("svg rect")).size() >= 70, "trait and facet bars");
        accessible(visitor, "public profile");
        shot(visitor, "08-public-profile");

        Response image = given().get(ogImage.replaceFirst("https?://[^/]+", ""));
        assertEquals(200, image.statusCode());
        assertEquals("image/png", image.contentType());
        var png = ImageIO.read(new ByteArrayInputStream(image.asByteArray()));
        assertEquals(1200, png.getWidth());
        assertEquals(630, png.getHeight());
        given().header("If-None-Match", image.header("ETag")).get(ogImage.replaceFirst("https?://[^/]+", ""))
                .then().statusCode(304);
        Response page = given().get(path);
        given().header("If-None-Match", page.header("ETag")).get(path).then().statusCode(304);

        owner.findElement(By.id("visibility")).click();
        wait.until(d -> d.findElement(By.id("visibility-state")).getText().contains("Only you"));
        shot(owner, "09-private");

        visitor.navigate().refresh();
        assertEquals("This profile is private", visitor.findElement(By.tagName("h1")).getText());
        given().get(path).then().statusCode(403);
        given().get("/profile/" + UUID.randomUUID()).then().statusCode(404);
        accessible(visitor, "private profile page");
        shot(visitor, "10-private-page");

        owner.get(root + path);
        assertTrue(owner.getPageSource().contains("This profile is private: only you can see it"));
        shot(owner, "11-owner-private-page");
    }

    private void awaitAnalysis(String sessionId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.pool()
                .preparedQuery("SELECT count(*) AS n FROM analysis_job WHERE session_id = $1 AND status <> 'done'")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(sessionId))).await().indefinitely()
                .iterator().next().getLong("n") == 0);
    }

    private static String last(WebDriver driver, String css) {
        List<WebElement> all = driver.findElements(By.cssSelector(css));
        return all.get(all.size() - 1).getText();
    }

    private static String meta(WebDriver driver, String attribute, String name) {
        return driver.findElement(By.cssSelector("meta[" + attribute + "='" + name + "']")).getAttribute("content");
    }

    private static void shot(WebDriver driver, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Runs axe-core on the page and fails on any serious or critical violation. */
    private static void accessible(WebDriver driver, String page) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined'"))) {
            js.executeScript(axeSource());
        }
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] })"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertEquals(List.of(), result, "accessibility of the " + page);
    }

    private static String axe;

    private static synchronized String axeSource() throws IOException {
        if (axe == null) {
            try (InputStream in = WebClientBrowserIT.class.getClassLoader().getResourceAsStream("axe/axe.min.js")) {
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axe;
    }
}
