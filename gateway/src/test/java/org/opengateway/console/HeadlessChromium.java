package org.opengateway.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The headless Chromium of the console's browser tests: Debian's {@code chromium} and {@code chromium-driver}, named by
 * {@code -Dgateway.test.chromium=...} and {@code -Dgateway.test.chromedriver=...}; a test is skipped with the reason
 * when they are not given. The machine has no network, so Chromium's own background requests are switched off.
 */
final class HeadlessChromium {

    static final String CHROMIUM = "gateway.test.chromium";
    static final String CHROMEDRIVER = "gateway.test.chromedriver";

    private HeadlessChromium() {
    }

    /** Skips the calling test, saying what it needs, unless Chromium and its driver are named and can run. */
    static void assumeInstalled() {
        String chromium = System.getProperty(CHROMIUM, "");
        String driver = System.getProperty(CHROMEDRIVER, "");
        assumeTrue(!chromium.isBlank() && !driver.isBlank() && new File(chromium).canExecute()
                && new File(driver).canExecute(), "needs a headless browser: pass -D" + CHROMIUM + "=/usr/bin/chromium -D"
                + CHROMEDRIVER + "=/usr/bin/chromedriver (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }

    /** A fresh browser with its own profile, saving downloads into the folder without asking. */
    static ChromeDriver start(Path downloads) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty(CHROMIUM));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("console-chromium-"));
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("download.default_directory", downloads.toString());
        preferences.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", preferences);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty(CHROMEDRIVER))).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static WebDriverWait waitFor(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class); // a page drawn anew while a condition reads it
        return wait;
    }

    /** Leaves a picture of the page in target/console-screenshots/, for a person to look at. */
    static void screenshot(ChromeDriver browser, String name) {
        try {
            Path folder = Path.of("target", "console-screenshots");
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
