package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.communities.Organisers;
import org.lowcarbontogether.products.ProductFixtures;
import org.lowcarbontogether.products.ProductReviews;
import org.lowcarbontogether.products.Products;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The green products' lookup in Chromium, on a phone: a person types the barcode, sees the product's verified
 * footprint, signs in and files a challenge, which the product's page then shows as open without their name; without
 * the Barcode Detection API, the camera button loads the served ZXing reader.
 */
@IntegrationTest
class ProductLookupBrowserTests extends BrowserJourney {

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Products products;

    @Autowired
    ProductReviews reviews;

    @Test
    void aPersonLooksAProductUpByTypedBarcodeAndChallengesItsClaim() throws Exception {
        var organisers = new Organisers(registration, organisations, jdbc, new ApiClient(port));
        var fixtures = new ProductFixtures(organisers, products, reviews);
        var enterprise = fixtures.enterprise();
        var ngo = fixtures.reviewingNgo();
        var shirt = fixtures.product(enterprise, "CLOTHING", "0.3");
        var footprint = fixtures.verified(enterprise, ngo, shirt, ProductFixtures.footprint("12"));
        var person = organisers.person();

        browser.manage().window().setSize(new Dimension(360, 780));
        signInAs(person.user().email(), AccountFixtures.PASSWORD);
        browser.get(url("/products?lang=en"));
        var gtin = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("gtin")));
        // As printed under the barcode, with the spaces people type.
        String printed = shirt.printedGtin();
        gtin.sendKeys(printed.substring(0, 1) + " " + printed.substring(1, 7) + " " + printed.substring(7));
        browser.findElement(By.id("lookup-submit")).click();

        var claim = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("claim-" + footprint.id())));
        assertThat(browser.getCurrentUrl()).contains("/products/" + printed);
        assertThat(browser.findElement(By.id("main")).getText()).contains("Organic cotton T-shirt");
        assertThat(claim.getText()).contains("Verified");
        long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) browser.executeScript("return window.innerWidth")).longValue();
        assertThat(scrollWidth).isLessThanOrEqualTo(innerWidth);
        screenshot("product-lookup-360-en");

        // The trail's details come first; the challenge form's summary is the last one of the claim.
        var summaries = claim.findElements(By.cssSelector("details > summary"));
        var open = summaries.get(summaries.size() - 1);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", open);
        open.click();
        var statement = waitUpTo(10).until(ExpectedConditions.visibilityOf(claim.findElement(By.name("statement"))));
        statement.sendKeys("The boundary leaves out dyeing, which is most of a T-shirt's footprint.");
        claim.findElement(By.name("evidenceUrl")).sendKeys("https://example.org/dyeing-study");
        var submit = claim.findElement(By.cssSelector("form button[type=submit]"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", submit);
        submit.click();

        waitUpTo(10).until(ExpectedConditions.urlContains("challenged"));
        var filed = waitUpTo(10)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#claim-" + footprint.id() + " .challenge")));
        assertThat(filed.getText())
                .contains("The boundary leaves out dyeing")
                .contains("Open")
                .doesNotContain(person.user().email());
        assertThat(jdbc.sql("select evidence_url from product_challenge where claim_id = :claim and filed_by = :me")
                        .param("claim", footprint.id())
                        .param("me", person.id())
                        .query(String.class)
                        .list())
                .containsExactly("https://example.org/dyeing-study");
        screenshot("product-challenge-filed-360-en");
    }

    @Test
    void withoutTheBarcodeDetectionApiTheCameraButtonLoadsTheServedZxingReader() throws Exception {
        browser.manage().window().setSize(new Dimension(360, 780));
        browser.get(url("/products?lang=en"));
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("gtin")));
        Boolean nativeApi = (Boolean) browser.executeScript("return 'BarcodeDetector' in window");
        Assumptions.assumeFalse(Boolean.TRUE.equals(nativeApi), "this Chromium has the Barcode Detection API");
        var scan = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("scan-start")));
        assertThat(browser.executeScript("return typeof window.ZXingBrowser")).isEqualTo("undefined");
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", scan);
        scan.click();
        waitUpTo(15)
                .until(d -> "object".equals(browser.executeScript("return typeof window.ZXingBrowser"))
                        && "function"
                                .equals(browser.executeScript(
                                        "return typeof window.ZXingBrowser.BrowserMultiFormatOneDReader")));
        // Headless, there is no camera: the page says so and the typed field stays.
        waitUpTo(15)
                .until(d -> browser.findElement(By.id("scan-unavailable")).isDisplayed()
                        || browser.findElement(By.id("scanner")).isDisplayed());
        assertThat(browser.findElement(By.id("gtin")).isDisplayed()).isTrue();
    }
}
