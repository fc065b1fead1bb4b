package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An organiser starts a cycling month, a participant joins, records a ride and sees the campaign's progress and
 * leaderboard move; and a Green Graduation hand-over from listing to the receiver's confirmation and both credits.
 */
@IntegrationTest
class CampaignJourneyBrowserTests extends BrowserJourney {

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    JdbcClient jdbc;

    AuthenticatedUser organiser;

    @BeforeEach
    void organisation() {
        var campus = organisations.create("Green Campus Association", Organisations.Kind.CAMPUS_ASSOCIATION);
        organiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        organisations.addMember(campus.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
    }

    void signInAs(AuthenticatedUser person) {
        signInAs(person.email(), AccountFixtures.PASSWORD);
    }

    String startCampaign(String template, String name, String replacementRate) {
        signInAs(organiser);
        browser.get(url("/campaigns?lang=en"));
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.id("template-" + template)))
                .click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-form")));
        browser.findElement(By.name("name")).sendKeys(name);
        if (replacementRate != null) {
            browser.findElement(By.name("replacementRate")).sendKeys(replacementRate);
        }
        browser.findElement(By.id("campaign-submit")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), name));
        return browser.getCurrentUrl().replaceAll(".*/campaigns/([0-9a-f-]+).*", "$1");
    }

    void joinCampaign(String campaign, String team) {
        browser.get(url("/campaigns/" + campaign + "?lang=en"));
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("join-form")));
        if (team != null) {
            browser.findElement(By.name("newTeam")).sendKeys(team);
        }
        browser.findElement(By.name("showName")).click();
        browser.findElement(By.id("join-campaign")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("join"), "You take part"));
    }

    @Test
    void createACampaignJoinItRecordAndWatchProgressAndTheLeaderboard() throws Exception {
        String campaign = startCampaign("CYCLING_MONTH", "Cycling month on campus", null);
        // The organiser sets a goal by editing the campaign.
        browser.get(url("/campaigns/" + campaign + "/edit?lang=en"));
        waitUpTo(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.name("goalBehaviours")))
                .sendKeys("20");
        browser.findElement(By.id("campaign-submit")).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("goal-behaviours")));

        var rider = AccountFixtures.person(registration, jdbc);
        signInAs(rider);
        joinCampaign(campaign, "Riders of dorm 3");
        assertThat(browser.findElement(By.id("campaign-behaviours")).getText()).isEqualTo("0");

        browser.get(url("/record?lang=en"));
        new Select(waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("behaviour"))))
                .selectByValue("CYCLE_INSTEAD_OF_CAR");
        waitUpTo(10)
                .until(d -> new Select(d.findElement(By.id("unit")))
                        .getOptions().stream().anyMatch(o -> "km".equals(o.getAttribute("value"))));
        browser.findElement(By.id("quantity")).sendKeys("8");
        new Select(browser.findElement(By.id("unit"))).selectByValue("km");
        browser.findElement(By.id("record-submit")).click();
        waitUpTo(10).until(ExpectedConditions.urlContains("credited="));

        // The campaign counts the ride once the credit has been rolled up (asynchronously, within moments).
        waitUpTo(15).until(d -> {
            d.get(url("/campaigns/" + campaign + "?lang=en"));
            return d.findElement(By.id("campaign-behaviours")).getText().equals("1");
        });
        assertThat(browser.findElement(By.cssSelector("#goal-behaviours .num")).getText())
                .isEqualTo("1 / 20");
        assertThat(browser.findElement(By.id("individuals")).getText()).contains("Test person");
        assertThat(browser.findElement(By.id("teams")).getText()).contains("Riders of dorm 3");
        screenshot("campaign-en");

        browser.findElement(By.cssSelector("a[hreflang='zh-CN']")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("leaderboards"), "排行榜"));
        screenshot("campaign-zh");
    }

    @Test
    void aGreenGraduationHandOverFromListingToBothCredits() throws Exception {
        String campaign = startCampaign("GREEN_GRADUATION", "Green Graduation 2026", "0.5");
        var graduate = AccountFixtures.person(registration, jdbc);
        var junior = AccountFixtures.person(registration, jdbc);

        signInAs(graduate);
        joinCampaign(campaign, null);
        browser.findElement(By.id("items-link")).click();
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("details summary")))
                .click();
        new Select(browser.findElement(By.name("category"))).selectByValue("BOOKS");
        browser.findElement(By.name("weightKg")).sendKeys("3.5");
        browser.findElement(By.name("title")).sendKeys("Organic chemistry textbooks");
        browser.findElement(By.id("item-submit")).click();
        waitUpTo(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("items"), "Organic chemistry textbooks"));
        assertThat(browser.findElements(By.cssSelector("#items button.reserve")))
                .as("not one's own item")
                .isEmpty();

        signInAs(junior);
        joinCampaign(campaign, null);
        browser.get(url("/campaigns/" + campaign + "/items?lang=en"));
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#items button.reserve")))
                .click();
        waitUpTo(10)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#items button.confirm")))
                .click();
        waitUpTo(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#items .item-status"), "Handed over"));

        waitUpTo(15).until(d -> {
            d.get(url("/campaigns/" + campaign + "/items?lang=en"));
            return !d.findElements(By.cssSelector("#items .receiver-credit")).isEmpty();
        });
        assertThat(browser.findElement(By.cssSelector("#items .giver-credit")).getText())
                .startsWith("Giver: credited");
        assertThat(browser.findElement(By.cssSelector("#items .receiver-credit"))
                        .getText())
                .as("the methodology has no second-hand books behaviour")
                .startsWith("Receiver: no behaviour in the methodology");
        screenshot("green-graduation-en");

        signInAs(graduate);
        browser.get(url("/account?lang=en"));
        assertThat(waitUpTo(10)
                        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.entry")))
                        .getText())
                .contains("Pass on books (green graduation)");
    }
}
