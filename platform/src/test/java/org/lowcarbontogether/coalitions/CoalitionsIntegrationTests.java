package org.lowcarbontogether.coalitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A coalition of members: only accepted, current members are pooled; the pool equals the members' figures added up
 * when they do not overlap, and counts a person and a ledger entry once when they do; a joint campaign counts in the
 * pool; who may admit, answer, end and see what; the joint report in both languages, as HTML and PDF.
 */
@IntegrationTest
class CoalitionsIntegrationTests extends OrganiserScenario {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Autowired
    Coalitions coalitions;

    @Autowired
    JointReports reports;

    record Member(Org org, String community, Coalitions.Membership membership) {}

    @Test
    void poolsAcceptedMembersOnceAndOnlyThem() throws Exception {
        var coalition = organisations.create(
                "联盟 " + UUID.randomUUID().toString().substring(0, 6), Organisations.Kind.COALITION);
        Person lead = organisers.person(Role.ORGANISER);
        organisations.addMember(coalition.id(), lead.id(), Organisations.MemberRole.ORGANISER);
        Member a = member(coalition.id(), lead, true);
        Member b = member(coalition.id(), lead, true);
        Member invitedOnly = member(coalition.id(), lead, false);
        Member leaving = member(coalition.id(), lead, true);

        Person p1 = joined(a), p2 = joined(a), p3 = joined(b), p4 = joined(invitedOnly), p5 = joined(leaving);
        for (Person p : List.of(p1, p2, p3, p4, p5)) {
            record(p, "BUS_INSTEAD_OF_CAR", 6);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool(lead, coalition.id()) != null
                        && pool(lead, coalition.id()).behaviours() == 4);

        // The leaving member ends its membership: its work leaves the pool.
        assertThat(coalitions
                        .end(
                                leaving.org().organiser().user(),
                                leaving.membership().id())
                        .state())
                .isEqualTo(Coalitions.State.ENDED);
        var live = reports.dashboard(lead.user(), coalition.id()).pool();
        assertThat(live.live()).isTrue();
        assertThat(live.shares())
                .extracting(s -> s.member().organisationId())
                .containsExactlyInAnyOrder(a.org().id(), b.org().id());
        var pooled = live.measured().figures();
        var ofA = share(live, a).measured().figures();
        var ofB = share(live, b).measured().figures();
        assertThat(pooled).isNotNull();
        assertThat(ofA).isNotNull();
        assertThat(ofB).isNotNull();
        // No overlap: the pool is the sum of the members' figures, and equals the ledger of their people since today.
        assertThat(pooled.behaviours())
                .isEqualTo(ofA.behaviours() + ofB.behaviours())
                .isEqualTo(3);
        assertThat(pooled.participants())
                .isEqualTo(ofA.participants() + ofB.participants())
                .isEqualTo(3);
        assertThat(pooled.gramsRecorded())
                .isEqualTo(ofA.gramsRecorded() + ofB.gramsRecorded())
                .isEqualTo(ledgerGrams(List.of(p1, p2, p3)));
        assertThat(live.methodologyVersions())
                .as("every figure names its methodology version")
                .isNotEmpty();
        assertThat(share(live, a).percentOfReduction()).isNotNull();

        // Overlap: p1 joins b's community too and records again — one entry, one person, counted once in the pool.
        api.post("/api/v1/communities/" + b.community() + "/members", "", "Authorization", p1.bearer());
        record(p1, "METRO_INSTEAD_OF_CAR", 8);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool(lead, coalition.id()).behaviours() == 4);
        var overlapping = reports.dashboard(lead.user(), coalition.id()).pool();
        var both = overlapping.measured().figures();
        var nowA = share(overlapping, a).measured().figures();
        var nowB = share(overlapping, b).measured().figures();
        assertThat(both.participants()).isEqualTo(3);
        assertThat(both.gramsRecorded()).isEqualTo(ledgerGrams(List.of(p1, p2, p3)));
        assertThat(nowA.behaviours() + nowB.behaviours())
                .as("the entry is in both members' lines")
                .isGreaterThan(both.behaviours());
        assertThat(nowA.participants() + nowB.participants()).isGreaterThan(both.participants());

        // A joint campaign: the coalition's campaign run with member a; a person in no member's group joins it.
        String campaign = api.post(
                        "/api/v1/campaigns",
                        """
                {"organisationId":"%s","name":"联合无车周","template":"CAR_FREE_WEEK","behaviours":["BUS_INSTEAD_OF_CAR"],
                 "startsOn":"%s","endsOn":"%s"}""".formatted(coalition.id(), today().minusDays(1), today().plusDays(20)),
                        "Authorization",
                        lead.bearer())
                .json()
                .get("id")
                .asString();
        coalitions.joinCampaign(
                lead.user(), coalition.id(), UUID.fromString(campaign), a.org().id());
        assertThatThrownBy(() -> coalitions.joinCampaign(
                        lead.user(),
                        coalition.id(),
                        UUID.fromString(campaign),
                        invitedOnly.org().id()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("coalition-not-member"));
        assertThat(coalitions.jointCampaigns(coalition.id()).getFirst().members())
                .extracting(m -> m.organisationId())
                .containsExactly(a.org().id());
        Person p6 = organisers.person();
        assertThat(api.post("/api/v1/campaigns/" + campaign + "/participants", "", "Authorization", p6.bearer())
                        .status())
                .isLessThan(300);
        record(p6, "BUS_INSTEAD_OF_CAR", 3);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool(lead, coalition.id()).behaviours() == 5);
        assertThat(pool(lead, coalition.id()).participants()).isEqualTo(4);
        assertThat(new WebSession(port)
                        .signIn(p6.user().email(), AccountFixtures.PASSWORD)
                        .get("/campaigns/" + campaign)
                        .body())
                .contains("id=\"co-organisers\"");

        // Audited: four invitations, three acceptances, one end.
        assertThat(jdbc.sql("select action, count(*) from audit_entry where organisation_id = :c group by action")
                        .param("c", coalition.id())
                        .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .list())
                .contains(
                        Map.entry("coalition-member-invited", 4L),
                        Map.entry("coalition-member-accepted", 3L),
                        Map.entry("coalition-member-ended", 1L));

        // A member's organiser sees the published pool (nothing published yet: unknown, not zero) and their own line
        // live.
        var asMember =
                reports.dashboard(a.org().organiser().user(), coalition.id()).pool();
        assertThat(asMember.live()).isFalse();
        assertThat(asMember.measured().figures()).isNull();
        assertThat(asMember.measured().unknown()).isEqualTo(CoalitionPool.Unknown.NOT_PUBLISHED);
        assertThat(share(asMember, a).measured().figures()).isNotNull();
        assertThat(share(asMember, b).measured().figures())
                .as("another member's line is published figures only")
                .isNull();

        // The joint report: hidden until published, then public with published figures, in both languages.
        var anonymous = new WebSession(port);
        assertThat(anonymous.get("/coalitions/" + coalition.id() + "/report").status())
                .isEqualTo(404);
        reports.write(lead.user(), coalition.id(), "We cycle together.", "我们一起骑车。", true);
        var en = anonymous.get("/coalitions/" + coalition.id() + "/report", "en");
        assertThat(en.status()).isEqualTo(200);
        assertThat(en.body())
                .contains("We cycle together.", "Unknown: not published yet")
                .doesNotContain("id=\"report-draft\"");
        assertThat(anonymous
                        .get("/coalitions/" + coalition.id() + "/report", "zh-CN")
                        .body())
                .contains("我们一起骑车。", "未知：尚未发布");
        try (var reader = new PdfReader(anonymous.bytes("/coalitions/" + coalition.id() + "/report.pdf", "en"))) {
            assertThat(new PdfTextExtractor(reader).getTextFromPage(1))
                    .contains("Joint report", "We cycle together.", "What each member contributes");
        }
        try (var reader = new PdfReader(anonymous.bytes("/coalitions/" + coalition.id() + "/report.pdf", "zh-CN"))) {
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("联合报告", "我们一起骑车。", "各成员的贡献", "第 1 页，共");
            assertThat(text).doesNotContain("Joint report");
        }
    }

    @Test
    void onlyTheRightOrganisersAdmitAnswerEndAndSee() {
        var coalition = organisations.create(
                "联盟 " + UUID.randomUUID().toString().substring(0, 6), Organisations.Kind.COALITION);
        Person lead = organisers.person(Role.ORGANISER);
        organisations.addMember(coalition.id(), lead.id(), Organisations.MemberRole.ORGANISER);
        Member a = member(coalition.id(), lead, true);
        Org other = organisers.organisation(Organisations.Kind.NGO);
        Org stranger = organisers.organisation(Organisations.Kind.NGO);

        // A stranger and a member's organiser cannot admit anyone or end another's membership.
        for (Person who : List.of(stranger.organiser(), a.org().organiser())) {
            assertThatThrownBy(() -> coalitions.invite(who.user(), coalition.id(), other.id()))
                    .isInstanceOfSatisfying(
                            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        }
        var invited = coalitions.invite(lead.user(), coalition.id(), other.id());
        assertThatThrownBy(() -> coalitions.invite(lead.user(), coalition.id(), other.id()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
        for (Person who : List.of(stranger.organiser(), a.org().organiser(), lead)) {
            assertThatThrownBy(() -> coalitions.accept(who.user(), invited.id()))
                    .as("only the invited organisation answers")
                    .isInstanceOfSatisfying(
                            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        }
        assertThatThrownBy(() -> coalitions.end(a.org().organiser().user(), invited.id()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThatThrownBy(() -> coalitions.end(
                        stranger.organiser().user(), a.membership().id()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThat(coalitions.decline(other.organiser().user(), invited.id()).state())
                .isEqualTo(Coalitions.State.DECLINED);
        assertThat(coalitions.accepted(coalition.id()))
                .extracting(m -> m.organisationId())
                .containsExactly(a.org().id());
        assertThatThrownBy(() -> coalitions.invite(lead.user(), coalition.id(), coalition.id()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("coalition-member-kind"));

        // Pages: the stranger sees neither the dashboard nor the unpublished report; the member does, without live
        // figures.
        var strangerWeb =
                new WebSession(port).signIn(stranger.organiser().user().email(), AccountFixtures.PASSWORD);
        assertThat(strangerWeb.get("/coalitions/" + coalition.id()).status()).isEqualTo(403);
        assertThat(strangerWeb.get("/coalitions/" + coalition.id() + "/report").status())
                .isEqualTo(404);
        var memberWeb = new WebSession(port).signIn(a.org().organiser().user().email(), AccountFixtures.PASSWORD);
        var memberPage = memberWeb.get("/coalitions/" + coalition.id(), "en");
        assertThat(memberPage.status()).isEqualTo(200);
        assertThat(memberPage.body()).doesNotContain("id=\"invite-form\"").contains("Published figures");
        var invitePost = memberWeb.post(
                "/coalitions/" + coalition.id() + "/members",
                Map.of("organisationId", stranger.id().toString()),
                "/coalitions/" + coalition.id());
        assertThat(invitePost.status()).isEqualTo(403);
        assertThat(coalitions.memberships(coalition.id()))
                .noneMatch(m -> m.organisationId().equals(stranger.id()));
        var leadWeb = new WebSession(port).signIn(lead.user().email(), AccountFixtures.PASSWORD);
        assertThat(leadWeb.get("/coalitions/" + coalition.id(), "en").body())
                .contains("id=\"invite-form\"", "Live figures");
        assertThat(new WebSession(port)
                        .get("/coalitions/" + UUID.randomUUID() + "/report")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void groupsStartedLaterJoinThePoolWhenTheyStart() {
        var coalition = organisations.create(
                "联盟 " + UUID.randomUUID().toString().substring(0, 6), Organisations.Kind.COALITION);
        Person lead = organisers.person(Role.ORGANISER);
        organisations.addMember(coalition.id(), lead.id(), Organisations.MemberRole.ORGANISER);
        Member a = member(coalition.id(), lead, true);
        Member invitedOnly = member(coalition.id(), lead, false);

        // Nobody reads the pool: the member's new community and the coalition's campaign are followed all the same.
        String community = community(a.org());
        String notPooled = community(invitedOnly.org());
        String campaign = api.post(
                        "/api/v1/campaigns",
                        """
                {"organisationId":"%s","name":"联合步行周","template":"CAR_FREE_WEEK","behaviours":["BUS_INSTEAD_OF_CAR"],
                 "startsOn":"%s","endsOn":"%s"}""".formatted(coalition.id(), today(), today().plusDays(7)),
                        "Authorization",
                        lead.bearer())
                .json()
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> followed("COALITION", coalition.id(), community)
                        && followed("COALITION_MEMBER", a.membership().id(), community)
                        && followed("COALITION", coalition.id(), campaign));
        assertThat(followed("COALITION", coalition.id(), notPooled))
                .as("a member that has not accepted is not pooled")
                .isFalse();
    }

    private String community(Org org) {
        return api.post(
                        "/api/v1/communities",
                        """
                {"organisationId":"%s","name":"社群 %s","kind":"NEIGHBOURHOOD","visibility":"PUBLIC"}""".formatted(org.id(), UUID.randomUUID().toString().substring(0, 6)),
                        "Authorization",
                        org.organiser().bearer())
                .json()
                .get("id")
                .asString();
    }

    private boolean followed(String kind, UUID rollupId, String scopeId) {
        return jdbc.sql("""
                        select count(*) from rollup_source
                        where rollup_kind = :kind and rollup_id = :id and scope_id = :scope""")
                        .param("kind", kind)
                        .param("id", rollupId)
                        .param("scope", UUID.fromString(scopeId))
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Member member(UUID coalitionId, Person lead, boolean accept) {
        Org org = organisers.organisation(Organisations.Kind.NGO);
        String community = api.post(
                        "/api/v1/communities",
                        """
                {"organisationId":"%s","name":"社群 %s","kind":"NEIGHBOURHOOD","visibility":"PUBLIC"}""".formatted(org.id(), UUID.randomUUID().toString().substring(0, 6)),
                        "Authorization",
                        org.organiser().bearer())
                .json()
                .get("id")
                .asString();
        var membership = coalitions.invite(lead.user(), coalitionId, org.id());
        if (accept) {
            membership = coalitions.accept(org.organiser().user(), membership.id());
        }
        return new Member(org, community, membership);
    }

    private Person joined(Member member) {
        Person person = organisers.person();
        assertThat(api.post(
                                "/api/v1/communities/" + member.community() + "/members",
                                "",
                                "Authorization",
                                person.bearer())
                        .status())
                .isLessThan(300);
        return person;
    }

    private static LocalDate today() {
        return LocalDate.now(CST);
    }

    /** Now, but never before today in China time (a group counts what its members do from the day they join). */
    private void record(Person person, String behaviour, double km) {
        var now = OffsetDateTime.now(CST).withNano(0).minusSeconds(30);
        var start = today().atStartOfDay().atOffset(CST);
        var when = now.isBefore(start) ? start : now;
        var response = api.post(
                "/api/v1/records",
                """
                {"behaviour":"%s","quantity":%s,"unit":"km","occurredAt":"%s"}""".formatted(behaviour, km, when),
                "Authorization",
                person.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private ReportedImpact.Figures pool(Person lead, UUID coalitionId) {
        return reports.dashboard(lead.user(), coalitionId).pool().measured().figures();
    }

    private static CoalitionPool.Share share(CoalitionPool.Pool pool, Member member) {
        return pool.shares().stream()
                .filter(s -> s.member().organisationId().equals(member.org().id()))
                .findFirst()
                .orElseThrow();
    }

    private long ledgerGrams(List<Person> people) {
        return jdbc.sql("""
                        select coalesce(sum(grams), 0) from ledger_entry
                        where user_id in (:users) and occurred_at >= :start""")
                .param("users", people.stream().map(Person::id).toList())
                .param("start", Timestamp.from(today().atStartOfDay().toInstant(CST)))
                .query(Long.class)
                .single();
    }
}
