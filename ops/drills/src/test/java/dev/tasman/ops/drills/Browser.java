package dev.tasman.ops.drills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium, headless, driven by the system's chromedriver (Debian packages chromium and
 * chromium-driver, installed by ops/bin/prerequisites.sh). Both paths are given, so Selenium Manager never
 * tries to download a browser or driver: these machines have no outside network. Each browser gets a fresh
 * profile. Screenshots go to target/screenshots, kept by CI.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private int shots;

    Browser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run ./run-tests (it installs them), or apt-get install chromium chromium-driver");
        }
        profile = Files.createTempDirectory("tasman-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1360,900",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Changes the route inside the page, as clicking a link in the navigation does. */
    void route(String hash) {
        driver.findElement(By.cssSelector("a[href='" + hash + "']")).click();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until {@code css} matches at least one element. */
    WebElement await(String what, String css, Duration timeout) {
        return until(what, timeout, d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Waits for {@code condition}; when it does not come, the page as it was is saved as a screenshot. */
    <T> T until(String what, Duration timeout, ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(() -> "waiting for " + what
                    + " on " + driver.getCurrentUrl()).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            try {
                e.addInfo("screenshot", screenshot("failed").toAbsolutePath().toString());
            } catch (IOException | RuntimeException notSaved) {
                e.addSuppressed(notSaved);
            }
            throw e;
        }
    }

    /**
     * What the page's scripts got wrong since the last call: uncaught errors and Content-Security-Policy
     * refusals from the browser's console (failed requests are the API's answers, shown on the page).
     */
    List<String> scriptProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Uncaught") || m.contains("Content Security Policy") || m.contains("SyntaxError"))
                .toList();
    }

    /** From now on the page sees {@code prefers-color-scheme: dark}, as on a system in dark mode. */
    void emulateDarkMode() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    /** For each element matching {@code css}, the JavaScript expression {@code expression} of it ({@code e}), sorted. */
    List<String> texts(String css, String expression) {
        Object values = driver.executeScript("return [...document.querySelectorAll(arguments[0])].map(e => String("
                + expression + ")).sort();", css);
        return ((List<?>) values).stream().map(String::valueOf).toList();
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** Saves what the page shows now as target/screenshots/NN-name.png; returns the file. */
    Path screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shots, name));
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
