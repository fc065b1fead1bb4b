package org.lowcarbontogether.grants;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.account.RoleGrants;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grant programmes, run by a programme office (an organisation) and its programme officers, who see and decide
 * everything in their programme. Administrators create programmes and appoint officers.
 */
@Service
public class Programmes {

    public record Programme(
            UUID id,
            String name,
            String description,
            UUID organisationId,
            String organisationName,
            int potentialMinWeeks,
            int potentialWindowWeeks,
            BigDecimal potentialPersistence,
            String keyFindings,
            String recommendations) {

        public ReportedImpact.Assumptions assumptions() {
            return new ReportedImpact.Assumptions(potentialMinWeeks, potentialWindowWeeks, potentialPersistence);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final Registration accounts;
    private final RoleGrants roles;

    Programmes(JdbcClient jdbc, Clock clock, Organisations organisations, Registration accounts, RoleGrants roles) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.accounts = accounts;
        this.roles = roles;
    }

    @Transactional
    public Programme create(
            Actor me, @Nullable String name, @Nullable String description, @Nullable UUID organisationId) {
        if (!me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        var violations = new ArrayList<Violation>();
        String clean = name == null ? "" : name.strip();
        if (clean.length() < 3 || clean.length() > 160) {
            violations.add(Violation.of("name", "text-length", 3, 160));
        }
        if (organisationId == null) {
            violations.add(Violation.of("organisationId", "field-required", "organisationId"));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        organisations.get(Objects.requireNonNull(organisationId, "required above"));
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into programme (id, name, description, organisation_id, created_at)
                        values (:id, :name, :description, :org, :now)""")
                .param("id", id)
                .param("name", clean)
                .param("description", description == null ? "" : description.strip())
                .param("org", organisationId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return get(id);
    }

    /**
     * Appoints a programme officer by email (administrators): the programme-officer role granted for this programme
     * (audited; {@link OfficerAppointments} adds them to its officers).
     */
    @Transactional
    public void appointOfficer(Actor me, UUID programmeId, @Nullable String email) {
        if (!me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        get(programmeId);
        UUID user = accounts.idOf(email == null ? "" : email)
                .orElseThrow(
                        () -> Refusal.unacceptable("organisation-member-unknown", "email", email == null ? "" : email));
        roles.grant(
                me,
                user,
                new RoleGrants.Change(
                        Role.PROGRAMME_OFFICER.name(), RoleGrants.ScopeKind.PROGRAMME.name(), programmeId));
    }

    public Programme get(UUID id) {
        return jdbc.sql(SELECT + " where p.id = :id")
                .param("id", id)
                .query(Programme.class)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "programme-unknown", "id", id));
    }

    /** The people appointed as the programme's officers (not administrators, who may act as officers everywhere). */
    public List<UUID> officers(UUID programmeId) {
        return jdbc.sql("select user_id from programme_officer where programme_id = :p order by user_id")
                .param("p", programmeId)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    public List<Programme> all() {
        return jdbc.sql(SELECT + " order by p.created_at desc")
                .query(PROGRAMME_ROWS)
                .list();
    }

    public boolean isOfficer(@Nullable Actor me, UUID programmeId) {
        return me != null
                && (me.hasRole(Role.ADMIN)
                        || jdbc.sql("select count(*) from programme_officer where programme_id = :p and user_id = :u")
                                        .param("p", programmeId)
                                        .param("u", me.id())
                                        .query(Long.class)
                                        .single()
                                > 0);
    }

    /** The programme, if the caller is one of its officers (or an administrator); 403 otherwise. */
    public Programme officerOf(Actor me, UUID programmeId) {
        Programme programme = get(programmeId);
        if (!isOfficer(me, programmeId)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        return programme;
    }

    /** The assumptions of the potential continuing annual reduction, set by the programme's officers. */
    @Transactional
    public Programme assume(
            Actor me,
            UUID programmeId,
            @Nullable Integer minWeeks,
            @Nullable Integer windowWeeks,
            @Nullable BigDecimal persistence) {
        officerOf(me, programmeId);
        var violations = new ArrayList<Violation>();
        if (windowWeeks == null || windowWeeks < 1 || windowWeeks > 52) {
            violations.add(Violation.of("windowWeeks", "number-range", 1, 52));
        }
        if (minWeeks == null || minWeeks < 1 || (windowWeeks != null && minWeeks > windowWeeks)) {
            violations.add(Violation.of("minWeeks", "number-range", 1, windowWeeks == null ? 52 : windowWeeks));
        }
        if (persistence == null
                || persistence.signum() <= 0
                || persistence.compareTo(BigDecimal.ONE) > 0
                || persistence.scale() > 3) {
            violations.add(Violation.of("persistence", "number-range", 0, 1));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        jdbc.sql("""
                        update programme set potential_min_weeks = :min, potential_window_weeks = :window, potential_persistence = :p,
                            potential_updated_by = :me, potential_updated_at = :now
                        where id = :id""")
                .param("min", minWeeks)
                .param("window", windowWeeks)
                .param("p", persistence)
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", programmeId)
                .update();
        return get(programmeId);
    }

    /** The executive summary's key findings and policy recommendations, written by the programme's officers. */
    @Transactional
    public Programme summarise(
            Actor me, UUID programmeId, @Nullable String findings, @Nullable String recommendations) {
        officerOf(me, programmeId);
        if ((findings != null && findings.length() > 20_000)
                || (recommendations != null && recommendations.length() > 20_000)) {
            throw Refusal.invalid(List.of(Violation.of("keyFindings", "text-length", 0, 20_000)));
        }
        jdbc.sql("update programme set key_findings = :f, recommendations = :r where id = :id")
                .param("f", findings == null ? "" : findings.strip())
                .param("r", recommendations == null ? "" : recommendations.strip())
                .param("id", programmeId)
                .update();
        return get(programmeId);
    }

    private static final RowMapper<Programme> PROGRAMME_ROWS = new SimplePropertyRowMapper<>(Programme.class);

    private static final String SELECT = """
            select p.id, p.name, p.description, p.organisation_id, o.name as organisation_name, p.potential_min_weeks,
                p.potential_window_weeks, p.potential_persistence, p.key_findings, p.recommendations
            from programme p join organisation o on o.id = p.organisation_id""";
}
