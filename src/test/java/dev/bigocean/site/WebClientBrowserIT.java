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
import java.util.ArrayList;
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
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.bigocean.analysis.AnalysisFixtures;
import dev.bigocean.analysis.AnalysisWorker;
import dev.bigocean.conversation.OfflineConversationIT;
import dev.bigocean.conversation.SincereAnswers;
import dev.bigocean.testsupport.Sql;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The web client end to end in headless Chromium against the offline service: a whole assessment typed in the page,
 * questionnaire answers given before the chat and after it (kept when reopened), results with the chart, a facet's
 * quotes highlighted and the agreement report, sign-up, sharing, the public page in a fresh browser (Open Graph tags and
 * image), then private (403 page); and a German browser getting German everywhere the service has it. Every page is scanned with axe-core (no serious or critical
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

    /** Quits the browsers, failing the test if a page broke its own content security policy meanwhile. */
    @AfterEach
    void quit() {
        List<String> refused = new ArrayList<>();
        for (WebDriver d : new WebDriver[] { owner, visitor }) {
            if (d != null) {
                try {
                    d.manage().logs().get(LogType.BROWSER).forEach(entry -> {
                        if (entry.getMessage().contains("Content Security Policy")) {
                            refused.add(entry.getMessage());
                        }
                    });
                } finally {
                    d.quit();
                }
            }
        }
        assertTrue(refused.isEmpty(), "the browser refused what a page asked for: " + refused);
    }

    static WebDriver browser(int width, int height) throws IOException {
        return browser(width, height, "en-US,en");
    }

    static WebDriver browser(int width, int height, String acceptLanguages) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", acceptLanguages));
        options.setBinary(CHROMIUM);
        options.setCapability("goog:loggingPrefs", java.util.Map.of(LogType.BROWSER, "ALL"));
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

    /** Skips (outside CI only) when Debian's chromium and chromium-driver are missing. */
    static void requireBrowser() throws IOException {
        boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (!installed && System.getenv("CI") == null) {
            System.out.println("SKIPPED WebClientBrowserIT: Debian's chromium and chromium-driver are not installed "
                    + "(apt-get install -y chromium chromium-driver); CI installs them and never skips this test.");
            Assumptions.abort("chromium / chromedriver not installed");
        }
        assertTrue(installed, "CI must have " + CHROMIUM + " and " + CHROMEDRIVER + " (.ci/run installs them)");
        Files.createDirectories(SCREENSHOTS);
    }

    @Test
    void aWholeAssessmentInTheBrowser() throws Exception {
        requireBrowser();
        worker.start();
        String root = base.toString().replaceAll("/+$", "");

        owner = browser(375, 812);
        owner.get(root + "/");
        WebDriverWait wait = new WebDriverWait(owner, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("start")));
        wait.until(d -> d.findElements(By.cssSelector("#language option")).size() > 30);
        assertEquals("en", new Select(owner.findElement(By.id("language"))).getFirstSelectedOption().getAttribute("value"),
                "the browser's language is preselected");
        accessible(owner, "start page");
        shot(owner, "01-start");

        // Keyboard alone: the start button takes focus and Enter starts.
        owner.findElement(By.id("start")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#log .msg.assistant")).size() == 1);
        assertTrue(owner.getCurrentUrl().contains("#session="), owner.getCurrentUrl());
        String sessionId = owner.getCurrentUrl().replaceAll(".*#session=", "");
        assertTrue(last(owner, "#log .msg.assistant p").startsWith("Hi, I'm Nerin"));
        accessible(owner, "chat");

        // Before the chat: two questionnaire statements, one with the mouse, one with the keyboard alone.
        List<String> items = given().get("/api/questionnaire?lang=en").then().statusCode(200).extract().path("items.id");
        owner.findElement(By.id("open-questionnaire")).click();
        wait.until(d -> d.findElements(By.cssSelector("#questionnaire-items fieldset")).size() == 20);
        assertTrue(owner.findElement(By.id("questionnaire-heading")).isDisplayed());
        assertEquals(List.of("Very Inaccurate", "Moderately Inaccurate", "Neither Accurate Nor Inaccurate",
                "Moderately Accurate", "Very Accurate"), owner.findElements(By.cssSelector(
                        "fieldset[data-item='" + items.get(0) + "'] label")).stream().map(WebElement::getText).toList());
        owner.findElement(By.cssSelector("label[for='q-" + items.get(0) + "-4']")).click();
        WebElement second = owner.findElement(By.id("q-" + items.get(1) + "-1"));
        second.sendKeys(org.openqa.selenium.Keys.SPACE);
        second.sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT); // moves the choice within the radio group: answer 2
        assertTrue(owner.findElement(By.id("q-" + items.get(1) + "-2")).isSelected());
        accessible(owner, "questionnaire");
        shot(owner, "01b-questionnaire");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answersStored(sessionId).equals(
                java.util.Map.of(items.get(0), 4, items.get(1), 2)));
        owner.findElement(By.id("questionnaire-done")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertEquals("Continue the questionnaire", owner.findElement(By.id("open-questionnaire")).getText());

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
        // The agreement report: the two answers given before the chat score no facet yet.
        assertTrue(owner.findElement(By.id("agreement")).isDisplayed());
        assertEquals(5, owner.findElements(By.cssSelector("#agreement-traits tbody tr")).size());
        assertEquals(30, owner.findElements(By.cssSelector("#agreement-facets tbody tr[data-name]")).size());
        assertTrue(owner.findElement(By.id("agreement-answered")).getText().contains("2 of 120"));
        assertEquals(30, owner.findElements(By.cssSelector("#agreement-facets tr[data-verdict='not_enough_evidence']")).size());
        accessible(owner, "results");
        shot(owner, "03-results");

        // After the chat: the questionnaire again, with the earlier answers shown; one more on the next page.
        owner.findElement(By.id("results-questionnaire")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("questionnaire")));
        assertTrue(owner.findElement(By.id("q-" + items.get(0) + "-4")).isSelected(), "kept when reopened");
        assertTrue(owner.findElement(By.id("q-" + items.get(1) + "-2")).isSelected(), "kept when reopened");
        assertEquals("2 of 120", owner.findElement(By.id("questionnaire-count")).getText());
        owner.findElement(By.id("questionnaire-next")).click();
        wait.until(d -> d.findElement(By.id("questionnaire-page")).getText().startsWith("Statements 21 to 40"));
        owner.findElement(By.cssSelector("label[for='q-" + items.get(20) + "-5']")).click();
        owner.findElement(By.id("questionnaire-done")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
        wait.until(d -> d.findElement(By.id("agreement-answered")).getText().contains("3 of 120"));
        assertEquals(java.util.Map.of(items.get(0), 4, items.get(1), 2, items.get(20), 5), answersStored(sessionId));

        // Every statement answered (the rest through the API): the page shows the report exactly as the API has it.
        java.util.Map<String, Integer> all = new java.util.LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            all.put(items.get(i), 1 + (i * 7) % 5);
        }
        given().contentType("application/json").body(java.util.Map.of("answers", all))
                .put("/api/assessment/{id}/questionnaire", sessionId).then().statusCode(200);
        owner.findElement(By.id("back-to-chat")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("see-results"))).click();
        wait.until(d -> d.findElement(By.id("agreement-answered")).getText().contains("120 of 120"));
        Response api = given().get("/api/assessment/{id}/results", sessionId);
        List<java.util.Map<String, Object>> traits = api.path("agreement.traits");
        for (java.util.Map<String, Object> t : traits) {
            WebElement row = owner.findElement(By.cssSelector("#agreement-traits tr[data-name='" + t.get("name") + "']"));
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f", ((Number) t.get("conversation")).doubleValue()), cells.get(0));
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f", ((Number) t.get("questionnaire")).doubleValue()), cells.get(1));
            assertEquals(t.get("label"), row.getAttribute("data-verdict"));
        }
        List<java.util.Map<String, Object>> facets = api.path("agreement.facets");
        for (java.util.Map<String, Object> f : facets) {
            WebElement row = owner.findElement(By.cssSelector("#agreement-facets tr[data-name='" + f.get("name") + "']"));
            assertEquals(f.get("label"), row.getAttribute("data-verdict"), "verdict of " + f.get("name"));
            assertFalse(row.findElements(By.tagName("td")).get(1).getText().equals("—"), "every facet has a questionnaire score");
        }
        Integer overallAgreement = api.path("agreement.overallAgreement");
        if (overallAgreement != null) {
            assertEquals(overallAgreement + "%", owner.findElement(By.id("overall-agreement")).getText());
        } else {
            assertTrue(owner.findElements(By.id("overall-agreement")).isEmpty());
        }
        accessible(owner, "agreement report");
        ((JavascriptExecutor) owner).executeScript("document.getElementById('agreement').scrollIntoView()");
        shot(owner, "03b-agreement");

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

    @Test
    void aGermanBrowserGetsGermanWhereTheServiceHasIt() throws Exception {
        requireBrowser();
        String root = base.toString().replaceAll("/+$", "");
        owner = browser(375, 812, "de-DE,de");
        owner.get(root + "/");
        WebDriverWait wait = new WebDriverWait(owner, Duration.ofSeconds(30));
        wait.until(d -> d.findElements(By.cssSelector("#language option")).size() > 30);
        assertEquals("de", new Select(owner.findElement(By.id("language"))).getFirstSelectedOption().getAttribute("value"));
        owner.findElement(By.id("start")).click();
        wait.until(d -> d.findElements(By.cssSelector("#log .msg.assistant")).size() == 1);
        String sessionId = owner.getCurrentUrl().replaceAll(".*#session=", "");
        assertTrue(last(owner, "#log .msg.assistant p").startsWith("Hallo, ich bin Nerin"));
        assertEquals("de", Sql.single("select language from assessment_session where id = ?::uuid", sessionId));

        Response german = given().get("/api/questionnaire?lang=de");
        List<String> ids = german.path("items.id");
        owner.findElement(By.id("open-questionnaire")).click();
        wait.until(d -> d.findElements(By.cssSelector("#questionnaire-items fieldset")).size() == 20);
        assertEquals("de", owner.findElement(By.id("questionnaire-items")).getAttribute("lang"));
        assertEquals("1. " + german.path("items[0].text"), owner.findElement(By.cssSelector(
                "fieldset[data-item='" + ids.get(0) + "'] legend")).getText());
        assertEquals(german.path("choices.label"), owner.findElements(By.cssSelector(
                "fieldset[data-item='" + ids.get(0) + "'] label")).stream().map(WebElement::getText).toList());
        WebElement first = owner.findElement(By.id("q-" + ids.get(0) + "-1"));
        first.sendKeys(org.openqa.selenium.Keys.SPACE);
        first.sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        owner.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT); // arrows move within the group
        accessible(owner, "German questionnaire");
        shot(owner, "12-questionnaire-de");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answersStored(sessionId).equals(
                java.util.Map.of(ids.get(0), 3)));

        // A reload (same browser) shows the answer again: the page kept it, as the API gives back scores only.
        owner.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("open-questionnaire"))).click();
        wait.until(d -> d.findElements(By.cssSelector("#questionnaire-items fieldset")).size() == 20);
        assertTrue(owner.findElement(By.id("q-" + ids.get(0) + "-3")).isSelected());
        assertEquals("1 of 120", owner.findElement(By.id("questionnaire-count")).getText());
        owner.findElement(By.id("questionnaire-done")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
    }

    /** The answers stored for a session, item id → answer (stored as three bits per item, in item-number order). */
    private static java.util.Map<String, Integer> answersStored(String sessionId) {
        Object codes = Sql.single("select answer_codes::text from questionnaire_response where session_id = ?::uuid", sessionId);
        java.util.Map<String, Integer> byId = new java.util.HashMap<>();
        dev.bigocean.questionnaire.Inventory.fromClasspath().items().forEach(item -> {
            int answer = codes == null ? 0 : Integer.parseInt(codes.toString().substring(item.num() * 3 - 3, item.num() * 3), 2);
            if (answer != 0) {
                byId.put(item.id(), answer);
            }
        });
        return byId;
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
