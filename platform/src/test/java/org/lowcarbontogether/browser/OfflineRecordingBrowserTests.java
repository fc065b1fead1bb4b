package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A record made with no network is kept on the phone and sent, once, when the network returns: Chromium's network is
 * switched off through the DevTools protocol, the form is submitted, then the network comes back.
 */
@IntegrationTest
class OfflineRecordingBrowserTests extends BrowserJourney {

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRecordMadeOfflineIsSentOnceWhenTheNetworkReturns() {
        var me = AccountFixtures.person(registration, jdbc);
        signInAs(me.email(), AccountFixtures.PASSWORD);
        browser.get(url("/record?lang=en&behaviour=BRING_OWN_CUP"));
        waitUpTo(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.id("quantity")))
                .sendKeys("1");
        new Select(browser.findElement(By.id("unit"))).selectByValue("cup");

        network(false);
        try {
            waitUpTo(5).until(d -> Boolean.FALSE.equals(browser.executeScript("return navigator.onLine")));
            browser.findElement(By.id("record-submit")).click();
            assertThat(waitUpTo(5)
                            .until(ExpectedConditions.visibilityOfElementLocated(By.id("outbox-status")))
                            .getText())
                    .contains("kept on this phone");
            assertThat(browser.findElements(By.cssSelector("#outbox-list li"))).hasSize(1);
            assertThat(records(me.id())).as("nothing reached the platform").isZero();
        } finally {
            network(true);
        }
        waitUpTo(15).until(d -> records(me.id()) == 1);
        // "have been sent": the message while offline says the record "will be sent".
        waitUpTo(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("outbox-status"), "have been sent"));
        assertThat(browser.executeScript("return localStorage.getItem('lct.outbox')"))
                .isEqualTo("[]");

        // Opening another page sends nothing twice.
        browser.get(url("/account?lang=en"));
        waitUpTo(5).until(ExpectedConditions.presenceOfElementLocated(By.id("balance-kg")));
        assertThat(records(me.id())).isEqualTo(1);
    }

    private long records(java.util.UUID userId) {
        return jdbc.sql("select count(*) from activity_record where user_id = :u")
                .param("u", userId)
                .query(Long.class)
                .single();
    }

    private void network(boolean online) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        if (online) {
            // Chromium fires "online" when the emulation ends.
            waitUpTo((int) Duration.ofSeconds(5).toSeconds())
                    .until(d -> Boolean.TRUE.equals(browser.executeScript("return navigator.onLine")));
        }
    }
}
