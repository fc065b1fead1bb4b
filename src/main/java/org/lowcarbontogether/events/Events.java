package org.lowcarbontogether.events;

import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Role;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.platform.ProblemException;
import org.lowcarbontogether.platform.ProblemException.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events run by organisations — a clothes swap, a repair café, a training — in a place or online, with a capacity and
 * registration. Attendees check in by scanning the event's QR code (or the organiser checks them in); each attendee is
 * then credited the event's behaviour as organiser-verified, once.
 */
@Service
public class Events {

    /** Check-in opens an hour before the start and closes an hour after the end. */
    static final Duration CHECK_IN_MARGIN = Duration.ofHours(1);

    public enum Kind {
        CLOTHES_SWAP,
        REPAIR_CAFE,
        TRAINING,
        CLEAN_UP,
        TALK,
        GREEN_GRADUATION,
        OTHER
    }

    public record Event(
            UUID id,
            UUID organisationId,
            String organisationName,
            @Nullable UUID communityId,
            String title,
            String description,
            Kind kind,
            Instant startsAt,
            Instant endsAt,
            @Nullable String place,
            @Nullable String onlineUrl,
            @Nullable Integer capacity,
            @Nullable String behaviour,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            Map<String, BigDecimal> parameters,
            long registered,
            long checkedIn) {

        public boolean full() {
            return capacity != null && registered >= capacity;
        }

        public @Nullable Long placesLeft() {
            return capacity == null ? null : Math.max(0, capacity - registered);
        }
    }

    /** What an organiser enters; times with their offset, as the organiser's browser or client sends them. */
    public record EventForm(
            @Nullable UUID organisationId,
            @Nullable UUID communityId,
            @Nullable String title,
            @Nullable String description,
            @Nullable String kind,
            @Nullable OffsetDateTime startsAt,
            @Nullable OffsetDateTime endsAt,
            @Nullable String place,
            @Nullable String onlineUrl,
            @Nullable Integer capacity,
            @Nullable String behaviour,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            @Nullable Map<String, BigDecimal> parameters) {}

    /** One line of the attendance list. */
    public record Attendee(
            UUID userId, String name, String email, Instant registeredAt, @Nullable Instant cancelledAt,
            @Nullable Instant checkedInAt, boolean checkedInByOrganiser, @Nullable String creditStatus,
            @Nullable String creditReason, @Nullable Long creditedGrams) {}

    /** A person's own registration. */
    public record Registration(Instant registeredAt, @Nullable Instant cancelledAt, @Nullable Instant checkedInAt,
            @Nullable String creditStatus, @Nullable String creditReason, @Nullable Long creditedGrams) {

        public boolean active() {
            return cancelledAt == null;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final org.lowcarbontogether.account.Registration accounts;
    private final Communities communities;
    private final Methodology methodology;
    private final ApplicationEventPublisher publisher;
    private final SecureRandom random = new SecureRandom();

    Events(JdbcClient jdbc, Clock clock, Organisations organisations, org.lowcarbontogether.account.Registration accounts,
            Communities communities, Methodology methodology, ApplicationEventPublisher publisher) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.communities = communities;
        this.methodology = methodology;
        this.publisher = publisher;
    }

    @Transactional
    public Event create(AuthenticatedUser me, EventForm form) {
        if (form.organisationId() == null) {
            throw ProblemException.invalid(List.of(Violation.of("organisationId", "field-required", "organisationId")));
        }
        organisations.requireOrganiser(me, form.organisationId());
        Valid valid = check(form, form.organisationId());
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        jdbc.sql("""
                        insert into event (id, organisation_id, community_id, title, description, kind, starts_at, ends_at, place,
                            online_url, capacity, behaviour, quantity, unit, parameters, check_in_code, created_by, created_at)
                        values (:id, :org, :community, :title, :description, :kind, :starts, :ends, :place, :url, :capacity,
                            :behaviour, :quantity, :unit, cast(:parameters as jsonb), :code, :by, :now)""")
                .param("id", id)
                .param("org", form.organisationId())
                .params(valid.params())
                .param("code", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .param("by", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return get(id);
    }

    @Transactional
    public Event update(AuthenticatedUser me, UUID id, EventForm form) {
        Event event = manageable(me, id);
        Valid valid = check(form, event.organisationId());
        if (valid.capacity() != null && valid.capacity() < event.registered()) {
            throw ProblemException.invalid(List.of(Violation.of("capacity", "event-capacity-below-registered", event.registered())));
        }
        jdbc.sql("""
                        update event set community_id = :community, title = :title, description = :description, kind = :kind,
                            starts_at = :starts, ends_at = :ends, place = :place, online_url = :url, capacity = :capacity,
                            behaviour = :behaviour, quantity = :quantity, unit = :unit, parameters = cast(:parameters as jsonb)
                        where id = :id""")
                .param("id", id)
                .params(valid.params())
                .update();
        return get(id);
    }

    public Optional<Event> find(UUID id) {
        return jdbc.sql(SELECT + " where e.id = :id").param("id", id).query(this::event).optional();
    }

    public Event get(UUID id) {
        return find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-unknown", "id", id));
    }

    /** An event the caller organises: 404 if unknown, 403 if it is another organisation's. */
    public Event manageable(AuthenticatedUser me, UUID id) {
        Event event = get(id);
        organisations.requireOrganiser(me, event.organisationId());
        return event;
    }

    public boolean mayManage(@Nullable AuthenticatedUser me, Event event) {
        return me != null && (me.hasRole(Role.ADMIN) || organisations.isOrganiser(me.id(), event.organisationId()));
    }

    /** Events that have not ended, soonest first. */
    public List<Event> upcoming(int limit) {
        return jdbc.sql(SELECT + " where e.ends_at >= :now order by e.starts_at limit :limit")
                .param("now", Timestamp.from(clock.instant()))
                .param("limit", limit)
                .query(this::event)
                .list();
    }

    public List<Event> ofOrganisation(UUID organisationId) {
        return jdbc.sql(SELECT + " where e.organisation_id = :org order by e.starts_at desc")
                .param("org", organisationId)
                .query(this::event)
                .list();
    }

    public List<Event> ofCommunity(UUID communityId) {
        return jdbc.sql(SELECT + " where e.community_id = :community order by e.starts_at desc")
                .param("community", communityId)
                .query(this::event)
                .list();
    }

    /** The secret in the event's QR code; only its organisers may see it. */
    public String checkInCode(AuthenticatedUser me, UUID id) {
        manageable(me, id);
        return jdbc.sql("select check_in_code from event where id = :id").param("id", id).query(String.class).single();
    }

    public Optional<Registration> registrationOf(UUID eventId, UUID userId) {
        return jdbc.sql("""
                        select registered_at, cancelled_at, checked_in_at, credit_status, credit_reason, credited_grams
                        from event_registration where event_id = :event and user_id = :user""")
                .param("event", eventId)
                .param("user", userId)
                .query(Registration.class)
                .optional();
    }

    /** Registers the caller; the event row is locked so two people cannot take the last place. */
    @Transactional
    public void register(AuthenticatedUser me, UUID eventId) {
        Event event = lock(eventId);
        if (!event.endsAt().isAfter(clock.instant())) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-over", "id", eventId);
        }
        var existing = registrationOf(eventId, me.id());
        if (existing.isPresent() && existing.get().active()) {
            return;
        }
        if (event.full()) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-full", "id", eventId, event.capacity());
        }
        jdbc.sql("""
                        insert into event_registration (event_id, user_id, registered_at) values (:event, :user, :now)
                        on conflict (event_id, user_id) do update set cancelled_at = null, registered_at = excluded.registered_at""")
                .param("event", eventId)
                .param("user", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Cancels the caller's registration, freeing the place; an attendee already checked in stays checked in. */
    @Transactional
    public void cancel(AuthenticatedUser me, UUID eventId) {
        get(eventId);
        jdbc.sql("""
                        update event_registration set cancelled_at = :now
                        where event_id = :event and user_id = :user and cancelled_at is null and checked_in_at is null""")
                .param("event", eventId)
                .param("user", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Checks the caller in with the code from the event's QR code. A walk-in is registered on the spot if there is room.
     * Checking in twice is harmless. Returns whether this call checked them in.
     */
    @Transactional
    public boolean checkIn(AuthenticatedUser me, UUID eventId, @Nullable String code) {
        Event event = lock(eventId);
        String expected = jdbc.sql("select check_in_code from event where id = :id").param("id", eventId).query(String.class).single();
        if (code == null || !java.security.MessageDigest.isEqual(expected.getBytes(), code.getBytes())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "event-code-wrong", "code");
        }
        return checkIn(event, me.id(), null, true);
    }

    /**
     * An organiser checks in, by email, someone who registered or is a member of the organisation (someone without a
     * phone, say); capacity does not apply.
     */
    @Transactional
    public boolean checkInByOrganiser(AuthenticatedUser me, UUID eventId, @Nullable String email) {
        manageable(me, eventId);
        Event event = lock(eventId);
        UUID attendee = email == null ? null : accounts.idOf(email).orElse(null);
        if (attendee == null) {
            throw ProblemException.unprocessable("event-attendee-unknown", "email", email == null ? "" : email);
        }
        // An organiser vouches for someone else's presence, and only for people who registered or belong to the
        // organisation: a verified credit is not theirs to hand to anyone with an account, themselves included.
        if (attendee.equals(me.id())) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-self-check-in", "email");
        }
        boolean registered = registrationOf(eventId, attendee).map(Registration::active).orElse(false);
        if (!registered && organisations.memberByEmail(event.organisationId(), email).isEmpty()) {
            throw ProblemException.unprocessable("event-attendee-not-registered", "email", email);
        }
        return checkIn(event, attendee, me.id(), false);
    }

    private boolean checkIn(Event event, UUID userId, @Nullable UUID organiser, boolean capacityApplies) {
        Instant now = clock.instant();
        if (now.isBefore(event.startsAt().minus(CHECK_IN_MARGIN)) || now.isAfter(event.endsAt().plus(CHECK_IN_MARGIN))) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-check-in-closed", "id", event.id());
        }
        var registration = registrationOf(event.id(), userId);
        if (registration.isPresent() && registration.get().checkedInAt() != null) {
            return false;
        }
        boolean registered = registration.isPresent() && registration.get().active();
        if (!registered && capacityApplies && event.full()) {
            throw new ProblemException(HttpStatus.CONFLICT, "event-full", "id", event.id(), event.capacity());
        }
        jdbc.sql("""
                        insert into event_registration (event_id, user_id, registered_at, checked_in_at, checked_in_by)
                        values (:event, :user, :now, :now, :by)
                        on conflict (event_id, user_id) do update set cancelled_at = null, checked_in_at = excluded.checked_in_at,
                            checked_in_by = excluded.checked_in_by""")
                .param("event", event.id())
                .param("user", userId)
                .param("now", Timestamp.from(now))
                .param("by", organiser)
                .update();
        publisher.publishEvent(new AttendeeCheckedIn(event.id(), event.organisationId(), userId, now));
        return true;
    }

    /** Everyone who registered, with check-in and credit, for the organiser. */
    public List<Attendee> attendance(AuthenticatedUser me, UUID eventId) {
        manageable(me, eventId);
        return jdbc.sql("""
                        select r.user_id, u.display_name as name, u.email, r.registered_at, r.cancelled_at, r.checked_in_at,
                            r.checked_in_by is not null as checked_in_by_organiser, r.credit_status, r.credit_reason, r.credited_grams
                        from event_registration r join app_user u on u.id = r.user_id
                        where r.event_id = :event order by r.registered_at""")
                .param("event", eventId)
                .query(Attendee.class)
                .list();
    }

    /** The events a person registered for, newest first. */
    public List<Event> registeredBy(UUID userId) {
        return jdbc.sql(SELECT + """
                         join event_registration r on r.event_id = e.id
                        where r.user_id = :user and r.cancelled_at is null order by e.starts_at desc""")
                .param("user", userId)
                .query(this::event)
                .list();
    }

    /** Notes the outcome of crediting an attendee, shown on the attendance list. */
    @Transactional
    void noteCredit(UUID eventId, UUID userId, String status, @Nullable String reason, @Nullable UUID recordId,
            @Nullable Long grams) {
        jdbc.sql("""
                        update event_registration set credit_status = :status, credit_reason = :reason, record_id = :record,
                            credited_grams = :grams
                        where event_id = :event and user_id = :user""")
                .param("status", status)
                .param("reason", reason)
                .param("record", recordId)
                .param("grams", grams)
                .param("event", eventId)
                .param("user", userId)
                .update();
    }

    private Event lock(UUID eventId) {
        jdbc.sql("select id from event where id = :id for update").param("id", eventId).query(UUID.class).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "event-unknown", "id", eventId));
        return get(eventId);
    }


    private record Valid(@Nullable UUID communityId, String title, String description, Kind kind, Instant startsAt,
            Instant endsAt, @Nullable String place, @Nullable String onlineUrl, @Nullable Integer capacity,
            @Nullable String behaviour, @Nullable BigDecimal quantity, @Nullable String unit, Map<String, BigDecimal> parameters) {

        Map<String, @Nullable Object> params() {
            var params = new java.util.HashMap<String, @Nullable Object>();
            params.put("community", communityId);
            params.put("title", title);
            params.put("description", description);
            params.put("kind", kind.name());
            params.put("starts", Timestamp.from(startsAt));
            params.put("ends", Timestamp.from(endsAt));
            params.put("place", place);
            params.put("url", onlineUrl);
            params.put("capacity", capacity);
            params.put("behaviour", behaviour);
            params.put("quantity", quantity);
            params.put("unit", unit);
            params.put("parameters", parameters.isEmpty() ? null : PARAMETERS.writeValueAsString(parameters));
            return params;
        }
    }

    private Valid check(EventForm form, UUID organisationId) {
        var violations = new ArrayList<Violation>();
        String title = strip(form.title());
        if (title == null || title.length() < 3 || title.length() > 140) {
            violations.add(Violation.of("title", "text-length", 3, 140));
        }
        String description = strip(form.description());
        if (description != null && description.length() > 4000) {
            violations.add(Violation.of("description", "text-length", 0, 4000));
        }
        Kind kind = null;
        if (form.kind() == null || form.kind().isBlank()) {
            violations.add(Violation.of("kind", "field-required", "kind"));
        } else {
            try {
                kind = Kind.valueOf(form.kind().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of("kind", "value-unknown", form.kind()));
            }
        }
        if (form.startsAt() == null) {
            violations.add(Violation.of("startsAt", "field-required", "startsAt"));
        }
        if (form.endsAt() == null) {
            violations.add(Violation.of("endsAt", "field-required", "endsAt"));
        }
        if (form.startsAt() != null && form.endsAt() != null && !form.endsAt().isAfter(form.startsAt())) {
            violations.add(Violation.of("endsAt", "event-ends-before-start"));
        }
        String place = strip(form.place());
        String url = strip(form.onlineUrl());
        if (place == null && url == null) {
            violations.add(Violation.of("place", "event-where-required"));
        }
        if (url != null && !isWebAddress(url)) {
            violations.add(Violation.of("onlineUrl", "event-url-invalid"));
        }
        if (form.capacity() != null && (form.capacity() < 1 || form.capacity() > 100_000)) {
            violations.add(Violation.of("capacity", "number-range", 1, 100_000));
        }
        if (form.communityId() != null) {
            var community = communities.find(form.communityId());
            if (community.isEmpty() || !community.get().organisationId().equals(organisationId)) {
                violations.add(Violation.of("communityId", "event-community-foreign"));
            }
        }
        String behaviour = strip(form.behaviour());
        String unit = strip(form.unit());
        Map<String, BigDecimal> parameters = form.parameters() == null ? Map.of() : Map.copyOf(form.parameters());
        if (behaviour != null) {
            checkBehaviour(behaviour, form.quantity(), unit, parameters, form.startsAt(), violations);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new Valid(form.communityId(), title, description == null ? "" : description, kind,
                form.startsAt().toInstant(), form.endsAt().toInstant(), place, url, form.capacity(), behaviour,
                behaviour == null ? null : form.quantity(), behaviour == null ? null : unit,
                behaviour == null ? Map.of() : parameters);
    }

    /** The behaviour credited at check-in must calculate now, so that no attendee's credit fails for want of an input. */
    private void checkBehaviour(String code, @Nullable BigDecimal quantity, @Nullable String unit,
            Map<String, BigDecimal> parameters, @Nullable OffsetDateTime startsAt, List<Violation> violations) {
        var behaviour = methodology.current().behaviour(code);
        if (behaviour.isEmpty()) {
            violations.add(Violation.of("behaviour", "unknown-behaviour", code));
            return;
        }
        if (quantity == null || quantity.signum() <= 0) {
            violations.add(Violation.of("quantity", "quantity-not-positive"));
            return;
        }
        String chosen = unit == null ? behaviour.get().unit() : unit;
        var conversion = behaviour.get().unitConversions().get(chosen);
        if (conversion == null) {
            violations.add(Violation.of("unit", "unit-not-accepted", chosen, String.join(", ", behaviour.get().unitConversions().keySet())));
            return;
        }
        var day = (startsAt == null ? OffsetDateTime.now(clock) : startsAt).atZoneSameInstant(Methodology.PROGRAMME_ZONE).toLocalDate();
        var calculation = methodology.calculate(new ActivityInput(code, quantity, chosen, day, null, parameters));
        if (calculation instanceof Calculation.NotCredited notCredited) {
            violations.add(Violation.of(notCredited.reason() == Calculation.Reason.MISSING_INPUT
                            || notCredited.reason() == Calculation.Reason.INVALID_PARAMETER ? "parameters" : "behaviour",
                    "event-behaviour-no-credit", notCredited.reason().name() + " " + notCredited.detail()));
        }
    }

    private static boolean isWebAddress(String url) {
        try {
            var uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static @Nullable String strip(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static final tools.jackson.databind.json.JsonMapper PARAMETERS = tools.jackson.databind.json.JsonMapper.builder().build();

    private Event event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String parameters = rs.getString("parameters");
        Map<String, BigDecimal> inputs = new java.util.TreeMap<>();
        if (parameters != null) {
            PARAMETERS.readTree(parameters).properties().forEach(e -> inputs.put(e.getKey(), e.getValue().decimalValue()));
        }
        return new Event(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getString("organisation_name"), rs.getObject("community_id", UUID.class), rs.getString("title"),
                rs.getString("description"), Kind.valueOf(rs.getString("kind")), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(), rs.getString("place"), rs.getString("online_url"),
                rs.getObject("capacity", Integer.class), rs.getString("behaviour"), rs.getBigDecimal("quantity"),
                rs.getString("unit"), inputs, rs.getLong("registered"), rs.getLong("checked_in"));
    }

    private static final String SELECT = """
            select e.id, e.organisation_id, o.name as organisation_name, e.community_id, e.title, e.description, e.kind,
                e.starts_at, e.ends_at, e.place, e.online_url, e.capacity, e.behaviour, e.quantity, e.unit, e.parameters::text as parameters,
                (select count(*) from event_registration r where r.event_id = e.id and r.cancelled_at is null) as registered,
                (select count(*) from event_registration r where r.event_id = e.id and r.checked_in_at is not null) as checked_in
            from event e join organisation o on o.id = e.organisation_id""";
}
