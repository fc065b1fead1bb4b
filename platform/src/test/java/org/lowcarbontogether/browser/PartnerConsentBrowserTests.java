package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.partners.PartnerLinks;
import org.lowcarbontogether.partners.Partners;
import org.lowcarbontogether.shared.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consent page in Chromium, on a phone: a partner's app sends the person to link their account; the page names the
 * partner and the scenarios in words, nothing scrolls sideways at 360 px, and approving returns to the partner with a
 * code while the account shows the link.
 */
@IntegrationTest
class PartnerConsentBrowserTests extends BrowserJourney {

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    Partners partners;

    @Autowired
    PartnerLinks links;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPersonApprovesAPartnerOnThePhoneAndReturnsToItsApp() throws Exception {
        var officer = AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER);
        var organisation = organisations.create("Bike share " + UUID.randomUUID(), Organisations.Kind.INTERNET_PARTNER);
        String callback = url("/partner-app/callback");
        var partner = partners.onboard(
                officer,
                new Partners.Onboarding(
                        organisation.id(),
                        "City Bikes",
                        "城市单车",
                        List.of("BIKE_SHARE_INSTEAD_OF_CAR"),
                        List.of(new Partners.Scenario(
                                "rides", "Bike-share rides", "共享单车骑行", List.of("BIKE_SHARE_INSTEAD_OF_CAR"))),
                        List.of(callback)));
        var credentials = partners.issueCredentials(officer, partner.id(), Partners.Mode.LIVE);
        var person = AccountFixtures.person(registration, jdbc);

        browser.manage().window().setSize(new Dimension(360, 780));
        signInAs(person.email(), AccountFixtures.PASSWORD);
        browser.get(url("/oauth2/authorize?response_type=code&client_id=" + credentials.clientId()
                + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)
                + "&scope=scenario.rides&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256"));
        var title = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("consent-title")));
        assertThat(title.getText()).contains("City Bikes");
        assertThat(browser.findElement(By.id("consent-form")).getText())
                .contains("Bike-share rides")
                .doesNotContain("scenario.rides");
        long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) browser.executeScript("return window.innerWidth")).longValue();
        assertThat(scrollWidth).isLessThanOrEqualTo(innerWidth);
        screenshot("partner-consent-360-en");

        var approve = browser.findElement(By.id("approve"));
        // Out from under the phone's bottom bar.
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", approve);
        approve.click();
        waitUpTo(10).until(ExpectedConditions.urlContains("/partner-app/callback"));
        assertThat(browser.getCurrentUrl()).contains("code=").contains("state=s1");
        assertThat(links.mine(person))
                .singleElement()
                .satisfies(l -> assertThat(l.revoked()).isFalse());

        browser.get(url("/account/partners"));
        assertThat(waitUpTo(10)
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("main")))
                        .getText())
                .contains("City Bikes")
                .contains("Bike-share rides");
    }
}
