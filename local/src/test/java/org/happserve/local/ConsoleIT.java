package org.happserve.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff console in headless Debian Chromium against the whole local runtime: sign-in through
 * Cognito (moto), call intake by keyboard, inline errors, the officer's inbox, search and detail,
 * administration, reports and their CSV, Gujarati, and a phone's width. Each screen is saved under
 * target/screenshots/ for a person to look at.
 */
@ExtendWith(RunningSystem.class)
class ConsoleIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Dimension DESKTOP = new Dimension(1366, 768);
    private static final String NUMBER = "GMC-\\d{4}-\\d{6}";

    private static Http http;
    private static String base;
    private static Path profile;
    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start(LocalRuntime runtime) throws IOException {
        http = new Http(runtime.apiUrl());
        base = runtime.apiUrl().toString();
        profile = Files.createTempDirectory("happserve-chromium");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--user-data-dir=" + profile, "--window-size=1366,768");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", profile.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(), options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @AfterEach
    void desktopAgain() {
        driver.manage().window().setSize(DESKTOP);
    }

    // ------------------------------------------------------------------ the story of one call

    @Test
    void aCallIsLodgedByKeyboardClosedByTheOfficerAndCountedInTheReports() {
        signIn("admin1");
        Map<String, Integer> streetLight = reportRow("STREET_LIGHT");
        Map<String, Integer> pothole = reportRow("POTHOLE");

        signIn("operator1");
        assertThat(focused().getDomAttribute("name")).isEqualTo("citizen.name");
        shot("intake-empty");
        type("Meena Shah", Keys.TAB, "98123 45678", Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB);
        assertThat(focused().getDomAttribute("name")).isEqualTo("complaints[0].ward");
        type("W01", Keys.TAB, "STREET_LIGHT", Keys.TAB, "Sector 7, near GH-4 circle", Keys.TAB,
                "Street light pole 14 off for 3 days", Keys.TAB);
        assertThat(text(".complaint .sla")).contains("48");
        assertThat(focused().getText()).isEqualTo("+ Add complaint");
        type(Keys.ENTER);
        assertThat(focused().getDomAttribute("name")).isEqualTo("complaints[1].ward");
        // A category can be typed by its name, in any case.
        type("W01", Keys.TAB, "pothole on road", Keys.TAB, "Outside the school gate", Keys.TAB, "Deep pothole");
        shot("intake-two-complaints");
        type(Keys.ENTER);

        List<String> numbers = wait.until(d -> {
            List<String> n = d.findElements(By.cssSelector(".ack-number")).stream().map(WebElement::getText).toList();
            return n.size() == 2 ? n : null;
        });
        assertThat(numbers).allMatch(n -> n.matches(NUMBER)).doesNotHaveDuplicates();
        assertThat(driver.findElements(By.cssSelector(".ack-list li")).get(1).getText()).contains("Pothole on road");
        shot("intake-acknowledged");

        signIn("ae-elec-w01");
        WebElement row = inboxRow(numbers.get(0));
        assertThat(row.getText()).contains("Street light not working");
        assertThat(row.findElement(By.cssSelector("td.num")).getText()).as("escalation level").isEqualTo("0");
        shot("inbox");
        row.findElement(By.tagName("a")).click();
        submitAction("note", "text", "Lineman sent; pole 14 needs a new choke");
        wait.until(d -> text(".alert.success").equals("Note added."));
        assertThat(text(".timeline")).contains("Lineman sent; pole 14 needs a new choke");
        submitAction("close", "resolution", "Choke replaced; light working");
        wait.until(d -> text(".alert.success").startsWith("The complaint is closed"));
        assertThat(text("h1")).contains(numbers.get(0)).contains("Closed");
        shot("complaint-closed");

        signIn("admin1");
        Map<String, Integer> streetLightAfter = reportRow("STREET_LIGHT");
        assertThat(streetLightAfter.get("registered")).isEqualTo(streetLight.get("registered") + 1);
        assertThat(streetLightAfter.get("closed")).isEqualTo(streetLight.get("closed") + 1);
        assertThat(reportRow("POTHOLE").get("registered")).isEqualTo(pothole.get("registered") + 1);
        assertThat(driver.findElements(By.cssSelector("figure.chart svg"))).hasSizeGreaterThanOrEqualTo(5);
        fullShot("reports");
        driver.findElement(By.cssSelector("a[download]")).click();
        String csv = wait.until(d -> downloaded(".csv"));
        assertThat(csv.lines()).anyMatch(l -> l.startsWith("STREET_LIGHT,Street light not working," + streetLightAfter.get("registered") + ","))
                .anyMatch(l -> l.startsWith("TOTAL,"));
    }

    @Test
    void aWrongPasswordIsRefusedAndEachRoleSeesItsOwnMenu() {
        signedOut();
        wait.until(ExpectedConditions.elementToBeClickable(By.name("username"))).sendKeys("operator1", Keys.TAB, "wrong", Keys.ENTER);
        wait.until(d -> text(".signin .alert").equals("Wrong username or password."));
        shot("sign-in-refused");

        Map<String, List<String>> menus = Map.of("operator1", List.of("Call intake", "Search"), "ae-elec-w01", List.of("Inbox"),
                "admin1", List.of("Search", "Reports", "Administration"));
        for (String user : List.of("operator1", "ae-elec-w01", "admin1")) {
            signIn(user);
            assertThat(texts("#nav a")).as(user).isEqualTo(menus.get(user));
        }
        // A screen outside the administrator's role falls back to the first of theirs.
        driver.get(base + "/#/intake");
        wait.until(d -> d.getCurrentUrl().endsWith("#/search"));
    }

    // ------------------------------------------------------------------ intake

    @Test
    void aWrongWardOrCategoryIsShownAtTheComplaintAndFieldItConcerns() {
        signIn("operator1");
        assertThat(focused().getDomAttribute("name")).isEqualTo("citizen.name");
        type("Hetal Joshi", Keys.TAB, "9909922223", Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB,
                "W02", Keys.TAB, "POTHOLE", Keys.TAB, Keys.TAB, "Deep pothole", Keys.TAB, Keys.ENTER,
                "W99", Keys.TAB, "NO_SUCH", Keys.TAB, Keys.TAB, "Something else");
        assertThat(texts(".complaint .hint")).contains("Not recognised: type a code or pick from the list");
        type(Keys.ENTER);

        WebElement ward = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[name='complaints[1].ward'][aria-invalid]")));
        WebElement category = driver.findElement(By.name("complaints[1].category"));
        assertThat(category.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(errorOf(ward)).contains("ward");
        assertThat(errorOf(category)).isNotBlank();
        assertThat(driver.findElements(By.cssSelector("[name^='complaints[0]'][aria-invalid]"))).isEmpty();
        assertThat(focused()).isEqualTo(ward);
        shot("intake-errors");
        // Nothing was registered: the intake is all or nothing.
        assertThat(http.get("/v1/complaints?mobile=9909922223", http.login("operator1")).json().path("items").size()).isZero();
    }

    @Test
    void gujaratiReplacesTheInterfaceStringsAndIsRemembered() {
        signIn("operator1");
        driver.findElement(By.id("language")).click();
        wait.until(d -> text("h1").equals("કૉલ નોંધણી"));
        assertThat(text("#nav")).contains("કૉલ નોંધણી", "શોધ");
        assertThat(text("button[type=submit]")).isEqualTo("કૉલ નોંધો");
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("gu");
        shot("intake-gujarati");
        driver.navigate().refresh();
        wait.until(d -> text("h1").equals("કૉલ નોંધણી"));
        driver.findElement(By.id("language")).click();
        wait.until(d -> text("h1").equals("Call intake"));
    }

    @Test
    void atAPhonesWidthTheIntakeAndTheReportsFit() {
        driver.manage().window().setSize(new Dimension(390, 844));
        signIn("operator1");
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).isLessThanOrEqualTo(0L);
        for (String name : List.of("citizen.name", "citizen.mobile", "complaints[0].ward", "complaints[0].category", "complaints[0].description")) {
            WebElement input = driver.findElement(By.name(name));
            assertThat(input.getRect().getX() + input.getRect().getWidth()).as(name).isLessThanOrEqualTo(390);
        }
        type("Kiran Solanki", Keys.TAB, "9825012345", Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB,
                "W02", Keys.TAB, "GARBAGE_NOT_COLLECTED", Keys.TAB, Keys.TAB, "Bins full for 3 days");
        shot("intake-phone");
        type(Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector(".ack-number")).size() == 1);
        assertThat(text(".ack-number")).matches(NUMBER);
        shot("intake-phone-acknowledged");

        // The reports too: charts follow the width, the wide table scrolls inside its own box.
        signIn("admin1");
        reportRow("GARBAGE_NOT_COLLECTED");
        new Select(driver.findElement(By.name("ward"))).selectByValue("W02");
        driver.findElement(By.cssSelector(".filters button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("ward=W02"));
        assertThat(reportRow("GARBAGE_NOT_COLLECTED", "W02").get("registered")).isPositive();
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).isLessThanOrEqualTo(0L);
        fullShot("reports-phone");
    }

    // ------------------------------------------------------------------ search and detail

    @Test
    void anOperatorFindsAComplaintReassignsItAndReopensAClosedOneForTheCaller() {
        String operator = http.login("operator1");
        String mobile = "9712300001";
        String wrongWard = register(operator, mobile, "W03", "POTHOLE");
        String toReopen = register(operator, mobile, "W01", "STREET_LIGHT");
        Http.Response closed = http.post("/v1/complaints/" + toReopen + "/close", http.login("ae-elec-w01"), "{\"resolution\":\"Fixed\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);

        signIn("operator1");
        driver.findElement(By.cssSelector("#nav a[data-route=search]")).click();
        wait.until(d -> text("h1").equals("Search complaints"));
        driver.findElement(By.name("mobile")).sendKeys(mobile, Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("tr[data-number]")).size() == 2);
        shot("search");

        driver.findElement(By.cssSelector("tr[data-number='" + wrongWard + "'] a")).click();
        wait.until(d -> text("h1").startsWith(wrongWard));
        new Select(driver.findElement(By.cssSelector(".action-reassign [name=ward]"))).selectByValue("W01");
        submitAction("reassign", "reason", "Caller gave the wrong sector");
        wait.until(d -> text(".alert.success").equals("The complaint is reassigned."));
        assertThat(text(".facts")).contains("Ward 1 - Sector 1-7").contains("Ketan Patel");
        shot("complaint-reassigned");

        driver.get(base + "/#/complaints/" + toReopen);
        wait.until(d -> text("h1").startsWith(toReopen));
        submitAction("reopen", "reason", "The light went off again the next night");
        wait.until(d -> text(".alert.success").startsWith("The complaint is reopened"));
        assertThat(text("h1")).contains("Open").contains("Level 1");
        assertThat(text(".timeline")).contains("Reopened");
    }

    // ------------------------------------------------------------------ administration

    @Test
    void theAdministratorSeesTheChainAndCannotSaveADirectoryWithGaps() {
        signIn("admin1");
        driver.findElement(By.cssSelector("#nav a[data-route=admin]")).click();
        wait.until(d -> !d.findElements(By.cssSelector("[data-section=officers] tbody tr")).isEmpty());
        new Select(driver.findElement(By.name("chainDepartment"))).selectByValue("ENG");
        assertThat(text(".chain-levels")).contains("Ketan Patel (ae-eng-w01)").contains("Anjali Sheth (dmc)");
        shot("administration");

        // Without the Deputy Commissioner no (ward, department) has an officer at the top level.
        WebElement dmc = driver.findElements(By.cssSelector("[data-section=officers] tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector("input")).getDomProperty("value").equals("dmc")).findFirst().orElseThrow();
        dmc.findElement(By.cssSelector("button")).click();
        assertThat(driver.findElements(By.cssSelector(".chain-levels li.gap"))).hasSize(1);
        driver.findElement(By.cssSelector(".admin > .actions button[type=submit]")).click();
        wait.until(d -> d.findElement(By.cssSelector(".admin > .alert")).isDisplayed());
        assertThat(text(".admin > .alert")).contains("no officer for (ward W01, department ENG, level 3)");
        fullShot("administration-gaps");
        String admin = http.login("admin1");
        JsonNode before = http.get("/v1/directory", admin).json();
        assertThat(before.path("officers").findValuesAsText("id")).contains("dmc");

        // Saved as shown, the directory comes back unchanged: the tables lose nothing.
        driver.navigate().refresh();
        wait.until(d -> !d.findElements(By.cssSelector("[data-section=officers] tbody tr")).isEmpty());
        driver.findElement(By.cssSelector(".admin > .actions button[type=submit]")).click();
        wait.until(d -> text(".admin > .alert").startsWith("Saved."));
        assertThat(http.get("/v1/directory", admin).json()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ helpers

    /** Signs out whoever is signed in, in English, and signs in with the demo password. */
    private static void signIn(String username) {
        signedOut();
        WebElement user = wait.until(ExpectedConditions.elementToBeClickable(By.name("username")));
        user.sendKeys(username, Keys.TAB, LocalRuntime.DEMO_PASSWORD, Keys.ENTER);
        // Signed in once the first screen is drawn and has put the focus in it.
        wait.until(d -> text("#user").equals(username) && !d.findElements(By.cssSelector(".screen h1")).isEmpty()
                && !focused().getTagName().equals("body"));
    }

    /**
     * The sign-in screen, nobody signed in, in English. The storage is cleared from a page of the
     * same origin that runs no console script: a console page still starting could otherwise move
     * to the previous user's first screen after the clearing.
     */
    private static void signedOut() {
        driver.get(base + "/config.json");
        driver.executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.get(base + "/");
    }

    private static void type(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    private static WebElement focused() {
        return driver.switchTo().activeElement();
    }

    private static String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private static List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static String errorOf(WebElement control) {
        return driver.findElement(By.id(control.getDomAttribute("aria-describedby"))).getText();
    }

    private static void submitAction(String action, String field, String value) {
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".action-" + action)));
        form.findElement(By.name(field)).sendKeys(value);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** The officer's inbox row of this complaint, paging on while it is not yet shown. */
    private static WebElement inboxRow(String number) {
        wait.until(d -> text("h1").equals("My open complaints"));
        By row = By.cssSelector("tr[data-number='" + number + "']");
        return wait.until(d -> {
            if (!d.findElements(row).isEmpty()) return d.findElement(row);
            d.findElements(By.cssSelector("button.more")).stream().filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
            return null;
        });
    }

    /** The figures of one category in the reports' table (the default range: the last 30 days). */
    private static Map<String, Integer> reportRow(String category) {
        return reportRow(category, "");
    }

    private static Map<String, Integer> reportRow(String category, String ward) {
        driver.get(base + "/#/reports?ward=" + ward);
        By row = By.cssSelector("tr[data-category='" + category + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        WebElement r = driver.findElement(row);
        return Map.of("registered", Integer.parseInt(r.findElement(By.cssSelector("[data-field=registered]")).getText()),
                "closed", Integer.parseInt(r.findElement(By.cssSelector("[data-field=closed]")).getText()));
    }

    /** The text of the first finished download whose name ends so, or null while there is none. */
    private static String downloaded(String suffix) {
        try (Stream<Path> files = Files.list(profile.resolve("downloads"))) {
            Path file = files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
            return file == null ? null : Files.readString(file);
        } catch (IOException e) {
            return null; // the folder appears with the first download
        }
    }

    private static String register(String token, String mobile, String ward, String category) {
        Http.Response r = http.post("/v1/intakes", token, """
                {"citizen":{"name":"Bharat Vora","mobile":"%s"},"channel":"CALL_CENTRE",
                 "complaints":[{"ward":"%s","category":"%s","description":"Reported by phone"}]}
                """.formatted(mobile, ward, category));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("complaints").get(0).path("number").asText();
    }

    private static void shot(String name) {
        write(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The whole page, beyond the window's height (Chromium's DevTools capture). */
    private static void fullShot(String name) {
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        long width = (Long) driver.executeScript("return document.documentElement.scrollWidth");
        Map<String, Object> r = driver.executeCdpCommand("Page.captureScreenshot", Map.of("captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        write(name, Base64.getDecoder().decode((String) r.get("data")));
    }

    private static void write(String name, byte[] png) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
