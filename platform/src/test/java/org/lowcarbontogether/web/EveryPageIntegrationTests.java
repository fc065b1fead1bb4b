package org.lowcarbontogether.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.products.ProductChallenges;
import org.lowcarbontogether.products.ProductFixtures;
import org.lowcarbontogether.products.ProductReviews;
import org.lowcarbontogether.products.Products;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page a participant, an organiser and the public open, in English and in Chinese: it renders, no message key
 * is missing ({@code ??key??}), no raw code shows where words belong ({@code METRO_INSTEAD_OF_CAR}), and a Chinese
 * reader meets no English word outside content marked as written in another language ({@code lang="en"}), citations
 * marked {@code translate="no"}, and the few names and units that are the same in both (CO2e, kWh, acronyms …).
 */
@IntegrationTest
class EveryPageIntegrationTests extends OrganiserScenario {

    /** An enum constant on screen: two or more upper-case words joined by underscores. */
    private static final Pattern RAW_CODE = Pattern.compile("\\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\\b");
    /** A word of two letters or more with a lower-case one (single letters are variables: d, k, t). */
    private static final Pattern ENGLISH_WORD = Pattern.compile("\\b(?=[A-Za-z]{2})[A-Za-z]*[a-z][A-Za-z]*\\b");
    /** Not words: addresses, paths, emails, domains, codes with digits or dots (versions, ids), acronyms such as DESNZ. */
    private static final Pattern NOT_WORDS = Pattern.compile(
            "https?://\\S+|(?<![\\w/])/[\\w/.?=&-]+|[\\w.+-]+@[\\w.-]+|\\b[\\w-]+(?:\\.[\\w-]+)+\\b|\\b[\\w.-]*\\d[\\w.-]*\\b|\\b[A-Z]{2,}(?:-[A-Z]+)*\\b");
    /** Words that read the same in Chinese text: names, units and formats. */
    private static final Set<String> SAME_IN_BOTH = Set.of(
            "kg", "km", "g", "t", "kWh", "MWh", "Wh", "m", "CO2e", "Cookie", "OpenAPI", "Swagger", "Bearer", "MaaS",
            "Poore", "Nemecek");

    record Visit(String path, WebSession as) {}

    @Autowired
    Products products;

    @Autowired
    org.lowcarbontogether.coalitions.Coalitions coalitions;

    @Autowired
    org.lowcarbontogether.coalitions.JointReports jointReports;

    @Autowired
    ProductReviews productReviews;

    @Autowired
    ProductChallenges productChallenges;

    @Test
    void everyPageSpeaksOneLanguageWithoutCodesOrMissingKeys() {
        var showcase = Showcase.create(api, organisers, organisations, jdbc);
        var anonymous = new WebSession(port);
        var member = new WebSession(port).signIn(showcase.participant().user().email(), AccountFixtures.PASSWORD);
        var organising = new WebSession(port).signIn(showcase.organiser().user().email(), AccountFixtures.PASSWORD);
        var administering = new WebSession(port).signIn(showcase.admin().user().email(), AccountFixtures.PASSWORD);

        List<Visit> visits = new ArrayList<>();
        showcase.publicPages().forEach(path -> visits.add(new Visit(path, anonymous)));
        showcase.participantPages().forEach(path -> visits.add(new Visit(path, member)));
        visits.add(new Visit("/record/behaviour?behaviour=BRING_OWN_CUP", member));
        visits.add(new Visit("/account/community-invitations", member));
        showcase.organiserPages().forEach(path -> visits.add(new Visit(path, organising)));
        showcase.adminPages().forEach(path -> visits.add(new Visit(path, administering)));
        training(showcase, visits, anonymous, member, organising, administering);
        visits.add(new Visit("/admin/product-reviewers", administering));
        visits.add(new Visit("/admin/products", administering));
        visits.add(new Visit("/admin/metro-lines", administering));
        // Someone under 14 waiting for their guardian, and the guardian's page from the mailed link (and a dead one).
        String child = "child-" + UUID.randomUUID() + "@example.org";
        String guardian = "guardian-" + UUID.randomUUID() + "@example.org";
        assertThat(api.post("/api/v1/users", """
                                {"email":"%s","password":"%s","displayName":"Xiaoming","under14":true,"guardianEmail":"%s"}""".formatted(child, AccountFixtures.PASSWORD, guardian))
                        .status())
                .isEqualTo(201);
        String link = TestMail.await(guardian, "Xiaoming").token("/guardian/consent");
        var waiting = new WebSession(port).signIn(child, AccountFixtures.PASSWORD);
        visits.add(new Visit("/account", waiting));
        visits.add(new Visit("/record", waiting));
        visits.add(new Visit("/guardian/consent?token=" + link, anonymous));
        visits.add(new Visit("/guardian/consent?token=unknown", anonymous));
        heldForReview();
        productPages(visits, anonymous, member);
        rideChallengePages(showcase, visits, anonymous, member, organising);
        coalitionPages(showcase, visits, anonymous, member, organising);
        schoolPages(visits, anonymous, member);

        List<String> problems = new ArrayList<>();
        for (Visit visit : visits) {
            for (String language : List.of("en", "zh-CN")) {
                var page = visit.as().get(visit.path(), language);
                String where = language + " " + visit.path() + ": ";
                if (page.status() != 200) {
                    problems.add(where + "status " + page.status() + " " + page.location());
                    continue;
                }
                String text = visibleText(page.body());
                dump(language + visit.path(), text);
                Matcher missing = Pattern.compile("\\?\\?[^?\\s]+\\?\\?").matcher(page.body());
                while (missing.find()) {
                    problems.add(where + "missing message " + missing.group());
                }
                Matcher code = RAW_CODE.matcher(text);
                while (code.find()) {
                    problems.add(where + "raw code " + code.group());
                }
                if (language.equals("zh-CN")) {
                    Matcher word = ENGLISH_WORD.matcher(NOT_WORDS.matcher(text).replaceAll(" "));
                    while (word.find()) {
                        if (!SAME_IN_BOTH.contains(word.group())) {
                            int at = text.indexOf(word.group());
                            problems.add(where + "English word '" + word.group() + "' in: "
                                    + text.substring(
                                                    Math.max(0, at - 30),
                                                    Math.min(
                                                            text.length(),
                                                            at + word.group().length() + 30))
                                            .strip());
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Training's pages: a course with a quiz, an online session the participant attended by passing it (so they hold
     * a certificate) and an in-person session now; the library with a published resource and one waiting for review.
     */
    private void training(
            Showcase showcase,
            List<Visit> visits,
            WebSession anonymous,
            WebSession member,
            WebSession organising,
            WebSession administering) {
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).withNano(0);
        var created = api.post(
                "/api/v1/courses",
                """
                {"organisationId":"%s","title":"Low-carbon office","description":"For staff","audience":"EMPLOYEES",
                 "language":"zh-CN","capacity":30,"modules":[{"title":"Energy","material":"Switch off.",
                 "materialUrl":"https://example.org/slides","quiz":[{"question":"Off?","options":["Yes","No"],"answer":0}]}],
                 "sessions":[{"mode":"ONLINE","startsAt":"%s","endsAt":"%s","onlineUrl":"https://example.org/m","quizModule":1},
                             {"mode":"IN_PERSON","startsAt":"%s","endsAt":"%s","place":"Room 3"}]}""".formatted(showcase.organisation(), now.minusMinutes(10), now.plusHours(1), now, now.plusHours(2)),
                "Authorization",
                showcase.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String course = created.json().get("id").asString();
        String module = created.json().get("modules").get(0).get("id").asString();
        String inPerson = created.json().get("sessions").get(1).get("id").asString();
        api.post(
                "/api/v1/courses/" + course + "/invitations",
                "{\"emails\":[\"" + showcase.participant().user().email() + "\"]}",
                "Authorization",
                showcase.organiser().bearer());
        api.post(
                "/api/v1/courses/" + course + "/enrolments",
                "",
                "Authorization",
                showcase.participant().bearer());
        api.post(
                "/api/v1/courses/" + course + "/modules/" + module + "/quiz",
                "{\"answers\":[0]}",
                "Authorization",
                showcase.participant().bearer());
        String code = api.get(
                        "/api/v1/courses/" + course + "/certificate",
                        "Authorization",
                        showcase.participant().bearer())
                .json()
                .get("code")
                .asString();
        assertThat(api.post(
                                "/api/v1/resources",
                                """
                                {"organisationId":"%s","kind":"CASE_STUDY","title":"Office energy case","url":"https://example.org/case",
                                 "language":"en","topics":"energy, office","audience":"EMPLOYEES"}""".formatted(showcase.organisation()),
                                "Authorization",
                                showcase.organiser().bearer())
                        .status())
                .isEqualTo(201);
        for (String path : List.of(
                "/training",
                "/training/courses/" + course,
                "/training/certificates",
                "/training/certificates/" + code,
                "/training/resources?q=energy")) {
            visits.add(new Visit(path, anonymous));
        }
        visits.add(new Visit("/training", member));
        visits.add(new Visit("/training/courses/" + course, member));
        for (String path : List.of(
                "/training",
                "/training/courses/new",
                "/training/courses/" + course,
                "/training/courses/" + course + "/manage",
                "/training/courses/" + course + "/scan?code=unknown",
                "/training/sessions/" + inPerson + "/screen?course=" + course,
                "/training/resources")) {
            visits.add(new Visit(path, organising));
        }
        visits.add(new Visit("/training/resources", administering));
    }

    /**
     * The green products' pages: lookup and search, a product with a verified footprint and label, a challenge and a
     * claim sent back; the enterprise's pages and the reviewer's queue and claim.
     */
    private void productPages(List<Visit> visits, WebSession anonymous, WebSession member) {
        var fixtures = new ProductFixtures(organisers, products, productReviews);
        var enterprise = fixtures.enterprise();
        var ngo = fixtures.reviewingNgo();
        var product = fixtures.product(enterprise, "CLOTHING", "0.3");
        var footprint = fixtures.verified(enterprise, ngo, product, ProductFixtures.footprint("12"));
        fixtures.verified(enterprise, ngo, product, ProductFixtures.label("CHINA_ENVIRONMENTAL_LABEL", null));
        productChallenges.file(
                organisers.person().user(),
                footprint.id(),
                new ProductChallenges.Filing("边界不完整。", "https://example.org/evidence", null, null));
        var pending = products.submitClaim(
                enterprise.organiser().user(), product.gtin(), ProductFixtures.label("CHINA_ENERGY_LABEL", 1));
        productReviews.take(ngo.organiser().user(), pending.id());
        productReviews.decide(
                ngo.organiser().user(),
                pending.id(),
                new ProductReviews.Decision("NEEDS_CHANGES", "证书编号无法查询。", List.of()));
        var waiting =
                products.submitClaim(enterprise.organiser().user(), product.gtin(), ProductFixtures.footprint("11"));
        String gtin = product.printedGtin();
        visits.add(new Visit("/products", anonymous));
        visits.add(new Visit("/products?q=cotton", anonymous));
        visits.add(new Visit("/products?gtin=123", anonymous));
        visits.add(new Visit("/products/" + gtin, anonymous));
        visits.add(new Visit("/products/" + gtin, member));
        var owner = new WebSession(port).signIn(enterprise.organiser().user().email(), AccountFixtures.PASSWORD);
        visits.add(new Visit("/enterprise/products", owner));
        visits.add(new Visit("/enterprise/products/" + gtin, owner));
        visits.add(new Visit("/enterprise/products", member));
        var reviewer = new WebSession(port).signIn(ngo.organiser().user().email(), AccountFixtures.PASSWORD);
        visits.add(new Visit("/product-reviews", reviewer));
        visits.add(new Visit("/product-reviews/" + waiting.id(), reviewer));
        visits.add(new Visit("/product-reviews/" + footprint.id(), reviewer));
    }

    /**
     * A coalition the showcase's organiser runs, with the showcase's organisation as an accepted member, a joint
     * campaign and a published report: the list, the dashboard and the report, to the public and organisers.
     */
    private void coalitionPages(
            Showcase showcase, List<Visit> visits, WebSession anonymous, WebSession member, WebSession organising) {
        var coalition = organisations.create(
                "低碳公益联盟" + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000, 9999),
                org.lowcarbontogether.account.Organisations.Kind.COALITION);
        organisations.addMember(
                coalition.id(),
                showcase.organiser().id(),
                org.lowcarbontogether.account.Organisations.MemberRole.ORGANISER);
        var lead = showcase.organiser().user();
        var membership = coalitions.invite(lead, coalition.id(), showcase.organisation());
        coalitions.accept(lead, membership.id());
        var today = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8));
        String campaign = api.post(
                        "/api/v1/campaigns",
                        """
                {"organisationId":"%s","name":"联合无车周","template":"CAR_FREE_WEEK","behaviours":["BUS_INSTEAD_OF_CAR"],
                 "startsOn":"%s","endsOn":"%s"}""".formatted(coalition.id(), today.minusDays(1), today.plusDays(20)),
                        "Authorization",
                        showcase.organiser().bearer())
                .json()
                .get("id")
                .asString();
        coalitions.joinCampaign(lead, coalition.id(), UUID.fromString(campaign), showcase.organisation());
        jointReports.write(lead, coalition.id(), "Members cycle together.", "成员一起骑车。", true);
        for (var as : List.of(anonymous, member, organising)) {
            visits.add(new Visit("/coalitions", as));
            visits.add(new Visit("/coalitions/" + coalition.id() + "/report", as));
        }
        visits.add(new Visit("/coalitions/" + coalition.id(), organising));
        visits.add(new Visit("/campaigns/" + campaign, anonymous));
    }

    /** A ride challenge of the showcase's community: its group's list and its progress, to the public and organisers. */
    private void rideChallengePages(
            Showcase showcase, List<Visit> visits, WebSession anonymous, WebSession member, WebSession organising) {
        var today = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8));
        var created = api.post(
                "/api/v1/rides/challenges",
                """
                {"community":"%s","title":"骑车上课","startsOn":"%s","endsOn":"%s","measure":"DISTANCE","goal":500}\
                """.formatted(showcase.community(), today.minusDays(7), today.plusDays(21)),
                "Authorization",
                showcase.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String challenge = created.json().get("id").asString();
        for (var as : List.of(anonymous, member, organising)) {
            visits.add(new Visit("/rides/challenges?community=" + showcase.community(), as));
            visits.add(new Visit("/rides/challenges/" + challenge, as));
        }
        visits.add(new Visit("/rides/challenges?campaign=" + showcase.campaign(), organising));
    }

    /**
     * A record held for a reviewer, with a duration, so the reviewers' queue (an admin page) shows one whatever ran
     * before: the same bike ride sent twice is held the second time.
     */
    private void heldForReview() {
        String token = api.newParticipantToken();
        String ride = """
                {"behaviour":"CYCLE_INSTEAD_OF_CAR","quantity":6,"unit":"km","durationMinutes":25,
                 "occurredAt":"%s","region":"CN-GD"}""".formatted(java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8))
                .minusHours(2)
                .withNano(0));
        String status = "";
        for (int i = 0; i < 3 && !status.equals("FLAGGED"); i++) {
            status = api.post(
                            "/api/v1/records",
                            ride,
                            "Authorization",
                            org.lowcarbontogether.ApiClient.bearer(token),
                            "Idempotency-Key",
                            UUID.randomUUID().toString())
                    .json()
                    .get("status")
                    .asString();
        }
        assertThat(status).as("a repeated ride is held for review").isEqualTo("FLAGGED");
    }

    /** With -Dlct.pages.dump (in failsafe's argLine), each page's visible text goes to target/page-text for review. */
    private static void dump(String name, String text) {
        if (Boolean.getBoolean("lct.pages.dump")) {
            try {
                var dir = java.nio.file.Path.of("target", "page-text");
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.writeString(dir.resolve(name.replaceAll("[^A-Za-z0-9-]+", "_") + ".txt"), text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * What a reader sees: the page without scripts, styles, tags and whatever is marked as written in another
     * language (user content in English carries {@code lang="en"}); entities decoded.
     */
    static String visibleText(String html) {
        String body = html.replaceAll("(?is)<head>.*?</head>", " ")
                .replaceAll("(?is)<script.*?</script>", " ")
                .replaceAll("(?is)<style.*?</style>", " ")
                .replaceAll("(?is)<(code|pre|kbd|samp)\\b[^>]*>.*?</\\1>", " ");
        body = dropForeign(body);
        return body.replaceAll("(?s)<[^>]+>", " ")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replaceAll("\\s+", " ");
    }

    /**
     * Removes, with their content, elements marked as written in English ({@code lang="en"}) or as not to be translated
     * ({@code translate="no"}: the title, publisher and notes of a cited document stay as they were published).
     */
    private static String dropForeign(String html) {
        Matcher open = Pattern.compile("(?i)<([a-z0-9]+)\\b[^>]*\\b(?:lang=\"en[^\"]*\"|translate=\"no\")[^>]*>")
                .matcher(html);
        var out = new StringBuilder();
        int from = 0;
        while (open.find(from)) {
            String tag = open.group(1);
            if (tag.equalsIgnoreCase("html")) {
                out.append(html, from, open.end());
                from = open.end();
                continue;
            }
            out.append(html, from, open.start());
            int depth = 1;
            Matcher tags = Pattern.compile("(?i)<(/?)" + tag + "\\b[^>]*?(/?)>").matcher(html);
            int at = open.end();
            int end = html.length();
            while (tags.find(at)) {
                if (!tags.group(2).isEmpty()) {
                    at = tags.end();
                    continue;
                }
                depth += tags.group(1).isEmpty() ? 1 : -1;
                at = tags.end();
                if (depth == 0) {
                    end = tags.end();
                    break;
                }
            }
            from = end;
        }
        out.append(html.substring(Math.min(from, html.length())));
        return out.toString();
    }

    /**
     * Schools' pages: a teacher's classes and a class's dashboard, the join page (with and without a code), the pupil's
     * sign-in and a pupil's class page (waiting for the guardian), and the classes page of someone teaching nowhere.
     */
    private void schoolPages(List<Visit> visits, WebSession anonymous, WebSession member) {
        var school = organisers.organisation(org.lowcarbontogether.account.Organisations.Kind.SCHOOL);
        var created = api.post(
                "/api/v1/schools/classes",
                """
                {"schoolId":"%s","name":"Class 3B","grade":3,"schoolYear":"2026-2027"}""".formatted(school.id()),
                "Authorization",
                school.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String classId = created.json().get("id").asString();
        String code = created.json().get("code").asString();
        var joined = api.post("/api/v1/schools/join", """
                {"classCode":"%s","guardianEmail":"guardian-%s@example.org","nickname":"Xiaoming","age":8,"consent":true}""".formatted(code, UUID.randomUUID()));
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        var pupil = new WebSession(port);
        assertThat(pupil.post(
                                "/schools/pupil",
                                java.util.Map.of(
                                        "code",
                                        code,
                                        "pupilCode",
                                        joined.json().get("pupilCode").asString()),
                                "/schools/pupil")
                        .status())
                .isEqualTo(302);
        var teacher = new WebSession(port).signIn(school.organiser().user().email(), AccountFixtures.PASSWORD);
        visits.add(new Visit("/schools", teacher));
        visits.add(new Visit("/schools/classes/" + classId, teacher));
        visits.add(new Visit("/schools", member));
        visits.add(new Visit("/schools/join", anonymous));
        visits.add(new Visit("/schools/join?code=" + code, anonymous));
        visits.add(new Visit("/schools/join?code=UNKNOWN", anonymous));
        visits.add(new Visit("/schools/pupil", anonymous));
        visits.add(new Visit("/schools/me", pupil));
    }
}
