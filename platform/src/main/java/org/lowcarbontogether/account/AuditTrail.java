package org.lowcarbontogether.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.platform.CsvCells;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit log as people read it: administrators search all of it and export a search as CSV; an organisation's
 * organisers read their organisation's entries. Each entry comes with the names of who acted, on whom or what and in
 * which organisation, looked up as it is read, and its facts ready to be said in either language.
 */
@Service
public class AuditTrail {

    /**
     * What an administrator searches by: a person (their email, or their id), an action's code, an organisation and a
     * range of days (inclusive, programme calendar).
     */
    public record Filter(
            @Nullable String person,
            @Nullable String action,
            @Nullable UUID organisationId,
            @Nullable LocalDate from,
            @Nullable LocalDate to) {}

    /**
     * One fact of an entry: {@code key} names it ({@code audit.detail.<key>}); its value is a message ({@code
     * messageKey}: a role, a kind) and/or text people wrote (a name, a reason).
     */
    public record Fact(
            String key,
            @Nullable String messageKey,
            @Nullable String text) {}

    /** An entry with its names: null where the person or thing no longer exists (or for the platform itself). */
    public record Line(
            AuditLog.Entry entry,
            People.@Nullable Name actor,
            @Nullable String organisationName,
            @Nullable String targetName,
            List<Fact> facts) {}

    /** A page of lines, newest first, and whether older ones follow. */
    public record Lines(List<Line> lines, int page, boolean hasNext) {}

    private static final int EXPORT_CHUNK = 500;

    private final AuditLog log;
    private final People people;
    private final Organisations organisations;
    private final RoleGrants roles;
    private final JdbcClient jdbc;

    AuditTrail(AuditLog log, People people, Organisations organisations, RoleGrants roles, JdbcClient jdbc) {
        this.log = log;
        this.people = people;
        this.organisations = organisations;
        this.roles = roles;
        this.jdbc = jdbc;
    }

    /** Every action that can be searched for. */
    public List<AuditLog.Action> actions() {
        return List.of(AuditLog.Action.values());
    }

    /** Administrators search the whole log. */
    public Lines search(Actor me, Filter filter, int page) {
        requireAdministrator(me);
        var query = query(filter);
        if (query == null) {
            return new Lines(List.of(), Math.max(0, page), false);
        }
        var found = log.search(query, page);
        return new Lines(lines(found.entries()), found.number(), found.hasNext());
    }

    /** An organisation's entries, for its organisers (404 for an unknown organisation, 403 for anyone else). */
    public Lines ofOrganisation(Actor me, UUID organisationId, int page) {
        organisations.requireOrganiser(me, organisationId);
        var found = log.search(AuditLog.Query.ofOrganisation(organisationId), page);
        return new Lines(lines(found.entries()), found.number(), found.hasNext());
    }

    /** A search to export, checked: who asks may, and the filter is valid. */
    public final class Export {

        private final AuditLog.@Nullable Query query;

        private Export(AuditLog.@Nullable Query query) {
            this.query = query;
        }

        /** Writes the search as CSV, newest first: one row per entry, its facts as {@code key=value}. */
        public void writeTo(Appendable out) {
            try (var csv = new CSVPrinter(
                    out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
                csv.printRecord(
                        "at",
                        "action",
                        "actor_id",
                        "actor_email",
                        "actor_name",
                        "organisation_id",
                        "organisation",
                        "target_kind",
                        "target_id",
                        "target",
                        "detail");
                if (query == null) {
                    return;
                }
                var chunk = new ArrayList<AuditLog.Entry>();
                log.each(query, entry -> {
                    chunk.add(entry);
                    if (chunk.size() == EXPORT_CHUNK) {
                        print(csv, lines(chunk));
                        chunk.clear();
                    }
                });
                print(csv, lines(chunk));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Administrators export a search as CSV (every entry it selects, not one page). */
    public Export export(Actor me, Filter filter) {
        requireAdministrator(me);
        return new Export(query(filter));
    }

    private static void print(CSVPrinter csv, List<Line> lines) {
        try {
            for (Line line : lines) {
                var e = line.entry();
                var actor = line.actor();
                csv.printRecord(CsvCells.safe(
                        e.at().toString(),
                        e.action().code(),
                        e.actorId() == null ? "" : e.actorId().toString(),
                        actor == null ? "" : actor.email(),
                        actor == null ? "" : actor.displayName(),
                        e.organisationId() == null ? "" : e.organisationId().toString(),
                        line.organisationName() == null ? "" : line.organisationName(),
                        e.target().name(),
                        e.targetId().toString(),
                        line.targetName() == null ? "" : line.targetName(),
                        e.detail().entrySet().stream()
                                .map(d -> d.getKey() + "=" + d.getValue())
                                .collect(Collectors.joining("; "))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The filter as a query; null when it names a person who does not exist, so nothing matches. */
    private AuditLog.@Nullable Query query(Filter filter) {
        UUID person = null;
        String who = filter.person() == null ? "" : filter.person().strip();
        if (!who.isEmpty()) {
            person = parseId(who);
            if (person == null) {
                person = people.idOf(who);
            }
            if (person == null) {
                return null;
            }
        }
        AuditLog.Action action = null;
        String code = filter.action() == null ? "" : filter.action().strip().toLowerCase(Locale.ROOT);
        if (!code.isEmpty()) {
            action = AuditLog.Action.ofCode(code)
                    .orElseThrow(() -> Refusal.invalid(List.of(Violation.of("action", "value-unknown", code))));
        }
        LocalDate from = filter.from();
        LocalDate to = filter.to();
        if (from != null && to != null && to.isBefore(from)) {
            throw Refusal.invalid(List.of(Violation.of("to", "audit-range-reversed")));
        }
        return new AuditLog.Query(person, action, filter.organisationId(), from, to);
    }

    private List<Line> lines(List<AuditLog.Entry> entries) {
        Set<UUID> personIds = new HashSet<>();
        Set<UUID> organisationIds = new HashSet<>();
        Set<UUID> applicationIds = new HashSet<>();
        for (var e : entries) {
            if (e.actorId() != null) {
                personIds.add(e.actorId());
            }
            if (e.organisationId() != null) {
                organisationIds.add(e.organisationId());
            }
            switch (e.target()) {
                case PERSON -> personIds.add(e.targetId());
                case ORGANISATION -> organisationIds.add(e.targetId());
                case ORGANISATION_APPLICATION -> applicationIds.add(e.targetId());
                case PARTNER, PARTNER_LINK, PARTNER_SIGNING_KEY -> {}
                case COMMUNITY, PRODUCT, PRODUCT_CLAIM, PRODUCT_CHALLENGE, COURSE, AWARD, METRO_LINE -> {}
            }
        }
        var names = people.names(personIds);
        var organisationNames = named("select id, name from organisation where id in (:ids)", organisationIds);
        var applicationNames =
                named("select id, name from organisation_application where id in (:ids)", applicationIds);
        var lines = new ArrayList<Line>();
        for (var e : entries) {
            UUID actorId = e.actorId();
            UUID organisationId = e.organisationId();
            People.Name target = e.target() == AuditLog.Target.PERSON ? names.get(e.targetId()) : null;
            String targetName = switch (e.target()) {
                case PERSON -> target == null ? null : target.displayName();
                case ORGANISATION -> organisationNames.get(e.targetId());
                case ORGANISATION_APPLICATION -> applicationNames.get(e.targetId());
                // Partners are named in their entry (the partners module owns their table); a link is its person's.
                case PARTNER -> e.detail().get("name");
                case PARTNER_LINK -> null;
                case PARTNER_SIGNING_KEY -> e.detail().get("kid");
                case COMMUNITY -> e.detail().get("community");
                // Products are named by their barcode number, kept in the entry (the products module owns them).
                case PRODUCT, PRODUCT_CLAIM, PRODUCT_CHALLENGE -> e.detail().get("gtin");
                // A course is named in its entry (the training module owns its courses).
                case COURSE -> e.detail().get("course");
                // A funded project is named in its entry (the grants module owns its awards).
                case AWARD -> e.detail().get("project");
                case METRO_LINE -> e.detail().get("city") + " · " + e.detail().get("line");
                // A ride challenge is named by its title, kept in the entry (the rides module owns challenges).
                case RIDE_CHALLENGE -> e.detail().get("title");
            };
            lines.add(new Line(
                    e,
                    actorId == null ? null : names.get(actorId),
                    organisationId == null ? null : organisationNames.get(organisationId),
                    targetName,
                    facts(e.detail())));
        }
        return lines;
    }

    /** The facts people read; anything else an entry keeps is in the export only. */
    private List<Fact> facts(Map<String, String> detail) {
        var facts = new ArrayList<Fact>();
        detail.forEach((key, value) -> {
            switch (key) {
                case "role" -> facts.add(coded("role", "role.", value.strip(), Role.class));
                case "roles" -> {
                    for (String role : value.split(",")) {
                        if (!role.isBlank()) {
                            facts.add(coded("role", "role.", role.strip(), Role.class));
                        }
                    }
                }
                case "scope" -> {
                    var scope = coded(key, "role.scope.", value, RoleGrants.ScopeKind.class);
                    facts.add(new Fact(key, scope.messageKey(), scopeName(detail)));
                }
                case "memberRole" ->
                    facts.add(coded(key, "organisations.role.", value, Organisations.MemberRole.class));
                case "kind" -> facts.add(coded(key, "organisations.kind.", value, Organisations.Kind.class));
                case "invitation" -> facts.add(new Fact(key, "audit.invitation." + Boolean.parseBoolean(value), null));
                case "name", "reason" -> facts.add(new Fact(key, null, value));
                default -> {}
            }
        });
        return facts;
    }

    /** A stored enum code as its message; one this version does not know (written by a newer one) as it is. */
    private static <E extends Enum<E>> Fact coded(String key, String prefix, String value, Class<E> type) {
        for (E known : EnumSet.allOf(type)) {
            if (known.name().equals(value)) {
                return new Fact(key, prefix + value, null);
            }
        }
        return new Fact(key, null, value);
    }

    private @Nullable String scopeName(Map<String, String> detail) {
        UUID id = parseId(detail.getOrDefault("scopeId", ""));
        if (id == null) {
            return null;
        }
        try {
            return roles.nameOf(RoleGrants.ScopeKind.valueOf(detail.getOrDefault("scope", "")), id);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private Map<UUID, String> named(String sql, Set<UUID> ids) {
        var names = new HashMap<UUID, String>();
        if (!ids.isEmpty()) {
            jdbc.sql(sql).param("ids", List.copyOf(ids)).query(rs -> {
                names.put(rs.getObject(1, UUID.class), rs.getString(2));
            });
        }
        return names;
    }

    private static void requireAdministrator(Actor me) {
        if (!me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
    }

    private static @Nullable UUID parseId(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
