package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.methodology.Methodology;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** A newcomer registers, signs in, records a metro trip and sees it credited with its provenance. */
@IntegrationTest
class RecordingJourneyBrowserTests extends BrowserJourney {

    @Autowired
    Methodology methodology;

    @Test
    void registerRecordAndSeeTheCreditWithItsProvenance() throws Exception {
        String email = "journey-" + UUID.randomUUID() + "@example.org";

        browser.get(url("/register?lang=en"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("displayName")).sendKeys("Xiao Ming");
        browser.findElement(By.id("password")).sendKeys("short");
        browser.findElement(By.id("age-adult")).click();
        browser.findElement(By.id("register-submit")).click();
        // a weak password is refused next to its field, and the other fields are kept
        WebElement passwordError = waitUpTo(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#password ~ small.error")));
        assertThat(passwordError.getText()).contains("at least 10");
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(email);

        browser.findElement(By.id("password")).sendKeys("metro every morning");
        browser.findElement(By.id("register-submit")).click();
        // registered and signed in at once, on the record page with a welcome
        waitUpTo(10).until(ExpectedConditions.urlContains("/record"));
        assertThat(waitUpTo(10)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("welcome")))
                        .getText())
                .contains("Welcome");
        new Select(browser.findElement(By.id("behaviour"))).selectByValue("METRO_INSTEAD_OF_CAR");
        // htmx swaps in the units that fit the chosen behaviour
        waitUpTo(10)
                .until(d -> new Select(d.findElement(By.id("unit")))
                        .getOptions().stream()
                                .anyMatch(o -> o.getAttribute("value").equals("km")));
        WebElement quantity = browser.findElement(By.id("quantity"));
        quantity.sendKeys("12");
        new Select(browser.findElement(By.id("unit"))).selectByValue("km");
        new Select(browser.findElement(By.id("region"))).selectByValue("CN-GD");
        browser.findElement(By.id("record-submit")).click();

        waitUpTo(10).until(ExpectedConditions.urlContains("credited="));
        assertThat(waitUpTo(10)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("credited")))
                        .getText())
                .contains("Take the metro instead of driving")
                .contains("1.673");
        assertThat(browser.findElement(By.id("balance-kg")).getText()).isEqualTo("1.673 kg");
        // what it means: an everyday equivalent with its factor, then the points, once booked
        assertThat(browser.findElement(By.id("equivalent")).getText())
                .contains("10.0 km")
                .contains("EF-CAR-AVG-GB-2025");
        assertThat(waitUpTo(15)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("points-earned")))
                        .getText())
                .matches("\\+\\d+ points");
        WebElement entry = browser.findElement(By.cssSelector("article.entry"));
        entry.findElement(By.tagName("summary")).click();
        assertThat(entry.getText())
                .contains("EF-CAR-AVG-GB-2025")
                .contains("EF-METRO-GB-2025")
                .contains("LCT " + methodology.current().version())
                .contains("0.16725")
                .contains("DESNZ")
                .contains("rounded down to 1673 g");
        screenshot("account-en");

        browser.findElement(By.cssSelector("a[hreflang='zh-CN']")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "碳账户"));
        assertThat(browser.findElement(By.cssSelector("article.entry .entry-name"))
                        .getText())
                .isEqualTo("乘地铁代替开车");
        screenshot("account-zh");
    }

    @Test
    void theHomePageShowsLiveFiguresAndTheChart() throws Exception {
        browser.get(url("/?lang=en"));
        assertThat(browser.findElement(By.id("impact-behaviours")).getText()).matches("[0-9,]+");
        waitUpTo(10)
                .until(d -> "true".equals(d.findElement(By.id("impact-chart")).getAttribute("data-loaded")));
        screenshot("home-en");
    }
}
