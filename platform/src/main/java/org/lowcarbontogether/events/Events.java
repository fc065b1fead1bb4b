package org.lowcarbontogether.events;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.GuardianConsents;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.methodology.ActivityChecks;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events run by organisations — a clothes swap, a repair café, a training — in a place or online, with a capacity and
 * registration. Presence is proven before anything is credited: the organiser scans the attendee's personal code (or
 * checks them in by name), or the attendee scans the rotating code on the organiser's screen; a check-in with the
 * poster's static code waits for the organiser's confirmation. Each attendee is then credited the event's behaviour as
 * organiser-verified, once.
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

    /** One line of the attendance list: how the person checked in, and whether an organiser confirmed it. */
    public record Attendee(
            UUID userId,
            String name,
            String email,
            Instant registeredAt,
            @Nullable Instant cancelledAt,
            @Nullable Instant checkedInAt,
            boolean checkedInByOrganiser,
            @Nullable String checkInMethod,
            @Nullable Instant confirmedAt,
            @Nullable String creditStatus,
            @Nullable String creditReason,
            @Nullable Long creditedGrams) {

        public boolean awaitingConfirmation() {
            return checkedInAt != null && confirmedAt == null && cancelledAt == null;
        }
    }

    /** A person's own registration. */
    public record Registration(
            Instant registeredAt,
            @Nullable Instant cancelledAt,
            @Nullable Instant checkedInAt,
            @Nullable String checkInMethod,
            @Nullable Instant confirmedAt,
            @Nullable String creditStatus,
            @Nullable String creditReason,
            @Nullable Long creditedGrams) {

        public boolean active() {
            return cancelledAt == null;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    // Qualified: this class's own Registration is a person's registration for an event.
    private final org.lowcarbontogether.account.Registration accounts;
    private final Communities communities;
    private final Methodology methodology;
    private final ApplicationEventPublisher publisher;
    private final GuardianConsents guardians;
    private final SecureRandom random = new SecureRandom();

    Events(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            org.lowcarbontogether.account.Registration accounts,
            Communities communities,
            Methodology methodology,
            ApplicationEventPublisher publisher,
            GuardianConsents guardians) {
        this.guardians = guardians;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.communities = communities;
        this.methodology = methodology;
        this.publisher = publisher;
    }

    @Transactional
    public Event create(Actor me, EventForm form) {
        if (form.organisationId() == null) {
            throw Refusal.invalid(List.of(Violation.of("organisationId", "field-required", "organisationId")));
        }
        organisations.requireOrganiser(me, form.organisationId());
        Valid valid = check(form, form.organisationId());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into event (id, organisation_id, community_id, title, description, kind, starts_at, ends_at, place,
                            online_url, capacity, behaviour, quantity, unit, parameters, check_in_code, screen_secret, created_by,
                            created_at)
                        values (:id, :org, :community, :title, :description, :kind, :starts, :ends, :place, :url, :capacity,
                            :behaviour, :quantity, :unit, cast(:parameters as jsonb), :code, :screen, :by, :now)""")
                .param("id", id)
                .param("org", form.organisationId())
                .params(valid.params())
                .param("code", newPersonalCode())
                .param("screen", newPersonalCode() + newPersonalCode())
                .param("by", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return get(id);
    }

    @Transactional
    public Event update(Actor me, UUID id, EventForm form) {
        Event event = manageable(me, id);
        Valid valid = check(form, event.organisationId());
        if (valid.capacity() != null && valid.capacity() < event.registered()) {
            throw Refusal.invalid(
                    List.of(Violation.of("capacity", "event-capacity-below-registered", event.registered())));
        }
        jdbc.sql("""
                        update event set community_id = :community, title = :title, description = :description, kind = :kind,
                            starts_at = :starts, ends_at = :ends, place = :place, online_url = :url, capacity = :capacity,
                            behaviour = :behaviour, quantity = :quantity, unit = :unit, parameters = cast(:parameters as jsonb)
                        where id = :id""").param("id", id).params(valid.params()).update();
        return get(id);
    }

    public Optional<Event> find(UUID id) {
        return jdbc.sql(SELECT + " where e.id = :id")
                .param("id", id)
                .query(this::event)
                .optional();
    }

    public Event get(UUID id) {
        return find(id).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "event-unknown", "id", id));
    }

    /** An event the caller organises: 404 if unknown, 403 if it is another organisation's. */
    public Event manageable(Actor me, UUID id) {
        Event event = get(id);
        organisations.requireOrganiser(me, event.organisationId());
        return event;
    }

    public boolean mayManage(@Nullable Actor me, Event event) {
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
    public String checkInCode(Actor me, UUID id) {
        manageable(me, id);
        return jdbc.sql("select check_in_code from event where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    public Optional<Registration> registrationOf(UUID eventId, UUID userId) {
        return jdbc.sql("""
                        select registered_at, cancelled_at, checked_in_at, check_in_method, confirmed_at, credit_status,
                            credit_reason, credited_grams
                        from event_registration where event_id = :event and user_id = :user""")
                .param("event", eventId)
                .param("user", userId)
                .query(Registration.class)
                .optional();
    }

    /** Registers the caller; the event row is locked so two people cannot take the last place. */
    @Transactional
    public void register(Actor me, UUID eventId) {
        Event event = lock(eventId);
        if (!event.endsAt().isAfter(clock.instant())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "event-over", "id", eventId);
        }
        var existing = registrationOf(eventId, me.id());
        if (existing.isPresent() && existing.get().active()) {
            return;
        }
        if (event.full()) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "event-full",
                    "id",
                    eventId,
                    Objects.requireNonNull(event.capacity(), "a full event has a capacity"));
        }
        jdbc.sql("""
                        insert into event_registration (event_id, user_id, registered_at, personal_code) values (:event, :user, :now, :code)
                        on conflict (event_id, user_id) do update set cancelled_at = null, registered_at = excluded.registered_at""")
                .param("event", eventId)
                .param("user", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("code", newPersonalCode())
                .update();
    }

    /** Cancels the caller's registration, freeing the place; an attendee already checked in stays checked in. */
    @Transactional
    public void cancel(Actor me, UUID eventId) {
        get(eventId);
        jdbc.sql("""
                        update event_registration set cancelled_at = :now
                        where event_id = :event and user_id = :user and cancelled_at is null and checked_in_at is null""")
                .param("event", eventId)
                .param("user", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** What a check-in did: checked the person in, found them already in, or noted them for the organiser to confirm. */
    public enum CheckInOutcome {
        CHECKED_IN,
        ALREADY_CHECKED_IN,
        AWAITING_CONFIRMATION
    }

    /**
     * A registered participant checks themselves in with a code they scanned at the event. The rotating code on the
     * organiser's screen (valid for the minute it is shown and the one after) proves presence, so the event's behaviour
     * is credited as organiser-verified. The poster's static code can be copied and shared, so a check-in with it only
     * waits for the organiser's confirmation; nothing is credited until then. People who did not register need the
     * organiser; organisers of the event's organisation cannot verify their own presence.
     */
    @Transactional
    public CheckInOutcome checkIn(Actor me, UUID eventId, @Nullable String code) {
        Event event = lock(eventId);
        var secrets = jdbc.sql("select check_in_code, screen_secret from event where id = :id")
                .param("id", eventId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        boolean poster = code != null
                && MessageDigest.isEqual(
                        secrets[0].getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8));
        boolean screen = code != null && !poster && ScreenCodes.valid(secrets[1], eventId, code, clock.instant());
        if (!poster && !screen) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "event-code-wrong", "code");
        }
        openForCheckIn(event);
        if (organisations.isOrganiser(me.id(), event.organisationId())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "event-self-check-in", "code");
        }
        var registration = registrationOf(eventId, me.id())
                .filter(Registration::active)
                .orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, "event-walk-in-needs-organiser", "code"));
        if (registration.confirmedAt() != null) {
            return CheckInOutcome.ALREADY_CHECKED_IN;
        }
        // A check-in is a record of the person (and credits them): not before their guardian consents.
        guardians.requireConsented(me.id());
        if (poster) {
            markCheckedIn(eventId, me.id(), "POSTER", null, false);
            return CheckInOutcome.AWAITING_CONFIRMATION;
        }
        markCheckedIn(eventId, me.id(), "SCREEN", null, true);
        publisher.publishEvent(new AttendeeCheckedIn(eventId, event.organisationId(), me.id(), clock.instant(), null));
        return CheckInOutcome.CHECKED_IN;
    }

    /**
     * An organiser scans an attendee's personal code (shown on the attendee's phone): that registration, and only it,
     * is checked in and credited as organiser-verified. A code is useless to anyone else: it names its registrant.
     */
    @Transactional
    public CheckInOutcome checkInByPersonalCode(Actor me, UUID eventId, @Nullable String personalCode) {
        Event event = manageable(me, eventId);
        lock(eventId);
        Attendee attendee = attendeeByCode(me, eventId, personalCode);
        if (attendee.userId().equals(me.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "event-self-check-in", "code");
        }
        if (attendee.cancelledAt() != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "event-registration-cancelled", "code");
        }
        openForCheckIn(event);
        return confirmPresence(event, attendee.userId(), me.id(), "PERSONAL_CODE");
    }

    /** The registration a personal code belongs to, for the organiser who scanned it (404 for a code of another event). */
    public Attendee attendeeByCode(Actor me, UUID eventId, @Nullable String personalCode) {
        manageable(me, eventId);
        return jdbc.sql(ATTENDEE + " where r.event_id = :event and r.personal_code = :code")
                .param("event", eventId)
                .param("code", personalCode == null ? "" : personalCode)
                .query(Attendee.class)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "event-personal-code-unknown", "code"));
    }

    /** The caller's personal check-in code for an event they registered for. */
    public String personalCode(Actor me, UUID eventId) {
        return jdbc.sql(
                        "select personal_code from event_registration where event_id = :event and user_id = :user and cancelled_at is null")
                .param("event", eventId)
                .param("user", me.id())
                .query(String.class)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "event-not-registered", "id", eventId));
    }

    /** The code on the organiser's screen right now, and when it changes. */
    public ScreenCodes.Shown screenCode(Actor me, UUID eventId) {
        manageable(me, eventId);
        String secret = jdbc.sql("select screen_secret from event where id = :id")
                .param("id", eventId)
                .query(String.class)
                .single();
        return ScreenCodes.shown(secret, eventId, clock.instant());
    }

    /**
     * An organiser confirms the presence of attendees who checked in with the poster's code (all of them, or one),
     * which credits them as organiser-verified. Returns how many were confirmed.
     */
    @Transactional
    public int confirm(Actor me, UUID eventId, @Nullable UUID userId) {
        Event event = manageable(me, eventId);
        lock(eventId);
        var waiting = jdbc.sql("""
                        select user_id from event_registration
                        where event_id = :event and checked_in_at is not null and confirmed_at is null and cancelled_at is null
                          and (cast(:user as uuid) is null or user_id = :user) and user_id <> :me""")
                .param("event", eventId)
                .param("user", userId)
                .param("me", me.id())
                .query(UUID.class)
                .list();
        waiting.forEach(attendee -> confirmPresence(event, attendee, me.id(), "POSTER"));
        return waiting.size();
    }

    /**
     * An organiser checks in, by email, someone who registered or is a member of the organisation (someone without a
     * phone, say); capacity does not apply.
     */
    @Transactional
    public CheckInOutcome checkInByOrganiser(Actor me, UUID eventId, @Nullable String email) {
        manageable(me, eventId);
        Event event = lock(eventId);
        UUID attendee = email == null ? null : accounts.idOf(email).orElse(null);
        if (email == null || attendee == null) {
            throw Refusal.unacceptable("event-attendee-unknown", "email", email == null ? "" : email);
        }
        // An organiser vouches for someone else's presence, and only for people who registered or belong to the
        // organisation: a verified credit is not theirs to hand to anyone with an account, themselves included.
        if (attendee.equals(me.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "event-self-check-in", "email");
        }
        boolean registered =
                registrationOf(eventId, attendee).map(Registration::active).orElse(false);
        if (!registered
                && organisations.memberByEmail(event.organisationId(), email).isEmpty()) {
            throw Refusal.unacceptable("event-attendee-not-registered", "email", email);
        }
        openForCheckIn(event);
        return confirmPresence(event, attendee, me.id(), "ORGANISER");
    }

    private void openForCheckIn(Event event) {
        Instant now = clock.instant();
        if (now.isBefore(event.startsAt().minus(CHECK_IN_MARGIN))
                || now.isAfter(event.endsAt().plus(CHECK_IN_MARGIN))) {
            throw new Refusal(Refusal.Kind.CONFLICT, "event-check-in-closed", "id", event.id());
        }
    }

    /** An organiser vouches for a person's presence: checked in (if not yet), confirmed, and credited once. */
    private CheckInOutcome confirmPresence(Event event, UUID userId, UUID organiser, String method) {
        // An organiser vouching for someone under 14 whose guardian has not consented records nothing of them.
        guardians.requireConsented(userId);
        var registration = registrationOf(event.id(), userId);
        if (registration.isPresent() && registration.get().confirmedAt() != null) {
            return CheckInOutcome.ALREADY_CHECKED_IN;
        }
        boolean waiting = registration.isPresent() && registration.get().checkedInAt() != null;
        markCheckedIn(event.id(), userId, waiting ? registration.get().checkInMethod() : method, organiser, true);
        publisher.publishEvent(
                new AttendeeCheckedIn(event.id(), event.organisationId(), userId, clock.instant(), organiser));
        return CheckInOutcome.CHECKED_IN;
    }

    private void markCheckedIn(
            UUID eventId, UUID userId, @Nullable String method, @Nullable UUID organiser, boolean confirmed) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into event_registration (event_id, user_id, registered_at, checked_in_at, checked_in_by, personal_code,
                            check_in_method, confirmed_at, confirmed_by)
                        values (:event, :user, :now, :now, :by, :code, :method, :confirmedAt, :by)
                        on conflict (event_id, user_id) do update set cancelled_at = null,
                            checked_in_at = coalesce(event_registration.checked_in_at, excluded.checked_in_at),
                            checked_in_by = coalesce(event_registration.checked_in_by, excluded.checked_in_by),
                            check_in_method = coalesce(event_registration.check_in_method, excluded.check_in_method),
                            confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by""")
                .param("event", eventId)
                .param("user", userId)
                .param("now", now)
                .param("by", organiser)
                .param("code", newPersonalCode())
                .param("method", method)
                .param("confirmedAt", confirmed ? now : null)
                .update();
    }

    private String newPersonalCode() {
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Everyone who registered, with check-in and credit, for the organiser. */
    public List<Attendee> attendance(Actor me, UUID eventId) {
        manageable(me, eventId);
        return jdbc.sql(ATTENDEE + " where r.event_id = :event order by r.registered_at")
                .param("event", eventId)
                .query(ATTENDEE_ROWS)
                .list();
    }

    /** A person registered (and not cancelled) for an event. */
    public record Registrant(UUID eventId, UUID userId) {}

    /** Everyone registered for an event starting in [from, to), for reminders; soonest event first. */
    @Transactional(readOnly = true)
    public List<Registrant> registrantsOfEventsStarting(Instant from, Instant to) {
        return jdbc.sql("""
                        select r.event_id, r.user_id from event e join event_registration r on r.event_id = e.id
                        where e.starts_at >= :from and e.starts_at < :to and r.cancelled_at is null
                        order by e.starts_at, r.event_id, r.user_id""")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new Registrant(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .list();
    }

    /** Events of these communities starting in [from, to), soonest first. */
    @Transactional(readOnly = true)
    public List<Event> ofCommunitiesStarting(Collection<UUID> communityIds, Instant from, Instant to) {
        if (communityIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + """
                         where e.community_id = any(:communities) and e.starts_at >= :from and e.starts_at < :to
                        order by e.starts_at""")
                .param("communities", new SqlArrayValue("uuid", communityIds.toArray()))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(this::event)
                .list();
    }

    /** The events a person registered for, newest first. */
    public List<Event> registeredBy(UUID userId) {
        return jdbc.sql(SELECT + """
                         join event_registration r on r.event_id = e.id
                        where r.user_id = :user and r.cancelled_at is null order by e.starts_at desc""").param("user", userId).query(this::event).list();
    }

    /** Notes the outcome of crediting an attendee, shown on the attendance list. */
    @Transactional
    void noteCredit(
            UUID eventId,
            UUID userId,
            String status,
            @Nullable String reason,
            @Nullable UUID recordId,
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
        boolean known = jdbc.sql("select id from event where id = :id for update")
                .param("id", eventId)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!known) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "event-unknown", "id", eventId);
        }
        return get(eventId);
    }

    private record Valid(
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
            Map<String, BigDecimal> parameters) {

        Map<String, @Nullable Object> params() {
            var params = new HashMap<String, @Nullable Object>();
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
        // An empty unit means the behaviour's own unit (the form's field invites leaving it empty).
        String unit = strip(form.unit());
        if (unit == null && behaviour != null) {
            unit = methodology
                    .current()
                    .behaviour(behaviour)
                    .map(MethodologyVersion.Behaviour::unit)
                    .orElse(null);
        }
        Map<String, BigDecimal> parameters = form.parameters() == null ? Map.of() : Map.copyOf(form.parameters());
        if (behaviour != null) {
            checkBehaviour(behaviour, form.quantity(), unit, parameters, form.startsAt(), violations);
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        // without violations, the title, kind and both times are there
        return new Valid(
                form.communityId(),
                Objects.requireNonNull(title),
                description == null ? "" : description,
                Objects.requireNonNull(kind),
                Objects.requireNonNull(form.startsAt()).toInstant(),
                Objects.requireNonNull(form.endsAt()).toInstant(),
                place,
                url,
                form.capacity(),
                behaviour,
                behaviour == null ? null : form.quantity(),
                behaviour == null ? null : unit,
                behaviour == null ? Map.of() : parameters);
    }

    /**
     * The behaviour credited at check-in must be one an organiser can verify, with inputs within the methodology's
     * bounds, and must calculate now, so that no attendee's credit fails for want of an input.
     */
    private void checkBehaviour(
            String code,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            Map<String, BigDecimal> parameters,
            @Nullable OffsetDateTime startsAt,
            List<Violation> violations) {
        var version = methodology.current();
        var behaviour = version.behaviour(code);
        if (quantity == null) {
            violations.add(Violation.of("quantity", "field-required", "quantity"));
        }
        String chosen = unit == null && behaviour.isPresent() ? behaviour.get().unit() : unit;
        var problems = ActivityChecks.problems(
                version, code, quantity, chosen, null, parameters, ActivityChecks.Giver.PARTICIPANT, true);
        violations.addAll(problems);
        if (behaviour.isEmpty() || quantity == null || !problems.isEmpty()) {
            return;
        }
        if (!behaviour.get().evidence().contains(MethodologyVersion.EvidenceLevel.ORGANISER_VERIFIED)) {
            violations.add(Violation.of(
                    "behaviour",
                    "event-behaviour-not-verifiable",
                    behaviour.get().name()));
            return;
        }
        var day = (startsAt == null ? OffsetDateTime.now(clock) : startsAt)
                .atZoneSameInstant(ProgrammeCalendar.ZONE)
                .toLocalDate();
        var calculation = methodology.calculate(new ActivityInput(
                code, quantity, Objects.requireNonNull(chosen, "a known behaviour has a unit"), day, null, parameters));
        if (calculation instanceof Calculation.NotCredited notCredited) {
            violations.add(Violation.of(
                    notCredited.field() != null && notCredited.field().startsWith("parameters")
                            ? "parameters"
                            : "behaviour",
                    "event-behaviour-no-credit",
                    notCredited.reason().name() + " " + notCredited.detail()));
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

    private static final JsonMapper PARAMETERS = JsonMapper.builder().build();

    private Event event(ResultSet rs, int row) throws SQLException {
        String parameters = rs.getString("parameters");
        Map<String, BigDecimal> inputs = new TreeMap<>();
        if (parameters != null) {
            PARAMETERS
                    .readTree(parameters)
                    .properties()
                    .forEach(e -> inputs.put(e.getKey(), e.getValue().decimalValue()));
        }
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getObject("organisation_id", UUID.class),
                rs.getString("organisation_name"),
                rs.getObject("community_id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                Kind.valueOf(rs.getString("kind")),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                rs.getString("place"),
                rs.getString("online_url"),
                rs.getObject("capacity", Integer.class),
                rs.getString("behaviour"),
                rs.getBigDecimal("quantity"),
                rs.getString("unit"),
                inputs,
                rs.getLong("registered"),
                rs.getLong("checked_in"));
    }

    private static final RowMapper<Attendee> ATTENDEE_ROWS = new SimplePropertyRowMapper<>(Attendee.class);

    private static final String ATTENDEE = """
            select r.user_id, u.display_name as name, u.email, r.registered_at, r.cancelled_at, r.checked_in_at,
                r.checked_in_by is not null as checked_in_by_organiser, r.check_in_method, r.confirmed_at, r.credit_status,
                r.credit_reason, r.credited_grams
            from event_registration r join app_user u on u.id = r.user_id""";

    private static final String SELECT = """
            select e.id, e.organisation_id, o.name as organisation_name, e.community_id, e.title, e.description, e.kind,
                e.starts_at, e.ends_at, e.place, e.online_url, e.capacity, e.behaviour, e.quantity, e.unit, e.parameters::text as parameters,
                (select count(*) from event_registration r where r.event_id = e.id and r.cancelled_at is null) as registered,
                (select count(*) from event_registration r where r.event_id = e.id and r.confirmed_at is not null) as checked_in
            from event e join organisation o on o.id = e.organisation_id""";
}
