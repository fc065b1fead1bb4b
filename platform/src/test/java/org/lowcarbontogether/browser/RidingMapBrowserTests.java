package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.rides.RideFiles;
import org.lowcarbontogether.rides.Rides;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A rider uploads a GPX file, opens the ride and finds it on the public map among nine others' — and no map asks the
 * internet for anything: with no tile server configured the maps draw on the bundled basemap (Natural Earth land and
 * boundaries over a graticule), and with a tile server that cannot be reached (blocked through the DevTools protocol)
 * they fall back to it and say so.
 */
@IntegrationTest
class RidingMapBrowserTests extends BrowserJourney {

    static final String UNREACHABLE_TILES = "http://tiles.lct-test.invalid/{z}/{x}/{y}.png";

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Rides rides;

    @Test
    void uploadARideSeeItAndFindItOnThePublicMapWithoutATileServer() throws Exception {
        var random = ThreadLocalRandom.current();
        double lat = random.nextDouble(23, 40);
        double lon = random.nextDouble(104, 121);
        Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        var me = AccountFixtures.person(registration, jdbc);
        var file = Files.createTempFile("morning-ride", ".gpx");
        Files.write(file, RideFiles.gpx(RideFiles.route(lat, lon, start, 16, 900, 5)));

        signInAs(me.email(), AccountFixtures.PASSWORD);
        browser.get(url("/rides?lang=en"));
        browser.findElement(By.cssSelector("#ride-upload input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#ride-upload button[type=submit]")).click();
        var link = waitUpTo(20)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results a[href*='/rides/']")));
        assertThat(link.getText()).isEqualTo("credited");
        Files.delete(file);

        link.click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("ride-status"), "credited"));
        drawn("ride-map");
        assertThat(browser.findElements(By.cssSelector("#ride-map path.leaflet-interactive")))
                .hasSize(1);
        screenshot("ride-en");

        // Nine more riders along the same road make its cells public (ten riders at least).
        for (int i = 1; i < 10; i++) {
            var rider = AccountFixtures.person(registration, jdbc);
            var outcome = rides.importInTransaction(
                    rider.id(),
                    new Rides.Upload(
                            "r.gpx", RideFiles.gpx(RideFiles.route(lat, lon, start.plusSeconds(i), 16, 900, 5))),
                    new Rides.Choices(Rides.Vehicle.BICYCLE, Rides.Replaced.CAR));
            assertThat(Objects.requireNonNull(outcome.ride()).status()).isEqualTo(Rides.Status.CREDITED);
        }
        YearMonth month = YearMonth.from(start.atZone(ProgrammeCalendar.ZONE));
        String mapPath = "/rides/map?lang=en&from=" + month + "&to=" + month;
        browser.get(url(mapPath));
        drawn("cells-map");
        assertThat(browser.findElements(By.cssSelector("#cells-map path.leaflet-interactive")))
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".map-offline"))).isEmpty();
        screenshot("ride-map-en");

        // A tile server that cannot be reached: its tiles fail, the map falls back to the graticule and says so.
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*lct-test.invalid*")));
        var script = browser.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "new MutationObserver(function () {"
                                + " var m = document.querySelector('meta[name=\"lct-tile-url\"]');"
                                + " if (m) { m.setAttribute('content', '" + UNREACHABLE_TILES + "'); }"
                                + "}).observe(document, {childList: true, subtree: true});"));
        try {
            browser.get(url(mapPath));
            waitUpTo(20)
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#cells-map[data-offline=true]")));
            waitUpTo(15)
                    .until(d ->
                            "bundled".equals(d.findElement(By.id("cells-map")).getAttribute("data-base")));
            assertThat(browser.findElements(By.cssSelector("#cells-map .leaflet-lct-basemap-pane path")))
                    .isNotEmpty();
            assertThat(browser.findElement(By.cssSelector(".map-offline")).getText())
                    .contains("could not be loaded");
            assertThat(browser.findElements(By.cssSelector("#cells-map path.leaflet-interactive")))
                    .isNotEmpty();
            screenshot("ride-map-offline-en");
        } finally {
            browser.executeCdpCommand(
                    "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
            browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    /**
     * Waits for a map's data layer, drawn over the bundled basemap (land and boundaries in their own pane, on the
     * graticule's canvas), and checks nothing was fetched off the site.
     */
    void drawn(String id) {
        waitUpTo(15).until(d -> "true".equals(d.findElement(By.id(id)).getAttribute("data-loaded")));
        waitUpTo(15).until(d -> "bundled".equals(d.findElement(By.id(id)).getAttribute("data-base")));
        assertThat(browser.findElements(By.cssSelector("#" + id + " .leaflet-lct-basemap-pane path")))
                .as("the bundled land and boundaries")
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#" + id + " canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#" + id + " .leaflet-control-attribution"))
                        .getText())
                .contains("Natural Earth");
        @SuppressWarnings("unchecked")
        var fetched = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        assertThat(fetched)
                .isNotEmpty()
                .allMatch(u -> u.startsWith(url("/")), "served by the platform itself")
                .anyMatch(u -> u.endsWith("/js/vendor/world-atlas-2.0.2/basemap.json"));
    }
}
