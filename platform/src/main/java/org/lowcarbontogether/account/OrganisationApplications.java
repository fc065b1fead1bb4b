package org.lowcarbontogether.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How an organisation joins the platform: any signed-in person applies with its details; an administrator or programme
 * officer admits it — the organisation is created and the applicant becomes its organiser — or declines it with a
 * reason the applicant reads. A person has one open application per name and at most {@value #MAX_OPEN} open at once;
 * a name an organisation already has is refused, whatever its letter case. Nobody decides their own application.
 */
@Service
public class OrganisationApplications {

    static final int MAX_OPEN = 3;
    static final int MAX_NAME = 160;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_WEBSITE = 300;
    static final int MAX_REASON = 1000;

    public enum State {
        OPEN,
        ADMITTED,
        DECLINED
    }

    /** What an applicant sends. */
    public record Form(
            @Nullable String name,
            @Nullable String kind,
            @Nullable String description,
            @Nullable String website,
            @Nullable String contactEmail,
            @Nullable String region) {}

    /** An application as its applicant and its deciders see it. */
    public record Application(
            UUID id,
            UUID applicantId,
            String applicantName,
            String applicantEmail,
            String name,
            Organisations.Kind kind,
            String description,
            @Nullable String website,
            String contactEmail,
            String region,
            State state,
            Instant submittedAt,
            @Nullable Instant decidedAt,
            @Nullable String reason,
            @Nullable UUID organisationId) {}

    private static final String SELECT = """
            select a.*, u.display_name as applicant_name, u.email as applicant_email
            from organisation_application a join app_user u on u.id = a.applicant_id""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final Users users;
    private final AuditLog audit;

    OrganisationApplications(JdbcClient jdbc, Clock clock, Organisations organisations, Users users, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.users = users;
        this.audit = audit;
    }

    /** A signed-in person applies for an organisation; every invalid field is reported at once. */
    @Transactional
    public Application apply(Actor me, Form form) {
        var violations = new ArrayList<Violation>();
        String name = text(form.name());
        if (name.length() < 2 || name.length() > MAX_NAME) {
            violations.add(Violation.of("name", "text-length", 2, MAX_NAME));
        }
        Organisations.Kind kind = null;
        try {
            kind = Organisations.Kind.valueOf(text(form.kind()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Violation.of("kind", "value-unknown", text(form.kind())));
        }
        String description = text(form.description());
        if (description.isEmpty() || description.length() > MAX_DESCRIPTION) {
            violations.add(Violation.of("description", "text-length", 1, MAX_DESCRIPTION));
        }
        String website = text(form.website());
        if (!website.isEmpty() && !isWebAddress(website)) {
            violations.add(Violation.of("website", "website-malformed", MAX_WEBSITE));
        }
        String email = Registration.normalise(text(form.contactEmail()));
        if (email.isEmpty()) {
            violations.add(Violation.of("contactEmail", "email-required"));
        } else if (!Registration.wellFormed(email)) {
            violations.add(Violation.of("contactEmail", "email-malformed"));
        }
        String region = text(form.region());
        if (Regions.recordable().stream().noneMatch(r -> r.code().equals(region))) {
            violations.add(Violation.of("region", "value-unknown", region));
        }
        if (!violations.isEmpty() || kind == null) {
            throw Refusal.invalid(violations);
        }
        lockApplicant(me.id());
        if (organisations.nameTaken(name)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "organisation-name-taken", "name", name);
        }
        if (openWithName(me.id(), name)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "organisation-application-open", "name", name);
        }
        if (openCount(me.id()) >= MAX_OPEN) {
            throw new Refusal(Refusal.Kind.CONFLICT, "organisation-applications-too-many", null, MAX_OPEN);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into organisation_application (id, applicant_id, name, kind, description, website,
                            contact_email, region, state, submitted_at)
                        values (:id, :me, :name, :kind, :description, :website, :email, :region, 'OPEN', :now)""")
                .param("id", id)
                .param("me", me.id())
                .param("name", name)
                .param("kind", kind.name())
                .param("description", description)
                .param("website", website.isEmpty() ? null : website)
                .param("email", email)
                .param("region", region)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.ORGANISATION_APPLIED,
                null,
                AuditLog.Target.ORGANISATION_APPLICATION,
                id,
                Map.of("name", name, "kind", kind.name()));
        return find(id);
    }

    /** A person's own applications, newest first. */
    public List<Application> mine(UUID userId) {
        return jdbc.sql(SELECT + " where a.applicant_id = :me order by a.submitted_at desc")
                .param("me", userId)
                .query(OrganisationApplications::map)
                .list();
    }

    /** The applications in a state, oldest first, for administrators and programme officers. */
    public List<Application> queue(Actor me, State state) {
        requireDecider(me);
        return jdbc.sql(SELECT + " where a.state = :state order by a.submitted_at, a.id limit 500")
                .param("state", state.name())
                .query(OrganisationApplications::map)
                .list();
    }

    /** How many applications are in a state, for administrators and programme officers. */
    public long count(Actor me, State state) {
        requireDecider(me);
        return jdbc.sql("select count(*) from organisation_application where state = :state")
                .param("state", state.name())
                .query(Long.class)
                .single();
    }

    /** One application, for its applicant and its deciders (404 for anyone else). */
    public Application get(Actor me, UUID id) {
        var application = find(id);
        if (!application.applicantId().equals(me.id()) && !mayDecide(me)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "organisation-application-unknown", "id", id);
        }
        return application;
    }

    /** Admits an open application: the organisation is created with its details and the applicant organises it. */
    @Transactional
    public Application admit(Actor me, UUID id) {
        var application = lockOpen(me, id);
        if (organisations.nameTaken(application.name())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "organisation-name-taken", "name", application.name());
        }
        var organisation = organisations.create(
                application.name(),
                application.kind(),
                new Organisations.Details(
                        application.description(),
                        application.website(),
                        application.contactEmail(),
                        application.region()));
        organisations.addMember(organisation.id(), application.applicantId(), Organisations.MemberRole.ORGANISER);
        users.grantRole(application.applicantId(), Role.ORGANISER, me.id(), organisation.id());
        jdbc.sql("""
                        update organisation_application set state = 'ADMITTED', decided_at = :now, decided_by = :me,
                            organisation_id = :org where id = :id""")
                .param("now", Timestamp.from(clock.instant()))
                .param("me", me.id())
                .param("org", organisation.id())
                .param("id", id)
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.ORGANISATION_ADMITTED,
                organisation.id(),
                AuditLog.Target.ORGANISATION_APPLICATION,
                id,
                Map.of("name", application.name(), "kind", application.kind().name()));
        return find(id);
    }

    /** Declines an open application with a reason, which the applicant reads. */
    @Transactional
    public Application decline(Actor me, UUID id, @Nullable String reason) {
        String why = text(reason);
        var application = lockOpen(me, id);
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw Refusal.invalid(List.of(Violation.of("reason", "decline-reason-required", MAX_REASON)));
        }
        jdbc.sql("""
                        update organisation_application set state = 'DECLINED', decided_at = :now, decided_by = :me,
                            reason = :reason where id = :id""")
                .param("now", Timestamp.from(clock.instant()))
                .param("me", me.id())
                .param("reason", why)
                .param("id", id)
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.ORGANISATION_DECLINED,
                null,
                AuditLog.Target.ORGANISATION_APPLICATION,
                id,
                Map.of("name", application.name(), "reason", why));
        return find(id);
    }

    /** Whether this person decides applications: administrators and programme officers. */
    public static boolean mayDecide(Actor me) {
        return me.hasRole(Role.ADMIN) || me.hasRole(Role.PROGRAMME_OFFICER);
    }

    private static void requireDecider(Actor me) {
        if (!mayDecide(me)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
    }

    /** The application, locked, if the caller may decide it and it is still open. */
    private Application lockOpen(Actor me, UUID id) {
        requireDecider(me);
        boolean exists = jdbc.sql("select id from organisation_application where id = :id for update")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!exists) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "organisation-application-unknown", "id", id);
        }
        var application = find(id);
        if (application.applicantId().equals(me.id())) {
            throw Refusal.unacceptable("organisation-application-own", null);
        }
        if (application.state() != State.OPEN) {
            throw new Refusal(Refusal.Kind.CONFLICT, "organisation-application-decided", null);
        }
        return application;
    }

    private Application find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = :id")
                .param("id", id)
                .query(OrganisationApplications::map)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "organisation-application-unknown", "id", id));
    }

    /** A person's applications are made one at a time, so the limits hold against double submissions. */
    private void lockApplicant(UUID userId) {
        jdbc.sql("select id from app_user where id = :id for update")
                .param("id", userId)
                .query(UUID.class)
                .list();
    }

    private boolean openWithName(UUID userId, String name) {
        return jdbc.sql("""
                                select count(*) from organisation_application
                                where applicant_id = :me and state = 'OPEN' and lower(name) = lower(:name)""")
                        .param("me", userId)
                        .param("name", name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private long openCount(UUID userId) {
        return jdbc.sql("select count(*) from organisation_application where applicant_id = :me and state = 'OPEN'")
                .param("me", userId)
                .query(Long.class)
                .single();
    }

    private static boolean isWebAddress(String text) {
        if (text.length() > MAX_WEBSITE) {
            return false;
        }
        try {
            var uri = new URI(text);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getHost().contains(".");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static Application map(ResultSet rs, int row) throws SQLException {
        var decided = rs.getTimestamp("decided_at");
        return new Application(
                rs.getObject("id", UUID.class),
                rs.getObject("applicant_id", UUID.class),
                rs.getString("applicant_name"),
                rs.getString("applicant_email"),
                rs.getString("name"),
                Organisations.Kind.valueOf(rs.getString("kind")),
                rs.getString("description"),
                rs.getString("website"),
                rs.getString("contact_email"),
                rs.getString("region"),
                State.valueOf(rs.getString("state")),
                rs.getTimestamp("submitted_at").toInstant(),
                decided == null ? null : decided.toInstant(),
                rs.getString("reason"),
                rs.getObject("organisation_id", UUID.class));
    }
}
