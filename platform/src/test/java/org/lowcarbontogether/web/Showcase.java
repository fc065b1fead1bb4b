package org.lowcarbontogether.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A small programme to look at, made through the API: an organisation with its organiser, a community, a campaign, an
 * event, a published story, a record and a grant programme, and the people who use them — named and written in
 * Chinese, so that every English word a Chinese reader meets on a page is the platform's own. With the pages each of
 * them opens.
 */
public record Showcase(
        Person organiser,
        Person participant,
        Person admin,
        UUID organisation,
        String community,
        String campaign,
        String event,
        String story,
        String programme,
        String project) {

    public static Showcase create(ApiClient api, Organisers organisers, Organisations organisations, JdbcClient jdbc) {
        var org = organisations.create(
                "绿色校园协会" + ThreadLocalRandom.current().nextInt(1000, 9999), Organisations.Kind.NGO);
        Person organiser = organisers.person(Role.ORGANISER);
        organisations.addMember(org.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
        Person participant = organisers.person();
        Person admin = organisers.person(Role.ADMIN);
        for (Person person : List.of(organiser, participant, admin)) {
            jdbc.sql("update app_user set display_name = '李梅' where id = :id")
                    .param("id", person.id())
                    .update();
        }
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        String community =
                id(api.post("/api/v1/communities", """
                {"organisationId":"%s","name":"绿色校园","description":"我们一起骑车、步行、少用一次性杯子。","kind":"CAMPUS","visibility":"PUBLIC"}""".formatted(org.id()), "Authorization", organiser.bearer()));
        api.post("/api/v1/communities/" + community + "/members", "", "Authorization", participant.bearer());
        String campaign = id(api.post(
                "/api/v1/campaigns",
                """
                {"organisationId":"%s","name":"无车周","template":"CAR_FREE_WEEK","behaviours":["METRO_INSTEAD_OF_CAR","CYCLE_INSTEAD_OF_CAR"],
                 "startsOn":"%s","endsOn":"%s"}""".formatted(org.id(), today.minusDays(1), today.plusDays(29)),
                "Authorization",
                organiser.bearer()));
        api.post("/api/v1/campaigns/" + campaign + "/participants", "", "Authorization", participant.bearer());
        String event = id(api.post(
                "/api/v1/events",
                """
                {"organisationId":"%s","title":"旧衣交换会","kind":"CLOTHES_SWAP","place":"图书馆大厅","startsAt":"%s","endsAt":"%s","capacity":120}""".formatted(org.id(), now.plusDays(2), now.plusDays(2).plusHours(2)),
                "Authorization",
                organiser.bearer()));
        api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", participant.bearer());
        String story = id(
                api.post("/api/v1/communities/" + community + "/stories", """
                {"title":"一年不开车","body":"我们卖掉了车，每天骑车上班。"}""", "Authorization", participant.bearer()));
        api.post("/api/v1/stories/" + story + "/decision", "{\"publish\":true}", "Authorization", organiser.bearer());
        // An announcement, so the participant's notification list has something in it.
        api.post("/api/v1/communities/" + community + "/announcements", """
                {"title":"周六旧衣交换","body":"请把不再穿的衣服带到图书馆大厅。"}""", "Authorization", organiser.bearer());
        api.post(
                "/api/v1/records",
                """
                {"behaviour":"METRO_INSTEAD_OF_CAR","quantity":12,"unit":"km","occurredAt":"%s","region":"CN-GD"}""".formatted(now.minusHours(1)),
                "Authorization",
                participant.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        // A cycling-infrastructure report by the participant, so the reports page shows one with its triage controls.
        jdbc.sql("""
                        insert into infra_report (id, reporter_id, category, lat, lon, description, status, created_at)
                        values (gen_random_uuid(), :reporter, 'BLOCKED_LANE', 23.13, 113.26, '自行车道每天早上被汽车占用。', 'NEW', now())""").param("reporter", participant.id()).update();
        String programme = id(api.post("/api/v1/programmes", """
                {"name":"低碳消费小额资助","description":"资助高校和社区的低碳项目","organisationId":"%s"}""".formatted(org.id()), "Authorization", admin.bearer()));
        String project = fundedProject(api, admin, organiser, org.id(), programme, community, today);
        return new Showcase(
                organiser, participant, admin, org.id(), community, campaign, event, story, programme, project);
    }

    /** A call, the organisation's application, its award (from yesterday) and a plan against actual with a target set and one proposed. */
    private static String fundedProject(
            ApiClient api,
            Person admin,
            Person organiser,
            UUID organisation,
            String programme,
            String community,
            LocalDate today) {
        String call = id(api.post(
                "/api/v1/programmes/" + programme + "/calls",
                """
                {"title":"2026年资助","budgetFen":10000000,"maxGrantFen":5000000,"opensOn":"%s","closesOn":"%s",
                 "criteria":[{"name":"影响","weight":100}]}""".formatted(today.minusDays(1), today.plusDays(30)),
                "Authorization",
                admin.bearer()));
        String application = id(api.post(
                "/api/v1/calls/" + call + "/applications",
                """
                {"organisationId":"%s","title":"宿舍低碳记录小组","proposal":"在十二个宿舍开展每日低碳记录，每周组织一次分享会，学期末评选低碳宿舍。","requestedFen":3000000,
                 "plannedBehaviours":5000,"plannedGrams":2000000,"plannedParticipants":300,"plannedReach":10000}""".formatted(organisation),
                "Authorization",
                organiser.bearer()));
        api.post(
                "/api/v1/applications/" + application + "/decision",
                """
                {"award":true,"note":"全额资助","amountFen":3000000,"startsOn":"%s","endsOn":"%s",
                 "tranches":[{"amountFen":3000000,"condition":"签约后","dueOn":"%s"}]}""".formatted(today.minusDays(1), today.plusMonths(6), today),
                "Authorization",
                admin.bearer());
        String project = api.get("/api/v1/applications/" + application, "Authorization", admin.bearer())
                .json()
                .get("project")
                .get("id")
                .asString();
        api.post(
                "/api/v1/projects/" + project + "/links",
                "{\"kind\":\"COMMUNITY\",\"scopeId\":\"" + community + "\"}",
                "Authorization",
                organiser.bearer());
        api.put(
                "/api/v1/awards/" + project + "/plan/BEHAVIOURS",
                "{\"target\":500,\"dueOn\":\"" + today.plusMonths(3) + "\"}",
                "Authorization",
                admin.bearer());
        api.post(
                "/api/v1/awards/" + project + "/plan/proposals",
                "{\"output\":\"EVENTS\",\"target\":4,\"dueOn\":\"" + today.plusMonths(4) + "\"}",
                "Authorization",
                organiser.bearer());
        return project;
    }

    /** Pages anyone opens. */
    public List<String> publicPages() {
        return List.of(
                "/",
                "/impact",
                "/login",
                "/register",
                "/password-reset",
                "/password-reset/new?token=no-such-link",
                "/email/verify?token=no-such-link",
                "/privacy",
                "/methodology",
                "/methodology/principles",
                "/methodology/factors",
                "/methodology/behaviours/METRO_INSTEAD_OF_CAR",
                "/methodology/behaviours/BRING_OWN_CUP",
                "/impact/definitions",
                "/communities",
                "/communities/" + community,
                "/campaigns",
                "/campaigns/" + campaign,
                "/events",
                "/events/" + event,
                "/stories",
                "/stories/" + story,
                "/programmes",
                "/programmes/" + programme,
                "/programmes/" + programme + "/summary",
                "/rewards",
                "/incentives/rules",
                "/offline",
                "/methodology/versions/1.3.0",
                "/methodology/diff?from=1.1.0&to=1.2.0",
                "/methodology/diff?from=1.2.0&to=1.3.0",
                "/methodology/behaviours/CYCLE_INSTEAD_OF_TAXI",
                "/rides/map",
                "/rides/challenges?community=" + community,
                "/products",
                "/coalitions",
                "/schools/join",
                "/schools/pupil",
                "/infrastructure");
    }

    /** Pages of a signed-in participant. */
    public List<String> participantPages() {
        return List.of(
                "/record",
                "/account",
                "/records",
                "/account/points",
                "/account/badges",
                "/account/redemptions",
                "/account/organisations",
                "/account/security",
                "/account/partners",
                "/account/privacy",
                "/account/consent",
                "/account/delete",
                "/stories/mine",
                "/communities/" + community,
                "/events/" + event,
                "/campaigns/" + campaign,
                "/incentives/campaigns",
                "/incentives/leaderboard",
                "/account/verify",
                "/stories/new",
                "/applications",
                "/organisations/apply",
                "/account/notifications",
                "/account/notifications/preferences",
                "/account/goal",
                "/rides",
                "/rides/map?community=" + community,
                "/rides/map?campaign=" + campaign,
                "/infrastructure");
    }

    /** Pages of the organisation's organiser. */
    public List<String> organiserPages() {
        return List.of(
                "/organiser",
                "/organiser/communities/" + community,
                "/organiser/campaigns/" + campaign,
                "/organiser/events/" + event,
                "/organiser/import",
                "/communities/new",
                "/events/new",
                "/campaigns/new",
                "/events/" + event + "/poster",
                "/events/" + event + "/attendance",
                "/organisations/" + organisation + "/members",
                "/stories/moderation",
                "/sponsor/rewards",
                "/sponsor/rewards/new",
                "/communities/" + community + "/edit",
                "/campaigns/" + campaign + "/edit",
                "/events/" + event + "/edit",
                "/events/" + event + "/screen",
                "/organisations/" + organisation + "/audit",
                "/projects/" + project,
                "/organiser/communities/" + community + "/announcements",
                "/organiser/campaigns/" + campaign + "/announcements",
                "/infrastructure");
    }

    /** Pages of an administrator. */
    public List<String> adminPages() {
        return List.of(
                "/review",
                "/methodology/review",
                "/programmes/" + programme + "/office",
                "/programmes/" + programme + "/trust",
                "/projects/" + project,
                "/programmes/" + programme + "/summary",
                "/office/programmes",
                "/admin",
                "/admin/people",
                "/admin/people/" + organiser.id(),
                "/admin/organisations",
                "/admin/organisations?state=DECLINED",
                "/admin/audit",
                "/admin/outbox",
                "/admin/partners",
                "/admin/partners/new",
                "/admin/webhooks",
                "/admin/metro-lines");
    }

    private static String id(ApiClient.Response created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}
