package org.lowcarbontogether.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Retention;
import org.lowcarbontogether.grants.ProgrammeScenario;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.recording.RecordReview;
import org.lowcarbontogether.recording.RecordStatus;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.reporting.ImpactRollups.Ref;
import org.lowcarbontogether.reporting.ReportedImpact.Dimension;
import org.lowcarbontogether.reporting.ReportedImpact.Filter;
import org.lowcarbontogether.reporting.ReportedImpact.Line;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every filter the programme, project, campaign and organiser pages offer — the whole-life default view, a free period,
 * a month, each evidence level, region and category, and filters combined — gives the same figures and breakdowns from
 * the maintained roll-ups as an independent SQL over the ledger itself.
 *
 * <p>What <b>counts</b> for a project (and, over all its projects, for a programme), as the expected-value SQL below
 * computes it without reading any {@code rollup_*} table: a ledger CREDIT whose person was, on the activity's day
 * (programme calendar), a member of a group linked to the project ({@code project_link}, {@code participant.joined_at}),
 * on or after the project's start; for a campaign, also the day within its dates, the behaviour among its behaviours
 * (none: all) and the record in its region (none: everywhere; the fixture uses province codes only, so "in its region"
 * is equality). Each credit counts once however many of the groups hold it. A credit whose record was reversed later
 * counts for nothing (its REVERSAL entry takes it back on the credit's day); a record held for review has no ledger
 * entry until a reviewer approves it, and then counts on its activity's day like any other. Over the credits that
 * count and pass the filter (day in the period; the record's evidence level, region — '' for none — and the credit's
 * category):
 *
 * <ul>
 *   <li>behaviours: the credits not reversed; grams recorded: their credited grams; grams restated: every ledger
 *       entry of their records (credit, adjustments, reversal) summed;</li>
 *   <li>participants: people with a credit not reversed;</li>
 *   <li>retained at N days, as of the period's end (as {@link ReportedImpact#retention} documents it: "a person's first
 *       and last days with a net counted behaviour, up to the end" — not bounded below by the period's start), or as of
 *       today when the period ends later (a page's current month): of the people whose first such day is at least N
 *       days before that day, those whose last is N or more days after it. Nobody can yet be retained for N days who
 *       started fewer than N days ago, so they are not in the cohort;
 *   <li>a breakdown: the same per category, evidence level, region or month, one line for each key any counted credit
 *       (reversed or not) falls under.</li>
 * </ul>
 */
@IntegrationTest
class ReportedImpactFiltersIntegrationTests extends ProgrammeScenario {

    @Autowired
    Recording recording;

    @Autowired
    RecordReview review;

    @Autowired
    Participation participation;

    @Autowired
    ReportedImpact impact;

    @Autowired
    Ledger ledger;

    @Autowired
    Methodology methodology;

    @Autowired
    TransactionTemplate transactions;

    /** The figures compared: all of {@link ReportedImpact.Figures} but reach (stories, which the fixture has none of). */
    record Counts(
            long behaviours,
            long gramsRecorded,
            long gramsRestated,
            long participants,
            Retention retained30,
            Retention retained90) {}

    private static final ReportedImpact.Assumptions ASSUMPTIONS = new ReportedImpact.Assumptions(4, 8, BigDecimal.ONE);

    private LocalDate today = LocalDate.now(CST);

    private static Counts counts(ReportedImpact.Figures figures) {
        return new Counts(
                figures.behaviours(),
                figures.gramsRecorded(),
                figures.gramsRestated(),
                figures.participants(),
                figures.retained30(),
                figures.retained90());
    }

    @Test
    void everyFilterOfTheReportsGivesTheLedgersFigures() {
        Instant fixtureStart = Instant.now().minusSeconds(5);
        today = LocalDate.now(CST);
        LocalDate startA = today.minusDays(100);
        LocalDate startB = today.minusDays(40);

        Setup setup = programmeWithCall();
        Org ngoA = organisers.organisation(Organisations.Kind.NGO);
        Org ngoB = organisers.organisation(Organisations.Kind.NGO);
        organiser = ngoA.organiser();
        UUID projectA = UUID.fromString(award(setup, apply(setup, ngoA, "Bus and paper circles"), startA));
        UUID projectB = UUID.fromString(award(setup, apply(setup, ngoB, "Dormitory circles"), startB));
        UUID communityA = community(ngoA, "Circle A");
        UUID communityB = community(ngoB, "Circle B");
        // A campaign of project A's grantee, in Guangdong only: its members' records elsewhere are not its.
        var created = api.post(
                "/api/v1/campaigns",
                """
                {"organisationId":"%s","name":"Guangdong months","startsOn":"%s","endsOn":"%s","region":"CN-GD"}""".formatted(ngoA.id(), startA.minusDays(10), today.plusDays(10)),
                "Authorization",
                ngoA.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID campaignA = UUID.fromString(created.json().get("id").asString());
        // These two count as their records arrive; the campaign is linked afterwards, so it is back-filled.
        link(ngoA, projectA, "COMMUNITY", communityA);
        link(ngoB, projectB, "COMMUNITY", communityB);

        var communityScopeA = Participation.Scope.community(communityA);
        var communityScopeB = Participation.Scope.community(communityB);
        var campaignScopeA = Participation.Scope.campaign(campaignA);
        Person p1 = organisers.person();
        Person p2 = organisers.person();
        Person p3 = organisers.person();
        Person p4 = organisers.person();
        Person p5 = organisers.person();
        Person p6 = organisers.person();
        Person p7 = organisers.person();
        Person outsider = organisers.person();
        join(communityScopeA, p1, 110);
        join(campaignScopeA, p1, 95); // in two groups of project A: counted once
        join(communityScopeA, p2, 110);
        join(communityScopeB, p2, 45); // in both projects: counted once in the programme
        join(communityScopeA, p3, 120);
        join(communityScopeA, p4, 30);
        join(campaignScopeA, p5, 90);
        join(communityScopeB, p6, 60);
        join(communityScopeB, p7, 40);

        // p1: in the community and (from day 95) the campaign
        bus(p1, 98, "8", "CN-GD"); // the community only: before joining the campaign
        bus(p1, 70, "10", "CN-BJ"); // the community only: not the campaign's region
        paper(p1, 40, "2", "CN-GD", true); // both groups of project A: once
        var reversed = bus(p1, 25, "12", "CN-GD");
        bus(p1, 5, "6", null); // the community only: no region
        // p2: project A from the start, project B from day 45 (B starts at 40)
        paper(p2, 90, "1.5", "CN-BJ", false);
        bus(p2, 60, "9", "CN-BJ"); // the programme (through A), not project B: before B's start
        var restated = bus(p2, 30, "7", "CN-GD"); // both projects, once in the programme
        paper(p2, 3, "3", null, true);
        // p3: a member long before project A started
        bus(p3, 105, "11", "CN-GD"); // before project A's start: the group's, not the project's
        bus(p3, 80, "5", "CN-GD");
        paper(p3, 45, "2", null, false);
        // p4: joined 30 days ago
        bus(p4, 50, "14", "CN-GD"); // before joining: nobody's
        bus(p4, 20, "4", "CN-BJ");
        paper(p4, 10, "1", "CN-GD", true);
        // p5: in the campaign only
        var restatedInCampaign = bus(p5, 85, "9", "CN-GD");
        bus(p5, 55, "9", "CN-BJ"); // outside the campaign's region: nobody's
        paper(p5, 15, "2.5", "CN-GD", false);
        // p6: in project B's community since 60 days ago
        bus(p6, 50, "8", "CN-GD"); // before project B's start
        bus(p6, 35, "6", "CN-GD");
        bus(p6, 12, "6", "CN-GD");
        var held = submit(p6, "BUS_INSTEAD_OF_CAR", "6", "km", 12, "CN-GD", false);
        assertThat(held.status()).as("the same trip again is held for review").isEqualTo(RecordStatus.FLAGGED);
        paper(p6, 2, "2", "CN-BJ", true);
        // p7
        paper(p7, 38, "1", null, false);
        bus(p7, 8, "13", "CN-BJ");
        var approved = submit(p7, "BUS_INSTEAD_OF_CAR", "13", "km", 8, "CN-BJ", false);
        assertThat(approved.status()).isEqualTo(RecordStatus.FLAGGED);
        Person reviewer = organisers.person(Role.REVIEWER);
        review.approve(Actor.of(reviewer.id(), Set.of(Role.REVIEWER)), p7.id(), approved.id(), "two trips that day");
        // in no group
        bus(outsider, 30, "5", "CN-GD");

        // Restatements move the restated reduction only; the reversal takes back the credit and its adjustment.
        restate(p2, restated, "8");
        restate(p5, restatedInCampaign, "10");
        restate(p1, reversed, "13");
        review.reverse(Actor.of(p1.id(), Set.of(Role.PARTICIPANT)), p1.id(), reversed.id(), "entered twice");
        link(ngoA, projectA, "CAMPAIGN", campaignA);

        // Counting runs after each commit, by events: wait until none of this fixture's is still open.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.sql("""
                                select count(*) from event_publication
                                where publication_date >= :since and completion_date is null""")
                                .param("since", Timestamp.from(fixtureStart))
                                .query(Long.class)
                                .single()
                        == 0);

        var programme = Ref.programme(setup.programme());
        var a = Ref.project(projectA);
        var b = Ref.project(projectB);
        // The expected SQL itself, against a count by hand of the fixture above.
        assertThat(expected(programme, Filter.period(startA, today))).satisfies(c -> {
            assertThat(c.behaviours()).isEqualTo(20);
            assertThat(c.participants()).isEqualTo(7);
        });
        assertThat(expected(a, Filter.period(startA, today)).behaviours()).isEqualTo(14);
        assertThat(expected(b, Filter.period(startB, today)).behaviours()).isEqualTo(8);
        assertThat(expected(b, Filter.period(startB, today)).participants()).isEqualTo(3);
        assertThat(expected(b, Filter.period(startB, today)))
                .as("a restatement in the period")
                .satisfies(c -> assertThat(c.gramsRestated()).isGreaterThan(c.gramsRecorded()));
        // every filter below has something to tell apart: both evidence levels, both regions and none, both categories
        var whole = Filter.period(startA, today);
        assertThat(expectedLines(programme, whole, Dimension.EVIDENCE))
                .extracting(Line::key)
                .containsExactly("ORGANISER_VERIFIED", "SELF_REPORT");
        assertThat(expectedLines(programme, whole, Dimension.REGION))
                .extracting(Line::key)
                .containsExactly("", "CN-BJ", "CN-GD");
        assertThat(expectedLines(programme, whole, Dimension.CATEGORY))
                .extracting(Line::key)
                .containsExactly("DAILY_USE", "TRANSPORT");
        assertThat(expectedLines(programme, whole, Dimension.MONTH)).hasSizeGreaterThanOrEqualTo(4);

        int compared = 0;
        for (var report : Map.of(programme, startA, a, startA, b, startB).entrySet()) {
            Ref ref = report.getKey();
            LocalDate start = report.getValue();
            Filter wholeLife = Filter.period(start, today);
            assertThat(impact.wholeLife(ref, wholeLife))
                    .as("the default view is read from the counters")
                    .isTrue();
            LocalDate freeFrom = YearMonth.from(today.minusDays(60)).atDay(10);
            LocalDate freeTo = YearMonth.from(today.minusDays(20)).atDay(20);
            YearMonth month = YearMonth.from(today.minusDays(45));
            var filters = new ArrayList<Filter>(List.of(
                    wholeLife,
                    // the same span, read live: it ends yesterday
                    Filter.period(start, today.minusDays(1)),
                    Filter.period(start.minusYears(1), today.plusDays(30)),
                    Filter.period(freeFrom, freeTo),
                    Filter.period(month.atDay(1), month.atEndOfMonth()),
                    Filter.period(
                            YearMonth.from(today).atDay(1),
                            YearMonth.from(today).atEndOfMonth()),
                    new Filter(freeFrom, freeTo, "SELF_REPORT", "CN-GD", null),
                    new Filter(start, today, null, "", "DAILY_USE"),
                    new Filter(month.atDay(1), month.atEndOfMonth(), "ORGANISER_VERIFIED", null, "DAILY_USE")));
            for (String evidence : List.of("SELF_REPORT", "ORGANISER_VERIFIED")) {
                filters.add(new Filter(start, today, evidence, null, null));
            }
            for (String region : List.of("CN-GD", "CN-BJ", "")) {
                filters.add(new Filter(start, today, null, region, null));
            }
            for (String category : List.of("TRANSPORT", "DAILY_USE")) {
                filters.add(new Filter(start, today, null, null, category));
            }
            for (Filter filter : filters) {
                var expected = expected(ref, filter);
                assertThat(counts(impact.figures(ref, filter)))
                        .as("figures of %s under %s", ref, filter)
                        .isEqualTo(expected);
                // as the programme's office sees them: a whole-life view takes retention from the roll-up's snapshot
                assertThat(counts(impact.figures(ref, filter, ASSUMPTIONS)))
                        .as("figures of %s under %s, retention from the snapshot", ref, filter)
                        .isEqualTo(expected);
                for (Dimension dimension : Dimension.values()) {
                    assertThat(impact.breakdown(ref, filter, dimension))
                            .as("%s breakdown of %s under %s", dimension, ref, filter)
                            .isEqualTo(expectedLines(ref, filter, dimension));
                }
                compared++;
            }
            // The potential as of a day after today (a period ending later, such as the current month) is today's.
            assertThat(impact.potential(ref, today.plusDays(20), ASSUMPTIONS))
                    .as("potential of %s as of a day after today", ref)
                    .isEqualTo(impact.potential(ref, today, ASSUMPTIONS));
        }
        assertThat(compared).isEqualTo(3 * 16);
    }

    /**
     * The credits that count for a roll-up (see the class comment), each with its day, evidence level, region and
     * category, whether its record was reversed, and its record's restated grams; then those under the filter, but for
     * the period's start when {@code fromBound} is false.
     */
    private static final String COUNTED = """
            with projects as (
                select w.id, w.starts_on from grant_award w
                join grant_application a on a.id = w.application_id
                join grant_call c on c.id = a.call_id
                where (cast(:kind as text) = 'PROJECT' and w.id = :id) or (cast(:kind as text) = 'PROGRAMME' and c.programme_id = :id)
            ), credit as (
                select e.user_id, e.record_id, e.behaviour, e.category, e.grams,
                    (e.occurred_at at time zone 'Asia/Shanghai')::date as day, r.evidence, r.region
                from ledger_entry e join activity_record r on r.user_id = e.user_id and r.id = e.record_id
                where e.kind = 'CREDIT'
            ), counted as (
                select c.user_id, c.day, c.category, c.evidence, coalesce(c.region, '') as region, c.grams,
                    exists (select 1 from ledger_entry v where v.user_id = c.user_id and v.record_id = c.record_id
                            and v.kind = 'REVERSAL') as reversed,
                    (select sum(x.grams) from ledger_entry x where x.user_id = c.user_id and x.record_id = c.record_id)
                        as restated
                from credit c
                where exists (
                    select 1 from projects w
                    join project_link l on l.award_id = w.id
                    join participant p on p.scope_kind = l.scope_kind and p.scope_id = l.scope_id and p.user_id = c.user_id
                    left join campaign k on l.scope_kind = 'CAMPAIGN' and k.id = l.scope_id
                    where c.day >= w.starts_on and (p.joined_at at time zone 'Asia/Shanghai')::date <= c.day
                      and p.left_at is null
                      and (l.scope_kind <> 'CAMPAIGN'
                           or (c.day between k.starts_on and k.ends_on
                               and (cardinality(k.behaviours) = 0 or c.behaviour = any(k.behaviours))
                               and (k.region is null or c.region = k.region))))
            ), chosen as (
                select * from counted
                where (not :fromBound or day >= cast(:from as date)) and day <= cast(:to as date)
                  and (cast(:evidence as text) is null or evidence = :evidence)
                  and (cast(:region as text) is null or region = :region)
                  and (cast(:category as text) is null or category = :category)
            )
            """;

    private Counts expected(Ref ref, Filter filter) {
        long[] totals = jdbc.sql(COUNTED + """
                        select count(*) filter (where not reversed), coalesce(sum(grams) filter (where not reversed), 0),
                            coalesce(sum(restated), 0), count(distinct user_id) filter (where not reversed)
                        from chosen""")
                .params(params(ref, filter, true))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                .single();
        Retention[] retention = jdbc.sql(COUNTED + """
                        , people as (
                            select user_id, min(day) as first_day, max(day) as last_day from chosen where not reversed
                            group by user_id
                        )
                        select count(*) filter (where first_day <= cast(:asOf as date) - 30),
                            count(*) filter (where first_day <= cast(:asOf as date) - 30 and last_day >= first_day + 30),
                            count(*) filter (where first_day <= cast(:asOf as date) - 90),
                            count(*) filter (where first_day <= cast(:asOf as date) - 90 and last_day >= first_day + 90)
                        from people""")
                .params(params(ref, filter, false))
                .param("asOf", Date.valueOf(filter.to().isAfter(today) ? today : filter.to()))
                .query((rs, n) -> new Retention[] {
                    new Retention(30, rs.getLong(1), rs.getLong(2)), new Retention(90, rs.getLong(3), rs.getLong(4))
                })
                .single();
        return new Counts(totals[0], totals[1], totals[2], totals[3], retention[0], retention[1]);
    }

    private List<Line> expectedLines(Ref ref, Filter filter, Dimension dimension) {
        String key = switch (dimension) {
            case CATEGORY -> "category";
            case EVIDENCE -> "evidence";
            case REGION -> "region";
            case MONTH -> "to_char(day, 'YYYY-MM')";
        };
        return jdbc.sql(COUNTED + """
                        select %s as key, count(*) filter (where not reversed), coalesce(sum(grams) filter (where not reversed), 0),
                            coalesce(sum(restated), 0), count(distinct user_id) filter (where not reversed)
                        from chosen group by 1 order by 1""".formatted(key))
                .params(params(ref, filter, true))
                .query((rs, n) -> new Line(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    private static Map<String, @Nullable Object> params(Ref ref, Filter filter, boolean fromBound) {
        var params = new HashMap<String, @Nullable Object>();
        params.put("kind", ref.kind().name());
        params.put("id", ref.id());
        params.put("fromBound", fromBound);
        params.put("from", Date.valueOf(filter.from()));
        params.put("to", Date.valueOf(filter.to()));
        params.put("evidence", filter.evidence());
        params.put("region", filter.region());
        params.put("category", filter.category());
        return params;
    }

    /**
     * What a restatement books for a record (see {@code Restatements}) without publishing a methodology version for
     * the whole test database: an ADJUSTMENT entry of the difference a recalculation makes, here as if the quantity had
     * been {@code asIf}.
     */
    private void restate(Person person, RecordReceipt receipt, String asIf) {
        var calculation = (Calculation.Credited) methodology.calculate(new ActivityInput(
                receipt.behaviour(),
                new BigDecimal(asIf),
                receipt.unit(),
                receipt.occurredAt().atZoneSameInstant(CST).toLocalDate(),
                receipt.region(),
                Map.of()));
        long delta = calculation.reductionGrams() - receipt.reductionGrams();
        assertThat(delta).isPositive();
        transactions.executeWithoutResult(status -> ledger.adjust(
                person.id(),
                receipt.id(),
                delta,
                calculation,
                receipt.occurredAt().toInstant(),
                receipt.methodology().version(),
                UUID.randomUUID()));
    }

    private UUID community(Org org, String name) {
        var created = api.post(
                "/api/v1/communities",
                """
                {"organisationId":"%s","name":"%s","kind":"NEIGHBOURHOOD","visibility":"PUBLIC"}""".formatted(org.id(), name),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private void link(Org org, UUID project, String kind, UUID scope) {
        var linked = api.post(
                "/api/v1/projects/" + project + "/links",
                "{\"kind\":\"" + kind + "\",\"scopeId\":\"" + scope + "\"}",
                "Authorization",
                org.organiser().bearer());
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
    }

    private void join(Participation.Scope scope, Person person, int daysAgo) {
        participation.joinSince(
                scope,
                person.id(),
                null,
                today.minusDays(daysAgo).atStartOfDay(CST).toInstant());
    }

    /** Who enters the organiser-verified records. */
    private @Nullable Person organiser;

    /** A bus trip instead of the car (TRANSPORT), self-reported in an imported sheet; it must be credited. */
    private RecordReceipt bus(Person person, int daysAgo, String km, @Nullable String region) {
        var receipt = submit(person, "BUS_INSTEAD_OF_CAR", km, "km", daysAgo, region, false);
        assertThat(receipt.status()).as("%s", receipt.reasons()).isEqualTo(RecordStatus.CREDITED);
        return receipt;
    }

    /** Paper taken to recycling (DAILY_USE): verified by an organiser, or self-reported; it must be credited. */
    private RecordReceipt paper(
            Person person, int daysAgo, String kg, @Nullable String region, boolean organiserVerified) {
        var receipt = submit(person, "RECYCLE_PAPER", kg, "kg", daysAgo, region, organiserVerified);
        assertThat(receipt.status()).as("%s", receipt.reasons()).isEqualTo(RecordStatus.CREDITED);
        assertThat(receipt.evidence()).isEqualTo(organiserVerified ? "ORGANISER_VERIFIED" : "SELF_REPORT");
        return receipt;
    }

    private RecordReceipt submit(
            Person person,
            String behaviour,
            String quantity,
            String unit,
            int daysAgo,
            @Nullable String region,
            boolean organiserVerified) {
        // trips in the morning, paper in the evening: the same trip again on a day is a duplicate
        int hour = behaviour.equals("BUS_INSTEAD_OF_CAR") ? 8 : 18;
        var submission = new RecordSubmission(
                behaviour,
                new BigDecimal(quantity),
                unit,
                OffsetDateTime.of(today.minusDays(daysAgo).atTime(hour, 30), CST),
                region,
                null);
        String key = UUID.randomUUID().toString();
        return organiserVerified
                ? recording
                        .submitInTransaction(
                                person.id(),
                                key,
                                submission,
                                Recording.Channel.ORGANISER,
                                java.util.Objects.requireNonNull(organiser).id())
                        .receipt()
                : recording
                        .submitInTransaction(person.id(), key, submission, Recording.Channel.IMPORT)
                        .receipt();
    }
}
