package org.fenlei.server;

import org.fenlei.eval.HtmlReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The web page end to end in headless Chromium: models listed, predictions appear as the user types, the model
 * card shows metrics and the confusion matrix, switching models switches labels. Needs Debian's chromium and
 * chromium-driver; {@code FENLEI_CHROMEDRIVER} names the driver ({@code .ci/run} installs both and sets it).
 * Without the variable the test is skipped; with it set and the driver missing, it fails.
 */
class WebPageBrowserTest {
    @TempDir
    Path dir;

    private FenleiServer server;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        String driver = System.getenv("FENLEI_CHROMEDRIVER");
        Assumptions.assumeTrue(driver != null && !driver.isBlank(),
                "FENLEI_CHROMEDRIVER is not set: the browser test needs chromium and its driver");
        if (!Files.isExecutable(Path.of(driver))) {
            fail("FENLEI_CHROMEDRIVER is set but " + driver + " is not an executable chromedriver");
        }
        Path sentiment = FenleiServerTest.model(dir, "sentiment.fenlei", "pos", "neg");
        Path topics = FenleiServerTest.model(dir, "topics.fenlei", "good", "bad");
        Path tags = FenleiServerTest.multiLabelModel(dir, "tags.fenlei");
        server = FenleiServer.start(List.of(sentiment, topics, tags), ServerOptions.defaults().withPort(0));
        ChromeOptions options = new ChromeOptions();
        // headless, and without the sandbox, which needs privileges a CI container does not grant
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        String binary = System.getenv("FENLEI_CHROMIUM");
        options.setBinary(binary != null && !binary.isBlank() ? binary : "/usr/bin/chromium");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void predictsAsTheUserTypesAndShowsTheModelCard() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // the page redraws the bars for each key stroke's answer: a wait retries an element that went stale
        wait.ignoring(StaleElementReferenceException.class);
        browser.get("http://127.0.0.1:" + server.port() + "/");
        Select models = new Select(wait.until(b -> {
            WebElement select = b.findElement(By.id("model"));
            return select.findElements(By.tagName("option")).size() == 3 ? select : null;
        }));
        assertEquals("sentiment", models.getFirstSelectedOption().getText());
        wait.until(b -> b.findElement(By.id("card")).getText().contains("accuracy"));
        assertEquals(1, browser.findElements(By.cssSelector("#card table.cm")).size(), "confusion matrix drawn");

        browser.findElement(By.id("text")).sendKeys("a wonderful superb film");
        wait.until(b -> {
            List<WebElement> found = b.findElements(By.cssSelector("#predictions .bar"));
            return found.size() == 2 && "pos".equals(found.get(0).getAttribute("data-label"))
                    && found.get(0).findElement(By.className("fill")).getAttribute("style").contains("width");
        });

        // the explanation colours the words that moved the prediction: "wonderful" and "superb" for pos
        WebElement wonderful = wait.until(b -> b.findElements(By.cssSelector("#explanation span.w")).stream()
                .filter(e -> e.getText().equals("wonderful")).findFirst().orElse(null));
        assertTrue(Double.parseDouble(wonderful.getAttribute("data-contribution")) > 0);
        assertTrue(wonderful.getCssValue("background-color").startsWith("rgba(46, 160, 67"),
                wonderful.getCssValue("background-color"));
        assertEquals("a wonderful superb film", browser.findElement(By.id("explanation")).getText()
                .lines().skip(1).reduce("", String::concat).strip());

        models.selectByVisibleText("topics");
        wait.until(b -> {
            List<WebElement> found = b.findElements(By.cssSelector("#predictions .bar"));
            return !found.isEmpty() && "good".equals(found.get(0).getAttribute("data-label"));
        });

        // a multi-label model marks every label it assigns
        models.selectByVisibleText("tags");
        browser.findElement(By.id("text")).clear();
        browser.findElement(By.id("text")).sendKeys("vessel cargo with crude barrel");
        wait.until(b -> b.findElements(By.cssSelector("#predictions .bar.assigned")).stream()
                .map(e -> e.getAttribute("data-label")).sorted().toList().equals(List.of("oil", "ship")));
        wait.until(b -> b.findElement(By.id("card")).getText().contains("every label at or above its threshold"));
    }

    @Test
    void theEvaluationReportOpensOfflineWithItsCharts() throws IOException {
        Path model = dir.resolve("sentiment.fenlei");
        org.fenlei.TextClassifier classifier = org.fenlei.TextClassifier.load(model);
        Path report = dir.resolve("report.html");
        Files.writeString(report, HtmlReport.render("sentiment", classifier.provenance().metrics(),
                classifier.provenance()));
        browser.get(report.toUri().toString());
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("sentiment"));
        assertEquals(6, browser.findElements(By.cssSelector("svg polyline.series")).size(),
                "reliability (model and diagonal), ROC, precision-recall, loss and accuracy curves");
        // clicking a column's header sorts the per-class table by it, highest first
        browser.findElement(By.xpath("//table[@class='sortable']//th[text()='F1']")).click();
        List<Double> f1 = browser.findElements(By.cssSelector("table.sortable tr td:nth-child(4)")).stream()
                .map(e -> Double.parseDouble(e.getText())).toList();
        assertEquals(f1.stream().sorted(java.util.Comparator.reverseOrder()).toList(), f1);
        assertEquals(1, browser.findElements(By.cssSelector("table.cm")).size());
        Object width = browser.executeScript(
                "return document.querySelector('svg[aria-label^=ROC] polyline.series').getBoundingClientRect().width");
        assertTrue(((Number) width).doubleValue() > 100, "the ROC curve is drawn across the chart: " + width);
    }
}
