package org.lowcarbontogether.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.grants.ProgrammeScenario;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reminders of scheduled grantee reports, run by the daily job on chosen days (its clock injected as the day): the
 * grantee's organisers hear 7 days and 1 day before, each once however often the job runs; once a report is overdue the
 * programme's officers hear of it once, in their language; a report submitted in time escalates nothing.
 */
@IntegrationTest
class GrantReportRemindersIntegrationTests extends ProgrammeScenario {

    @Autowired
    GrantNotices notices;

    long sent(java.util.UUID user, String key) {
        return jdbc.sql("select count(*) from notification_sent where user_id = :u and key = :k")
                .param("u", user)
                .param("k", key)
                .query(Long.class)
                .single();
    }

    @Test
    void remindedBeforeTheDueDateAndEscalatedOnceOverdue() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        LocalDate today = LocalDate.now(CST);
        String project = award(setup, apply(setup, ngo, "Repair café network"), today.minusDays(10));
        jdbc.sql("update app_user set language = 'zh-CN' where id = :id")
                .param("id", setup.officer().id())
                .update();
        LocalDate due = today.plusDays(20);
        LocalDate second = today.plusDays(40);
        for (LocalDate day : List.of(due, second)) {
            var scheduled = api.post(
                    "/api/v1/awards/" + project + "/report-schedule",
                    "{\"kind\":\"INTERIM\",\"dueOn\":\"" + day + "\"}",
                    "Authorization",
                    setup.officer().bearer());
            assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
        }
        var organiser = ngo.organiser();
        String week = "scheduled-report-due:" + project + ":1:7";
        String lastDay = "scheduled-report-due:" + project + ":1:1";
        String overdue = "report-overdue:" + project + ":1";

        notices.remind(due.minusDays(8));
        assertThat(sent(organiser.id(), week)).as("not yet").isZero();
        notices.remind(due.minusDays(7));
        notices.remind(due.minusDays(7)); // the job again, as after a restart
        assertThat(sent(organiser.id(), week)).isEqualTo(1);
        notices.remind(due.minusDays(1));
        assertThat(sent(organiser.id(), lastDay)).isEqualTo(1);
        notices.remind(due);
        assertThat(sent(setup.officer().id(), overdue))
                .as("due today is not overdue")
                .isZero();
        notices.remind(due.plusDays(1));
        notices.remind(due.plusDays(2));
        assertThat(sent(setup.officer().id(), overdue)).as("escalated once").isEqualTo(1);
        assertThat(sent(organiser.id(), overdue))
                .as("the escalation is the officers'")
                .isZero();

        var mails = TestMail.await(organiser.user().email(), "Interim report due on " + due, 2);
        assertThat(mails)
                .extracting(TestMail.Mail::text)
                .anySatisfy(t -> assertThat(t).contains("in one day"));
        var escalation = TestMail.await(setup.officer().user().email(), "报告逾期：Repair café network");
        assertThat(escalation.text()).contains(due.toString(), "中期");

        // The second report is submitted before its date: no reminder after it, no escalation.
        var report = api.post(
                "/api/v1/projects/" + project + "/reports",
                """
                {"kind":"MILESTONE","periodFrom":"%s","periodTo":"%s","narrative":"Six repair cafés opened this term.","schedule":2}""".formatted(today.minusDays(10), today),
                "Authorization",
                organiser.bearer());
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        notices.remind(second.minusDays(1));
        notices.remind(second.plusDays(1));
        assertThat(sent(organiser.id(), "scheduled-report-due:" + project + ":2:1"))
                .isZero();
        assertThat(sent(setup.officer().id(), "report-overdue:" + project + ":2"))
                .isZero();
    }
}
