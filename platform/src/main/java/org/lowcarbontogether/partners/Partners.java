package org.lowcarbontogether.partners;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion.EvidenceLevel;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The partner registry: a programme officer (or an administrator) onboards a partner — its names, its organisation (an
 * internet partner), the behaviours it may credit (each accepting partner-verified evidence) and its scenarios, each
 * covering some of them — gives it client credentials per mode (see {@link PartnerClients}), and suspends or reactivates
 * it. Every action is audited.
 */
@Service
public class Partners {

    /** A scenario's code: what its consent scope is named after ({@code scenario.<code>}). */
    static final Pattern SCENARIO_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** Where a partner stands: active, or suspended (its activities refused; its links and records kept). */
    public enum State {
        ACTIVE,
        SUSPENDED
    }

    /** A partner's two sets of credentials: a sandbox (checked and calculated, never credited) and the live one. */
    public enum Mode {
        SANDBOX,
        LIVE
    }

    /** A group of a partner's activities a person agrees to share, named in words on the consent page. */
    public record Scenario(
            @Nullable String code,
            @Nullable String labelEn,
            @Nullable String labelZh,
            @Nullable List<String> behaviours) {

        public String label(boolean chinese) {
            return String.valueOf(chinese ? labelZh : labelEn);
        }
    }

    /** A partner as registered. */
    public record Partner(
            UUID id,
            UUID organisationId,
            String nameEn,
            String nameZh,
            List<String> behaviours,
            List<Scenario> scenarios,
            List<String> redirectUris,
            State state,
            Instant createdAt) {

        public String name(boolean chinese) {
            return chinese ? nameZh : nameEn;
        }

        public Optional<Scenario> scenario(String code) {
            return scenarios.stream().filter(s -> code.equals(s.code())).findFirst();
        }

        public boolean active() {
            return state == State.ACTIVE;
        }
    }

    /** What an officer enters to onboard a partner; every field is checked and all problems reported together. */
    public record Onboarding(
            @Nullable UUID organisationId,
            @Nullable String nameEn,
            @Nullable String nameZh,
            @Nullable List<String> behaviours,
            @Nullable List<Scenario> scenarios,
            @Nullable List<String> redirectUris) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final Methodology methodology;
    private final AuditLog audit;
    private final PartnerClients clients;

    Partners(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            Methodology methodology,
            AuditLog audit,
            PartnerClients clients) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.methodology = methodology;
        this.audit = audit;
        this.clients = clients;
    }

    /** Only programme officers and administrators manage partners. */
    static void requireOfficer(Actor actor) {
        if (!actor.hasRole(Role.PROGRAMME_OFFICER) && !actor.hasRole(Role.ADMIN)) {
            throw Refusal.forbidden("partners-officers-only", null);
        }
    }

    /** What a checked form holds: the organisation and the cleaned names, behaviours, scenarios and addresses. */
    private record Checked(
            Organisations.Organisation organisation,
            String nameEn,
            String nameZh,
            Set<String> behaviours,
            Collection<Scenario> scenarios,
            List<String> redirectUris) {}

    /** Onboards a partner, active; its credentials are issued separately, per mode. */
    @Transactional
    public Partner onboard(Actor officer, Onboarding form) {
        requireOfficer(officer);
        var checked = check(form, Map.of());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into partner (id, organisation_id, name_en, name_zh, behaviours, redirect_uris, state,
                            created_at, state_changed_at)
                        values (:id, :org, :en, :zh, :behaviours, :uris, 'ACTIVE', :now, :now)""")
                .param("id", id)
                .param("org", checked.organisation().id())
                .param("en", checked.nameEn())
                .param("zh", checked.nameZh())
                .param(
                        "behaviours",
                        new SqlArrayValue("text", checked.behaviours().toArray()))
                .param("uris", new SqlArrayValue("text", checked.redirectUris().toArray()))
                .param("now", Timestamp.from(now))
                .update();
        insertScenarios(id, checked.scenarios());
        audit.record(
                officer.id(),
                AuditLog.Action.PARTNER_ONBOARDED,
                checked.organisation().id(),
                AuditLog.Target.PARTNER,
                id,
                Map.of("name", checked.nameEn(), "behaviours", String.join(",", checked.behaviours())));
        return get(id);
    }

    /**
     * Changes a partner's names, behaviours, scenarios and redirect addresses (its organisation stays), checked as at
     * onboarding; its clients take the new addresses and scenario scopes at once. A scenario people have consented to
     * may lose behaviours or go, never gain a behaviour ({@code scenario-widened}): what someone agreed to share is not
     * widened behind their back — a new scenario, which they consent to anew, is the way. Removing a scenario stops its
     * activities being credited from that moment.
     */
    @Transactional
    public Partner change(Actor officer, UUID id, Onboarding form) {
        requireOfficer(officer);
        var partner = get(id);
        var previous = new LinkedHashMap<String, Scenario>();
        partner.scenarios().forEach(sc -> previous.put(Objects.requireNonNull(sc.code()), sc));
        var checked = check(
                new Onboarding(
                        partner.organisationId(),
                        form.nameEn(),
                        form.nameZh(),
                        form.behaviours(),
                        form.scenarios(),
                        form.redirectUris()),
                previous);
        jdbc.sql("""
                        update partner set name_en = :en, name_zh = :zh, behaviours = :behaviours, redirect_uris = :uris
                        where id = :id""")
                .param("id", id)
                .param("en", checked.nameEn())
                .param("zh", checked.nameZh())
                .param(
                        "behaviours",
                        new SqlArrayValue("text", checked.behaviours().toArray()))
                .param("uris", new SqlArrayValue("text", checked.redirectUris().toArray()))
                .update();
        jdbc.sql("delete from partner_scenario where partner_id = :id")
                .param("id", id)
                .update();
        insertScenarios(id, checked.scenarios());
        var changed = get(id);
        clients.changed(changed);
        audit.record(
                officer.id(),
                AuditLog.Action.PARTNER_CHANGED,
                partner.organisationId(),
                AuditLog.Target.PARTNER,
                id,
                Map.of(
                        "name",
                        changed.nameEn(),
                        "behaviours",
                        String.join(",", changed.behaviours()),
                        "scenarios",
                        String.join(
                                ",",
                                changed.scenarios().stream()
                                        .map(sc -> String.valueOf(sc.code()))
                                        .toList()),
                        "redirectUris",
                        String.join(" ", changed.redirectUris())));
        return changed;
    }

    private void insertScenarios(UUID id, Collection<Scenario> scenarios) {
        for (Scenario sc : scenarios) {
            jdbc.sql("""
                            insert into partner_scenario (partner_id, code, label_en, label_zh, behaviours)
                            values (:id, :code, :en, :zh, :behaviours)""")
                    .param("id", id)
                    .param("code", sc.code())
                    .param("en", sc.labelEn())
                    .param("zh", sc.labelZh())
                    .param(
                            "behaviours",
                            new SqlArrayValue(
                                    "text",
                                    Objects.requireNonNull(sc.behaviours()).toArray()))
                    .update();
        }
    }

    /**
     * Checks a form, reporting every problem together; {@code previous} are the scenarios people may have consented to
     * (none at onboarding), which may not gain behaviours.
     */
    private Checked check(Onboarding form, Map<String, Scenario> previous) {
        var missing = new ArrayList<Violation>();
        if (form.organisationId() == null) {
            missing.add(Violation.of("organisationId", "field-required", "organisationId"));
        }
        if (blank(form.nameEn())) {
            missing.add(Violation.of("nameEn", "field-required", "nameEn"));
        }
        if (blank(form.nameZh())) {
            missing.add(Violation.of("nameZh", "field-required", "nameZh"));
        }
        if (form.behaviours() == null || form.behaviours().isEmpty()) {
            missing.add(Violation.of("behaviours", "field-required", "behaviours"));
        }
        if (form.scenarios() == null || form.scenarios().isEmpty()) {
            missing.add(Violation.of("scenarios", "field-required", "scenarios"));
        }
        if (form.redirectUris() == null || form.redirectUris().isEmpty()) {
            missing.add(Violation.of("redirectUris", "field-required", "redirectUris"));
        }
        if (!missing.isEmpty()) {
            throw Refusal.invalid(missing);
        }
        var invalid = new ArrayList<Violation>();
        var organisation = organisations.get(java.util.Objects.requireNonNull(form.organisationId()));
        if (organisation.kind() != Organisations.Kind.INTERNET_PARTNER) {
            invalid.add(Violation.of("organisationId", "partner-organisation-kind"));
        }
        var version = methodology.current();
        var behaviours = new LinkedHashSet<String>();
        for (String code : java.util.Objects.requireNonNull(form.behaviours())) {
            String c = code == null ? "" : code.strip();
            var behaviour = version.behaviour(c);
            if (behaviour.isEmpty()) {
                invalid.add(Violation.of("behaviours", "unknown-behaviour", c));
            } else if (!behaviour.get().evidence().contains(EvidenceLevel.PARTNER_VERIFIED)) {
                invalid.add(Violation.of(
                        "behaviours",
                        "behaviour-not-partner-verified",
                        behaviour.get().name()));
            } else {
                behaviours.add(c);
            }
        }
        var scenarios = new LinkedHashMap<String, Scenario>();
        for (Scenario s : java.util.Objects.requireNonNull(form.scenarios())) {
            String code = s.code() == null ? "" : s.code().strip();
            if (!SCENARIO_CODE.matcher(code).matches() || scenarios.containsKey(code)) {
                invalid.add(Violation.of("scenarios", "scenario-code-invalid", code));
                continue;
            }
            if (blank(s.labelEn()) || blank(s.labelZh())) {
                invalid.add(Violation.of("scenarios", "scenario-label-required", code));
            }
            var covered = s.behaviours() == null
                    ? List.<String>of()
                    : s.behaviours().stream().map(String::strip).distinct().toList();
            if (covered.isEmpty() || !behaviours.containsAll(covered)) {
                invalid.add(Violation.of("scenarios", "scenario-behaviours-invalid", code));
            }
            scenarios.put(
                    code,
                    new Scenario(
                            code,
                            String.valueOf(s.labelEn()).strip(),
                            String.valueOf(s.labelZh()).strip(),
                            covered));
        }
        var uris = new ArrayList<String>();
        for (String uri : java.util.Objects.requireNonNull(form.redirectUris())) {
            String u = uri == null ? "" : uri.strip();
            if (!redirectUri(u)) {
                invalid.add(Violation.of("redirectUris", "redirect-uri-invalid", u));
            } else {
                uris.add(u);
            }
        }
        for (Scenario sc : scenarios.values()) {
            var before = previous.get(sc.code());
            if (before != null
                    && !Objects.requireNonNull(before.behaviours())
                            .containsAll(Objects.requireNonNull(sc.behaviours()))) {
                invalid.add(Violation.of("scenarios", "scenario-widened", sc.code()));
            }
        }
        if (!invalid.isEmpty()) {
            throw new Refusal(Refusal.Kind.UNACCEPTABLE, "invalid-partner", invalid, Map.of());
        }
        return new Checked(
                organisation,
                String.valueOf(form.nameEn()).strip(),
                String.valueOf(form.nameZh()).strip(),
                behaviours,
                scenarios.values(),
                uris);
    }

    /** The organisations a partner can belong to (internet partners), for the onboarding form. */
    public List<Organisations.Organisation> partnerOrganisations(Actor officer) {
        requireOfficer(officer);
        return organisations.all().stream()
                .filter(o -> o.kind() == Organisations.Kind.INTERNET_PARTNER)
                .toList();
    }

    /** The behaviours a partner may be allowed to credit: those accepting partner-verified evidence. */
    public List<String> creditableBehaviours() {
        return methodology.current().behaviours().stream()
                .filter(b -> b.evidence().contains(EvidenceLevel.PARTNER_VERIFIED))
                .map(b -> b.code())
                .toList();
    }

    /** A partner, for officers. */
    public Partner get(Actor officer, UUID id) {
        requireOfficer(officer);
        return get(id);
    }

    /** Every partner, newest first, for officers. */
    public List<Partner> all(Actor officer) {
        requireOfficer(officer);
        return jdbc
                .sql("select id from partner order by created_at desc")
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list()
                .stream()
                .map(this::get)
                .toList();
    }

    Partner get(UUID id) {
        return find(id).orElseThrow(() -> Refusal.notFound("partner-unknown", "id", id));
    }

    Optional<Partner> find(UUID id) {
        var scenarios = jdbc.sql("""
                        select code, label_en, label_zh, behaviours from partner_scenario
                        where partner_id = :id order by code""")
                .param("id", id)
                .query((rs, n) -> new Scenario(
                        rs.getString("code"),
                        rs.getString("label_en"),
                        rs.getString("label_zh"),
                        strings(rs, "behaviours")))
                .list();
        return jdbc.sql("select * from partner where id = :id")
                .param("id", id)
                .query((rs, n) -> new Partner(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organisation_id", UUID.class),
                        rs.getString("name_en"),
                        rs.getString("name_zh"),
                        strings(rs, "behaviours"),
                        scenarios,
                        strings(rs, "redirect_uris"),
                        State.valueOf(rs.getString("state")),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /** Suspends a partner: its activities are refused from now on; its links and records are kept. */
    @Transactional
    public Partner suspend(Actor officer, UUID id) {
        return changeState(officer, id, State.SUSPENDED, AuditLog.Action.PARTNER_SUSPENDED);
    }

    /** Reactivates a suspended partner. */
    @Transactional
    public Partner reactivate(Actor officer, UUID id) {
        return changeState(officer, id, State.ACTIVE, AuditLog.Action.PARTNER_REACTIVATED);
    }

    private Partner changeState(Actor officer, UUID id, State state, AuditLog.Action action) {
        requireOfficer(officer);
        var partner = get(id);
        if (partner.state() == state) {
            return partner;
        }
        jdbc.sql("update partner set state = :state, state_changed_at = :now where id = :id")
                .param("state", state.name())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        audit.record(
                officer.id(),
                action,
                partner.organisationId(),
                AuditLog.Target.PARTNER,
                id,
                Map.of("name", partner.nameEn()));
        return get(id);
    }

    /**
     * Issues the partner's credentials for a mode: the first time, a new client; after that a new secret, the previous
     * one still accepted for {@link PartnerClients#OVERLAP} so the partner can deploy it without downtime. The secret
     * is shown this once.
     */
    @Transactional
    public PartnerClients.Credentials issueCredentials(Actor officer, UUID id, Mode mode) {
        requireOfficer(officer);
        var partner = get(id);
        var credentials = clients.issue(partner, mode);
        audit.record(
                officer.id(),
                credentials.previousValidUntil() == null
                        ? AuditLog.Action.PARTNER_CREDENTIALS_ISSUED
                        : AuditLog.Action.PARTNER_SECRET_ROTATED,
                partner.organisationId(),
                AuditLog.Target.PARTNER,
                id,
                credentials.previousValidUntil() == null
                        ? Map.of("name", partner.nameEn(), "mode", mode.name(), "clientId", credentials.clientId())
                        : Map.of(
                                "name",
                                partner.nameEn(),
                                "mode",
                                mode.name(),
                                "clientId",
                                credentials.clientId(),
                                "previousValidUntil",
                                credentials.previousValidUntil().toString()));
        return credentials;
    }

    /** Ends the previous secret's overlap now (a leaked secret, or a partner that has deployed the new one). */
    @Transactional
    public void endPreviousSecret(Actor officer, UUID id, Mode mode) {
        requireOfficer(officer);
        var partner = get(id);
        clients.endOverlap(partner, mode);
        audit.record(
                officer.id(),
                AuditLog.Action.PARTNER_PREVIOUS_SECRET_ENDED,
                partner.organisationId(),
                AuditLog.Target.PARTNER,
                id,
                Map.of("name", partner.nameEn(), "mode", mode.name()));
    }

    /** The partner's clients, for its page: mode, client id, when the secret was issued, until when the previous works. */
    public List<PartnerClients.Client> clients(Actor officer, UUID id) {
        requireOfficer(officer);
        return clients.of(id);
    }

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    /** An https address, or http on the partner's own machine while it develops (localhost, 127.0.0.1). */
    private static boolean redirectUri(String uri) {
        try {
            var u = URI.create(uri);
            if (u.getFragment() != null || u.getHost() == null) {
                return false;
            }
            return "https".equals(u.getScheme())
                    || ("http".equals(u.getScheme())
                            && (u.getHost().equals("localhost") || u.getHost().equals("127.0.0.1")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
