package org.lowcarbontogether.notifications;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.ReportingCycle;
import org.lowcarbontogether.grants.ReviewerAssigned;
import org.lowcarbontogether.grants.TrancheReleased;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The grant programme's notices. Reviewers hear of each review assigned to them; a grantee organisation's organisers
 * hear of a tranche paid and, from the daily job (09:00 China Standard Time), of a report due in 7 days and again in
 * 1 day and of a tranche past its due date and not paid — each once. A report on an award's schedule is announced the
 * same way to the grantee; once it is past its due date and not submitted, the programme's officers are told (the
 * escalation), once per report.
 */
@Component
class GrantNotices {

    private static final Logger log = LoggerFactory.getLogger(GrantNotices.class);
    /** How many days before a report is due its organisers are told. */
    static final List<Integer> REPORT_WARNINGS = List.of(7, 1);
    /** How far back an unpaid tranche is still worth telling about (the first run on an old programme). */
    static final int HELD_LOOKBACK_DAYS = 60;

    private final Awards awards;
    private final Organisations organisations;
    private final Delivery delivery;
    private final Clock clock;
    private final ReportingCycle cycle;
    private final Programmes programmes;

    private final ClusterJobs jobs;

    GrantNotices(
            Awards awards,
            Organisations organisations,
            Delivery delivery,
            Clock clock,
            ReportingCycle cycle,
            Programmes programmes,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.cycle = cycle;
        this.programmes = programmes;
        this.awards = awards;
        this.organisations = organisations;
        this.delivery = delivery;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ReviewerAssigned assigned) {
        delivery.deliver(new Notice(
                assigned.reviewerId(),
                NotificationKind.REVIEW_ASSIGNED,
                "review-assigned:" + assigned.applicationId(),
                "review-assigned",
                List.of(assigned.applicationTitle(), assigned.callTitle()),
                "/applications/" + assigned.applicationId()));
    }

    @ApplicationModuleListener
    void on(TrancheReleased released) {
        for (UUID organiser : organisers(released.organisationId())) {
            delivery.deliver(new Notice(
                    organiser,
                    NotificationKind.TRANCHE,
                    "tranche-released:" + released.projectId() + ":" + released.position(),
                    "tranche-released",
                    List.of(
                            released.projectTitle(),
                            released.position(),
                            yuan(released.amountFen()),
                            released.paidOn().toString()),
                    "/projects/" + released.projectId()));
        }
    }

    @Scheduled(cron = "${lct.notifications.grants-cron:0 0 9 * * *}", zone = ProgrammeCalendar.ZONE_ID)
    void dailyOnSchedule() {
        jobs.once("grant-notices", Duration.ofHours(1), this::daily);
    }

    void daily() {
        try {
            int sent = remind(ProgrammeCalendar.today(clock));
            if (sent > 0) {
                log.info("Sent {} grant deadline notices", sent);
            }
        } catch (RuntimeException e) {
            log.warn("Grant deadline notices failed; trying again tomorrow", e);
        }
    }

    /** Tells of reports falling due in 7 and 1 days and of tranches held past their due date; returns how many. */
    int remind(LocalDate today) {
        int sent = 0;
        for (int days : REPORT_WARNINGS) {
            for (var due : awards.reportsDueOn(today.plusDays(days))) {
                boolean last = due.kind() == GranteeReports.Kind.FINAL;
                for (UUID organiser : organisers(due.organisationId())) {
                    var notice = new Notice(
                            organiser,
                            NotificationKind.REPORT_DUE,
                            "report-due:" + due.projectId() + ":" + due.milestone() + ":" + days,
                            last ? "report-due-final" : "report-due-milestone",
                            List.of(due.projectTitle(), due.dueOn().toString(), days, due.milestoneTitle()),
                            "/projects/" + due.projectId());
                    if (delivery.deliver(notice)) {
                        sent++;
                    }
                }
            }
        }
        for (int days : REPORT_WARNINGS) {
            for (var due : cycle.dueOn(today.plusDays(days))) {
                for (UUID organiser : organisers(due.organisationId())) {
                    var notice = new Notice(
                            organiser,
                            NotificationKind.REPORT_DUE,
                            "scheduled-report-due:" + due.projectId() + ":" + due.position() + ":" + days,
                            "report-due-scheduled",
                            List.of(due.projectTitle(), due.dueOn().toString(), days, finalReport(due.kind())),
                            "/projects/" + due.projectId());
                    if (delivery.deliver(notice)) {
                        sent++;
                    }
                }
            }
        }
        // The escalation: a scheduled report past its due date and not submitted, to the programme's officers.
        for (var late : cycle.overdue(today.minusDays(HELD_LOOKBACK_DAYS), today.minusDays(1))) {
            for (UUID officer : programmes.officers(late.programmeId())) {
                var notice = new Notice(
                        officer,
                        NotificationKind.REPORT_DUE,
                        "report-overdue:" + late.projectId() + ":" + late.position(),
                        "report-overdue",
                        List.of(late.projectTitle(), late.dueOn().toString(), finalReport(late.kind())),
                        "/projects/" + late.projectId());
                if (delivery.deliver(notice)) {
                    sent++;
                }
            }
        }
        for (var held : awards.unpaidTranchesDue(today.minusDays(HELD_LOOKBACK_DAYS), today.minusDays(1))) {
            for (UUID organiser : organisers(held.organisationId())) {
                var notice = new Notice(
                        organiser,
                        NotificationKind.TRANCHE,
                        "tranche-held:" + held.projectId() + ":" + held.position(),
                        "tranche-held",
                        List.of(
                                held.projectTitle(),
                                held.position(),
                                yuan(held.amountFen()),
                                held.dueOn().toString(),
                                held.condition()),
                        "/projects/" + held.projectId());
                if (delivery.deliver(notice)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    /** 1 for a final report, 0 for an interim one: the messages choose their words by it. */
    private static int finalReport(ReportingCycle.Kind kind) {
        return kind == ReportingCycle.Kind.FINAL ? 1 : 0;
    }

    private List<UUID> organisers(UUID organisationId) {
        return organisations.members(organisationId).stream()
                .filter(m -> m.role() == Organisations.MemberRole.ORGANISER)
                .map(Organisations.PublicMember::userId)
                .toList();
    }

    /** Fen as yuan with two decimals, grouped: {@code 12,000.00}. */
    static String yuan(long fen) {
        return String.format(java.util.Locale.ROOT, "%,.2f", BigDecimal.valueOf(fen, 2));
    }
}
