package org.lowcarbontogether.communities;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Pupils;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Communities run by organisations: online (campus, workplace, neighbourhood, interest) or a physical site with an
 * address and a place on the map. Anyone signed in may join a community; only its organisation's organisers may
 * change it. A members-only community shows its name and combined impact to everyone, its feed only to members.
 */
@Service
public class Communities {

    public enum Kind {
        CAMPUS,
        WORKPLACE,
        NEIGHBOURHOOD,
        INTEREST,
        PHYSICAL_SITE
    }

    public enum Visibility {
        PUBLIC,
        MEMBERS
    }

    public record Community(
            UUID id,
            UUID organisationId,
            String organisationName,
            String name,
            String description,
            Kind kind,
            Visibility visibility,
            @Nullable String address,
            @Nullable BigDecimal latitude,
            @Nullable BigDecimal longitude,
            Instant createdAt) {

        public boolean located() {
            return latitude != null && longitude != null;
        }
    }

    /** What an organiser enters for a community; checked as a whole so every bad field is reported at once. */
    public record CommunityForm(
            @Nullable String name,
            @Nullable String description,
            @Nullable String kind,
            @Nullable String visibility,
            @Nullable String address,
            @Nullable BigDecimal latitude,
            @Nullable BigDecimal longitude) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final Participation participation;
    private final ApplicationEventPublisher events;
    private final Pupils pupils;

    Communities(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            Participation participation,
            ApplicationEventPublisher events,
            Pupils pupils) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.participation = participation;
        this.events = events;
        this.pupils = pupils;
    }

    @Transactional
    public Community create(Actor me, UUID organisationId, CommunityForm form) {
        organisations.requireOrganiser(me, organisationId);
        var valid = check(form);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into community (id, organisation_id, name, description, kind, visibility, address, latitude, longitude,
                            created_by, created_at)
                        values (:id, :org, :name, :description, :kind, :visibility, :address, :lat, :lon, :by, :now)""")
                .param("id", id)
                .param("org", organisationId)
                .param("name", valid.name())
                .param("description", valid.description())
                .param("kind", valid.kind().name())
                .param("visibility", valid.visibility().name())
                .param("address", valid.address())
                .param("lat", valid.latitude())
                .param("lon", valid.longitude())
                .param("by", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        events.publishEvent(new CommunityFounded(id, organisationId));
        return find(id).orElseThrow();
    }

    @Transactional
    public Community update(Actor me, UUID id, CommunityForm form) {
        Community community = manageable(me, id);
        var valid = check(form);
        jdbc.sql("""
                        update community set name = :name, description = :description, kind = :kind, visibility = :visibility,
                            address = :address, latitude = :lat, longitude = :lon
                        where id = :id""")
                .param("id", community.id())
                .param("name", valid.name())
                .param("description", valid.description())
                .param("kind", valid.kind().name())
                .param("visibility", valid.visibility().name())
                .param("address", valid.address())
                .param("lat", valid.latitude())
                .param("lon", valid.longitude())
                .update();
        return find(id).orElseThrow();
    }

    public Optional<Community> find(UUID id) {
        return jdbc.sql(SELECT + " where c.id = :id")
                .param("id", id)
                .query(Community.class)
                .optional();
    }

    /** A community anyone may look at, or 404. */
    public Community get(UUID id) {
        return find(id).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "community-unknown", "id", id));
    }

    /** A community the caller may change: 404 if it does not exist, 403 if it is another organisation's. */
    public Community manageable(Actor me, UUID id) {
        Community community = get(id);
        organisations.requireOrganiser(me, community.organisationId());
        return community;
    }

    public boolean mayManage(@Nullable Actor me, Community community) {
        return me != null && (me.hasRole(Role.ADMIN) || organisations.isOrganiser(me.id(), community.organisationId()));
    }

    /** Whether the caller may see the community's feed and members. */
    public boolean maySeeFeed(@Nullable Actor me, Community community) {
        return community.visibility() == Visibility.PUBLIC
                || (me != null
                        && (participation.isParticipant(Participation.Scope.community(community.id()), me.id())
                                || mayManage(me, community)));
    }

    public List<Community> all() {
        return jdbc.sql(SELECT + " order by c.name").query(COMMUNITY_ROWS).list();
    }

    public List<Community> ofOrganisation(UUID organisationId) {
        return jdbc.sql(SELECT + " where c.organisation_id = :org order by c.name")
                .param("org", organisationId)
                .query(COMMUNITY_ROWS)
                .list();
    }

    /** The communities a person belongs to now. */
    public List<Community> joinedBy(UUID userId) {
        return jdbc.sql(SELECT + """
                         join participant p on p.scope_kind = 'COMMUNITY' and p.scope_id = c.id
                        where p.user_id = :user and p.left_at is null order by c.name""")
                .param("user", userId)
                .query(COMMUNITY_ROWS)
                .list();
    }

    /** What asking to join did: joined at once, asked an organiser (members-only communities), or nothing new. */
    public enum JoinOutcome {
        JOINED,
        REQUESTED,
        ALREADY
    }

    /** A request to join a members-only community, waiting for an organiser. */
    public record JoinRequest(UUID userId, String displayName, Instant requestedAt) {}

    /**
     * Joins a public community at once. A members-only community admits people by an organiser's approval: the first
     * call asks, and the person joins when an organiser approves (its organisers themselves join at once).
     */
    @Transactional
    public JoinOutcome join(Actor me, UUID id) {
        // Nothing about a child is public: a pupil takes part through their class only, never in a group's feed or
        // board.
        if (pupils.isPupil(me.id())) {
            throw Refusal.forbidden("not-for-pupils", null);
        }
        Community community = get(id);
        var scope = Participation.Scope.community(id);
        if (participation.isParticipant(scope, me.id())) {
            return JoinOutcome.ALREADY;
        }
        if (community.visibility() == Visibility.MEMBERS && !mayManage(me, community)) {
            int asked = jdbc.sql("""
                            insert into community_join_request (community_id, user_id, requested_at) values (:c, :u, :now)
                            on conflict (community_id, user_id) do update
                                set requested_at = excluded.requested_at, decided_by = null, decided_at = null, approved = null
                                where community_join_request.decided_at is not null""")
                    .param("c", id)
                    .param("u", me.id())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            return asked > 0 || hasAsked(me.id(), id) ? JoinOutcome.REQUESTED : JoinOutcome.ALREADY;
        }
        if (participation.join(scope, me.id(), null)) {
            events.publishEvent(new CommunityJoined(id, community.organisationId(), me.id(), clock.instant()));
            return JoinOutcome.JOINED;
        }
        return JoinOutcome.ALREADY;
    }

    /**
     * Lets a person in who accepted an invitation ({@link CommunityInvitations}): public or members-only, no request.
     */
    void admit(Community community, UUID userId) {
        if (participation.join(Participation.Scope.community(community.id()), userId, null)) {
            // A request they had made is answered by the invitation.
            jdbc.sql(
                            "delete from community_join_request where community_id = :c and user_id = :u and decided_at is null")
                    .param("c", community.id())
                    .param("u", userId)
                    .update();
            events.publishEvent(
                    new CommunityJoined(community.id(), community.organisationId(), userId, clock.instant()));
        }
    }

    /** Whether a person's request to join is waiting for an organiser. */
    public boolean hasAsked(UUID userId, UUID communityId) {
        return jdbc.sql("""
                        select count(*) from community_join_request
                        where community_id = :c and user_id = :u and decided_at is null""")
                        .param("c", communityId)
                        .param("u", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Requests waiting for the community's organisers, oldest first. */
    public List<JoinRequest> joinRequests(Actor me, UUID id) {
        manageable(me, id);
        return jdbc.sql("""
                        select r.user_id, u.display_name, r.requested_at from community_join_request r
                        join app_user u on u.id = r.user_id
                        where r.community_id = :c and r.decided_at is null order by r.requested_at""").param("c", id).query(JOIN_REQUEST_ROWS).list();
    }

    /** An organiser admits or turns down a request to join; the person joins on approval. */
    @Transactional
    public void decideJoinRequest(Actor me, UUID id, UUID userId, boolean approve) {
        Community community = manageable(me, id);
        int decided = jdbc.sql("""
                        update community_join_request set decided_by = :me, decided_at = :now, approved = :approve
                        where community_id = :c and user_id = :u and decided_at is null""")
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("approve", approve)
                .param("c", id)
                .param("u", userId)
                .update();
        if (decided == 0) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "community-request-unknown", "userId", userId);
        }
        if (approve && participation.join(Participation.Scope.community(id), userId, null)) {
            events.publishEvent(new CommunityJoined(id, community.organisationId(), userId, clock.instant()));
        }
    }

    @Transactional
    public void leave(Actor me, UUID id) {
        Community community = get(id);
        if (participation.leave(Participation.Scope.community(id), me.id())) {
            events.publishEvent(new CommunityLeft(id, community.organisationId(), me.id(), clock.instant()));
        }
    }

    /** A member's privacy choice: whether other members see their name and behaviours. */
    @Transactional
    public void showInFeed(Actor me, UUID id, boolean show) {
        var scope = Participation.Scope.community(get(id).id());
        if (!participation.isParticipant(scope, me.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "community-not-member", "id", id);
        }
        participation.showInFeed(scope, me.id(), show);
    }

    private record Valid(
            String name,
            String description,
            Kind kind,
            Visibility visibility,
            @Nullable String address,
            @Nullable BigDecimal latitude,
            @Nullable BigDecimal longitude) {}

    private static Valid check(CommunityForm form) {
        var violations = new ArrayList<Violation>();
        String name = form.name() == null ? "" : form.name().strip();
        if (name.length() < 3 || name.length() > 120) {
            violations.add(Violation.of("name", "text-length", 3, 120));
        }
        String description =
                form.description() == null ? "" : form.description().strip();
        if (description.length() > 4000) {
            violations.add(Violation.of("description", "text-length", 0, 4000));
        }
        Kind kind = parse(Kind.class, form.kind(), "kind", violations);
        Visibility visibility = parse(Visibility.class, form.visibility(), "visibility", violations);
        String address = form.address() == null || form.address().isBlank()
                ? null
                : form.address().strip();
        if (address != null && address.length() > 300) {
            violations.add(Violation.of("address", "text-length", 0, 300));
        }
        if (kind == Kind.PHYSICAL_SITE && address == null) {
            violations.add(Violation.of("address", "community-address-required"));
        }
        if ((form.latitude() == null) != (form.longitude() == null)) {
            violations.add(Violation.of(form.latitude() == null ? "latitude" : "longitude", "community-location-pair"));
        }
        if (form.latitude() != null && form.latitude().abs().compareTo(BigDecimal.valueOf(90)) > 0) {
            violations.add(Violation.of("latitude", "number-range", -90, 90));
        }
        if (form.longitude() != null && form.longitude().abs().compareTo(BigDecimal.valueOf(180)) > 0) {
            violations.add(Violation.of("longitude", "number-range", -180, 180));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        return new Valid(name, description, kind, visibility, address, form.latitude(), form.longitude());
    }

    /** Parses an enum field, noting a violation (and returning null) when it is missing or unknown. */
    @SuppressWarnings("NullAway")
    static <E extends Enum<E>> E parse(
            Class<E> type, @Nullable String value, String field, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "field-required", field));
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Violation.of(field, "value-unknown", value));
            return null;
        }
    }

    private static final RowMapper<Community> COMMUNITY_ROWS = new SimplePropertyRowMapper<>(Community.class);
    private static final RowMapper<JoinRequest> JOIN_REQUEST_ROWS = new SimplePropertyRowMapper<>(JoinRequest.class);

    private static final String SELECT = """
            select c.id, c.organisation_id, o.name as organisation_name, c.name, c.description, c.kind, c.visibility,
                c.address, c.latitude, c.longitude, c.created_at
            from community c join organisation o on o.id = c.organisation_id""";
}
