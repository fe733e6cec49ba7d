package fr.vigie.local;

import fr.vigie.domain.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.vigie.local.ReplayCommandTest.SEASON_A;
import static fr.vigie.local.ReplayCommandTest.vigie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser (Debian's chromium driven by its chromium-driver through Selenium
 * WebDriver), over {@code ./vigie console} on season A replayed up to 23 November 2025 (the season
 * so far, with alerts open in several regions). Screenshots go to {@code local/target/console/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String UNTIL = "2025-11-23T23:59:59Z";
    static final Path SHOTS = Path.of("target/console");

    @TempDir
    static Path dir;
    static ConsoleCommand.Running console;
    static ChromeDriver browser;
    static WebDriverWait wait;
    /** Open alerts at the end of the replay, by region code, from the alerts the replay wrote. */
    static Map<String, Integer> openByRegion;

    @BeforeAll
    static void replayTheSeasonSoFarAndOpenTheConsole() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the console's browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " ./run-tests installs them as root (apt-get install chromium chromium-driver)");
        Path feed = dir.resolve("feed-until-23-11.csv");
        List<String> rows = Files.readAllLines(SEASON_A.resolve("feed.csv"));
        Files.write(feed, rows.stream().filter(r -> r.startsWith("timestamp") || r.substring(0, 20).compareTo(UNTIL) <= 0).toList());
        Path alerts = dir.resolve("alerts.jsonl");
        ReplayCommandTest.Run replay = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(),
                "--feed", feed.toString(), "--alerts", alerts.toString(), "--db", dir.resolve("db").toString());
        assertEquals(0, replay.code(), replay.err());
        openByRegion = openByRegion(alerts);
        assertTrue(openByRegion.size() >= 3, "the season so far has alerts open in several regions: " + openByRegion);

        console = ConsoleCommand.start(List.of("--db", dir.resolve("db").toString(), "--port", "0"));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=fr-FR", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(),
                options);
        // pages re-render parts of themselves: an element read while it is replaced is read again
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void close() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    /** Which series are open after the last event of each, counted by region (the facility id's abbreviation). */
    private static Map<String, Integer> openByRegion(Path alerts) throws IOException {
        Map<String, String> lastLevel = new HashMap<>();
        Pattern p = Pattern.compile("\"facilityId\":\"([^\"]+)\",\"deviceId\":\"([^\"]+)\",\"level\":\"([A-Z]+)\"");
        for (String line : Files.readAllLines(alerts)) {
            Matcher m = p.matcher(line);
            if (!line.contains("\"type\"") && m.find()) {
                lastLevel.put(m.group(1) + "|" + m.group(2), m.group(3));
            }
        }
        Map<String, Integer> byRegion = new TreeMap<>();
        lastLevel.forEach((series, level) -> {
            if (!level.equals("RECOVERED")) {
                byRegion.merge(Region.fromFacilityId(series.split("\\|")[0]).orElseThrow().code(), 1, Integer::sum);
            }
        });
        return byRegion;
    }

    private static void open(String hash) {
        browser.get(console.address() + "#/" + hash);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(1)
    void theMapShowsTheRegionsWithOpenAlertsAndAClickListsTheirs() throws IOException {
        open("tension");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#open-alerts tbody tr")));
        Map<String, Integer> shaded = new TreeMap<>();
        for (WebElement tile : browser.findElements(By.cssSelector("#map .tile"))) {
            String cls = tile.getAttribute("class");
            if (cls.contains("CRITICAL") || cls.contains("WARNING")) {
                shaded.put(tile.getAttribute("data-region"), Integer.parseInt(tile.findElement(By.cssSelector(".count")).getText()));
            }
        }
        assertEquals(openByRegion, shaded, "every region with open alerts is shaded, with its count, and no other");
        assertEquals(18, browser.findElements(By.cssSelector("#map .tile")).size(), "the 18 regions, overseas included");
        screenshot("1-tension");

        String region = openByRegion.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        browser.findElement(By.cssSelector("#map .tile[data-region='" + region + "']")).click();
        List<WebElement> rows = browser.findElements(By.cssSelector("#open-alerts tbody tr"));
        assertEquals(openByRegion.get(region), rows.size(), "the region's open alerts are listed");
        rows.forEach(r -> assertEquals(region, r.getAttribute("data-region")));
        assertTrue(browser.findElement(By.cssSelector("#open-alerts caption")).getText().contains(Region.labelOf(region)));
        screenshot("2-tension-region");

        // by keyboard: Enter on another region's tile lists that region's alerts
        String other = openByRegion.keySet().stream().filter(r -> !r.equals(region)).findFirst().orElseThrow();
        WebElement tile = browser.findElement(By.cssSelector("#map .tile[data-region='" + other + "']"));
        tile.sendKeys(Keys.ENTER);
        assertEquals(openByRegion.get(other), browser.findElements(By.cssSelector("#open-alerts tbody tr")).size());
        assertEquals("true", browser.findElement(By.cssSelector("#map .tile[data-region='" + other + "']")).getAttribute("aria-pressed"));
    }

    @Test
    @Order(2)
    void aFacilityPageDrawsTheCoverageCurveOfEachDevice() throws IOException {
        open("tension");
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#open-alerts tbody tr td a")));
        String facility = link.getText();
        link.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("figure.curve")));
        assertTrue(browser.findElement(By.tagName("h2")).getText().contains(facility), facility);
        List<WebElement> curves = browser.findElements(By.cssSelector("figure.curve"));
        assertEquals(7, curves.size(), "one curve per watched device of season A");
        for (WebElement curve : curves) {
            String stock = curve.findElement(By.cssSelector("path.stock")).getAttribute("d");
            assertTrue(stock.split("L").length > 60, "the stock line goes through the season's snapshots: " + stock.length());
            assertFalse(curve.findElements(By.cssSelector("path.forecast")).isEmpty(), "the projection is drawn");
            assertFalse(curve.findElements(By.cssSelector("path.band")).isEmpty(), "with its band");
            assertEquals(1, curve.findElements(By.cssSelector("line.warn")).size());
            assertEquals(1, curve.findElements(By.cssSelector("line.crit")).size());
            assertFalse(curve.findElements(By.cssSelector("path.delivery")).isEmpty(), "deliveries are marked");
            assertTrue(curve.findElement(By.tagName("svg")).getAttribute("aria-label").contains("couverture projetée"));
        }
        assertTrue(browser.findElements(By.cssSelector("figure.curve line[class^='alert-']")).size() >= 1, "the open alert is marked");
        screenshot("3-facility");
    }

    @Test
    @Order(3)
    void aWatchlistEditWithABadThresholdShowsTheFieldsErrorAndAValidOneEntersTheAuditTrail() throws IOException {
        open("liste/HFNC-PED");
        WebElement warning = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-thresholds.warningDays")));
        warning.clear();
        warning.sendKeys("500");
        assertTrue(browser.findElement(By.id("changes")).getText().contains("Seuil de vigilance"), "the change is shown before saving");
        browser.findElement(By.cssSelector("#edit button[type=submit]")).click();
        wait.until(d -> !d.findElement(By.id("e-thresholds.warningDays")).getText().isBlank());
        WebElement error = browser.findElement(By.id("e-thresholds.warningDays"));
        assertTrue(error.getText().contains("entre 1 et"), error.getText());
        assertEquals("true", browser.findElement(By.id("f-thresholds.warningDays")).getAttribute("aria-invalid"));
        assertEquals("f-thresholds.warningDays", browser.switchTo().activeElement().getAttribute("id"), "focus goes to the field in error");
        screenshot("4-watchlist-error");

        WebElement field = browser.findElement(By.id("f-thresholds.warningDays"));
        field.clear();
        field.sendKeys("21");
        browser.findElement(By.cssSelector("#edit button[type=submit]")).click();
        wait.until(d -> d.findElement(By.cssSelector("#audit-list li:first-child")).getText().contains("Version 2"));
        WebElement latest = browser.findElement(By.cssSelector("#audit-list li:first-child"));
        assertTrue(latest.getText().contains("Seuil de vigilance (jours de couverture) : 18 → 21"), latest.getText());
        assertTrue(latest.getText().contains(ConsoleCommand.LOCAL_USER), "who changed it: " + latest.getText());
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("version 2"));
        screenshot("5-watchlist-saved");
    }

    @Test
    @Order(4)
    void aConcurrentEditIsRefusedAndExplained() throws IOException {
        // the form shows version 2; another operator saves version 3 meanwhile, through the same API
        Object status = browser.executeAsyncScript(String.join("\n",
                "const done = arguments[arguments.length - 1];",
                "fetch('/api/watchlist/HFNC-PED').then(r => r.json()).then(e => {",
                "  delete e.version; delete e.updatedAt; delete e.updatedBy; e.thresholds.criticalDays = 8;",
                "  return fetch('/api/watchlist/HFNC-PED', {method: 'PUT', body: JSON.stringify(e),",
                "    headers: {'Content-Type': 'application/json', 'If-Match': '\"2\"'}});",
                "}).then(r => done(r.status));"));
        assertEquals(200L, status);
        WebElement field = browser.findElement(By.id("f-thresholds.warningDays"));
        field.clear();
        field.sendKeys("22");
        browser.findElement(By.cssSelector("#edit button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("outcome")).getText().contains("Quelqu'un d'autre a modifié cette entrée"));
        WebElement outcome = browser.findElement(By.id("outcome"));
        assertTrue(outcome.getText().contains("version 3") && outcome.getText().contains("Rien n'a été écrasé"), outcome.getText());
        screenshot("6-watchlist-conflict");
        browser.findElement(By.id("reload")).click();
        wait.until(d -> d.findElement(By.cssSelector("#edit legend")).getText().contains("version 3"));
        assertEquals("21", browser.findElement(By.id("f-thresholds.warningDays")).getAttribute("value"), "the saved version, not the refused edit");
    }

    @Test
    @Order(5)
    void aRegionalOperatorStartsOnTheirRegion() throws Exception {
        String region = openByRegion.keySet().iterator().next();
        console.close();
        console = ConsoleCommand.start(List.of("--db", dir.resolve("db").toString(), "--port", "0", "--region", region));
        open("tension");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#open-alerts tbody tr")));
        assertEquals(region, browser.findElement(By.name("region")).getAttribute("value"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#open-alerts tbody tr"));
        assertEquals(openByRegion.get(region), rows.size());
        rows.forEach(r -> assertEquals(region, r.getAttribute("data-region")));
        assertTrue(browser.findElement(By.id("who")).getText().contains("opérateur régional, " + Region.labelOf(region)));
        assertEquals(openByRegion.size(), browser.findElements(By.cssSelector("#map .tile.CRITICAL, #map .tile.WARNING")).size(),
                "the map still shows the whole country");
        screenshot("7-regional-operator");
    }

    /** Issue 22: from the open alerts, "acquitter" opens the alert, its neighbours when CRITICAL, and the form; the row then shows it. */
    @Test
    @Order(6)
    void anOperatorAcknowledgesAnOpenAlertFromTheTensionPage() throws Exception {
        open("tension");
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//table[@id='open-alerts']//a[starts-with(text(), 'acquitter')]")));
        link.click();
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ack")));
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("ackAction"))).selectByValue("LOAN_REQUESTED");
        form.findElement(By.name("note")).sendKeys("prêt demandé au CH voisin");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement done = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ack-result .ok")));
        assertTrue(done.getText().contains("dépannage demandé"), done.getText());
        screenshot("8-acknowledged");
        open("tension");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#open-alerts tbody tr")));
        assertTrue(browser.findElement(By.id("open-alerts")).getText().contains("dépannage demandé"), "the row shows the acknowledgement");
    }
}
