package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.shared.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The grant cycle in a browser: a call is opened, an NGO applies, a reviewer declares and scores, the officer awards, the grantee reports. */
@IntegrationTest
class GrantCycleBrowserTests extends BrowserJourney {

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    Programmes programmes;

    @Autowired
    Communities communities;

    @Autowired
    JdbcClient jdbc;

    void signInAs(AuthenticatedUser person) {
        signInAs(person.email(), AccountFixtures.PASSWORD);
    }

    void setDate(WebElement input, LocalDate date) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, date.toString());
    }

    void type(String name, String text) {
        var input = browser.findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void fromCallToApplicationReviewAwardAndReport() throws Exception {
        var admin = AccountFixtures.person(registration, jdbc, Role.ADMIN);
        var officer = AccountFixtures.person(registration, jdbc);
        var office = organisations.create("Programme office", Organisations.Kind.COALITION);
        var programme = programmes.create(
                admin,
                "Low-carbon small grants " + UUID.randomUUID().toString().substring(0, 6),
                "Small grants for low-carbon consumption.",
                office.id());
        programmes.appointOfficer(admin, programme.id(), officer.email());
        var ngo = organisations.create("Green Hands NGO", Organisations.Kind.NGO);
        var grantee = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        organisations.addMember(ngo.id(), grantee.id(), Organisations.MemberRole.ORGANISER);
        var community = communities.create(
                grantee,
                ngo.id(),
                new Communities.CommunityForm("Riverside repairers", "", "NEIGHBOURHOOD", "PUBLIC", null, null, null));
        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));

        // The officer opens a call.
        signInAs(officer);
        browser.get(url("/programmes/" + programme.id() + "/office?lang=en"));
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.id("new-call")))
                .click();
        type("title", "Repair and reuse call");
        type("budgetYuan", "200000");
        type("maxGrantYuan", "50000");
        setDate(browser.findElement(By.name("closesOn")), today.plusDays(20));
        var names = browser.findElements(By.name("criterionName"));
        var weights = browser.findElements(By.name("criterionWeight"));
        names.get(0).sendKeys("Reach");
        weights.get(0).sendKeys("70");
        names.get(1).sendKeys("Feasibility");
        weights.get(1).sendKeys("30");
        browser.findElement(By.id("call-submit")).click();
        waitUpTo(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Repair and reuse call"));
        String callUrl = browser.getCurrentUrl();

        // The NGO applies, with a PDF attached.
        signInAs(grantee);
        browser.get(callUrl + "?lang=en");
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.id("apply-link")))
                .click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("application-form")));
        type("title", "Riverside repair café");
        type("proposal", "A monthly repair café with volunteers, counting every repair.");
        type("requestedYuan", "40000");
        type("plannedBehaviours", "600");
        Path pdf = Files.createTempFile("proposal", ".pdf");
        Files.writeString(pdf, "%PDF-1.4\n% a proposal\n");
        browser.findElement(By.name("attachments")).sendKeys(pdf.toString());
        browser.findElement(By.id("application-submit")).click();
        waitUpTo(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("application-status"), "Submitted"));
        String applicationUrl = browser.getCurrentUrl();
        assertThat(browser.getPageSource()).contains("proposal");

        // The officer assigns a reviewer.
        signInAs(officer);
        browser.get(applicationUrl + "?lang=en");
        waitUpTo(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#assign-form input[name=email]")))
                .sendKeys(reviewer.email());
        browser.findElement(By.id("assign-submit")).click();
        waitUpTo(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("application-status"), "Under review"));

        // The reviewer declares no conflict, then scores.
        signInAs(reviewer);
        browser.get(applicationUrl + "?lang=en");
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#coi-form input[value=no]")))
                .click();
        browser.findElement(By.id("coi-submit")).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("score-form")));
        type("score1", "9");
        type("score2", "7");
        type("comment1", "Reaches a whole neighbourhood");
        browser.findElement(By.id("score-submit")).click();
        assertThat(waitUpTo(10)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("my-score")))
                        .getText())
                .contains("84%");

        // The officer awards it in two tranches.
        signInAs(officer);
        browser.get(applicationUrl + "?lang=en");
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("decision-form")));
        type("note", "Funded: start in the spring");
        var tranches = browser.findElements(By.name("trancheYuan"));
        tranches.get(0).sendKeys("30000");
        tranches.get(1).sendKeys("10000");
        browser.findElements(By.name("trancheCondition")).get(1).sendKeys("After the final report");
        browser.findElement(By.name("milestoneTitle")).sendKeys("First repair café held");
        browser.findElement(By.id("decision-submit")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("application-status"), "Awarded"));

        // The grantee links their community and submits the final report, its figures filled in by the platform.
        signInAs(grantee);
        browser.get(applicationUrl + "?lang=en");
        assertThat(waitUpTo(10)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("decision-note")))
                        .getText())
                .isEqualTo("Funded: start in the spring");
        browser.findElement(By.id("project-link")).click();
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.id("link-submit")))
                .click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("links"), "Riverside repairers"));
        browser.findElement(By.id("new-report")).click();
        browser.findElement(By.cssSelector("#report-form select[name=kind] option[value=FINAL]"))
                .click();
        type("narrative", "Six repair cafés held; volunteers trained; every repair recorded on the platform.");
        type("keyFindings", "Neighbours come back when repairs are counted.");
        browser.findElement(By.id("report-submit")).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.report")));
        assertThat(browser.findElement(By.cssSelector("article.report")).getText())
                .contains("Final report", "From the platform");
        screenshot("grant-project-en");

        browser.get(url("/programmes/" + programme.id() + "?lang=en"));
        assertThat(waitUpTo(10)
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("projects")))
                        .getText())
                .contains("Riverside repair café");
        waitUpTo(10)
                .until(d -> "true".equals(d.findElement(By.id("monthly-chart")).getAttribute("data-loaded")));
        screenshot("programme-dashboard-en");
    }
}
