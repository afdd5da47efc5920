package io.github.caistatus.examples.cli;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium through its own chromedriver, both at fixed paths (scripts/test.sh installs them):
 * Selenium Manager is never asked to find or download anything, and a browser that cannot start fails the test
 * with the reason instead of skipping it.
 */
final class Chromium {

    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A fresh headless browser with its own profile directory; quit it when done. */
    static ChromeDriver start(Path profile) {
        for (File f : List.of(BROWSER, DRIVER)) {
            if (!f.canExecute()) {
                throw new AssertionError(f + " is missing or not executable: install Debian's chromium and"
                        + " chromium-driver (bash scripts/test.sh does)");
            }
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.getPath());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1800", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(20))
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
            return driver;
        } catch (RuntimeException e) {
            service.stop();
            throw new AssertionError("Chromium could not start (" + BROWSER + " via " + DRIVER + "): " + e.getMessage(), e);
        }
    }

    /** Emulates the user's colour scheme preference: "light" or "dark". */
    static void colourScheme(ChromeDriver driver, String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }
}
