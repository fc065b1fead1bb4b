package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.communities.Organisers;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A course in a browser: a trainee enrols and is shown their personal code, the organiser types it at the session
 * happening now, and the trainee finds their certificate, whose verification page anyone can open.
 */
@IntegrationTest
class TrainingJourneyBrowserTests extends BrowserJourney {

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void enrolAttendByPersonalCodeAndVerifyTheCertificate() throws Exception {
        var api = new ApiClient(port);
        var organisers = new Organisers(registration, organisations, jdbc, api);
        var employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        var trainee = organisers.person();
        var starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusMinutes(10);
        String title = "Greener commuting " + UUID.randomUUID().toString().substring(0, 6);
        var created = api.post(
                "/api/v1/courses",
                """
                {"organisationId":"%s","title":"%s","audience":"PUBLIC","language":"en",
                 "sessions":[{"mode":"IN_PERSON","startsAt":"%s","endsAt":"%s","place":"Room 3"}]}""".formatted(employer.id(), title, starts, starts.plusHours(2)),
                "Authorization",
                employer.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String course = created.json().get("id").asString();

        // the trainee enrols and is shown their personal code
        signInAs(trainee.user().email(), AccountFixtures.PASSWORD);
        browser.get(url("/training/courses/" + course + "?lang=en"));
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.id("enrol")))
                .click();
        String code = waitUpTo(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.id("personal-code-text")))
                .getText()
                .strip();
        assertThat(code).hasSizeGreaterThanOrEqualTo(20);
        assertThat(browser.findElement(By.cssSelector("#personal-code img")).getAttribute("src"))
                .contains("/my-code.png");
        screenshot("training-enrolled-en");

        // the organiser types it at the session happening now
        signInAs(employer.organiser().user().email(), AccountFixtures.PASSWORD);
        browser.get(url("/training/courses/" + course + "/manage?lang=en"));
        var codeInput = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.name("code")));
        codeInput.sendKeys(code);
        codeInput.submit();
        assertThat(waitUpTo(10)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("recorded")))
                        .getText())
                .isEqualTo("Attendance recorded.");
        assertThat(browser.findElement(By.id("trainees")).getText())
                .contains(trainee.user().displayName());

        // the trainee has completed the course and finds the certificate and its verification page
        signInAs(trainee.user().email(), AccountFixtures.PASSWORD);
        browser.get(url("/training/courses/" + course + "?lang=en"));
        var certificate = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("my-certificate")));
        assertThat(certificate.findElement(By.cssSelector("a[href$='certificate.pdf']")))
                .isNotNull();
        assertThat(browser.findElements(By.id("personal-code")))
                .as("no code once completed")
                .isEmpty();
        String verification = certificate
                .findElement(By.cssSelector("a[href*='/training/certificates/']"))
                .getAttribute("href");
        browser.manage().deleteAllCookies();
        browser.get(verification + "?lang=en");
        var verified = waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("certificate")));
        assertThat(verified.getText())
                .contains(trainee.user().displayName())
                .contains(title)
                .doesNotContain(trainee.user().email());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("A valid certificate");
        screenshot("training-certificate-en");
    }
}
