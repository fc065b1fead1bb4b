package org.lowcarbontogether.grants;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review: officers assign reviewers; a reviewer first declares whether they have a conflict of interest (a declared
 * conflict ends their part), then scores each criterion 0–10 with comments. Applications are ranked by their weighted
 * average score, as a percentage.
 */
@Service
public class Reviews {

    public record Assignment(
            UUID applicationId,
            UUID reviewerId,
            String reviewerName,
            Instant assignedAt,
            @Nullable Instant coiDeclaredAt,
            @Nullable Boolean hasConflict,
            @Nullable String conflictNote,
            @Nullable Instant submittedAt) {

        public boolean mayScore() {
            return coiDeclaredAt != null && Boolean.FALSE.equals(hasConflict);
        }
    }

    public record Score(int position, int score, String comment) {}

    public record Review(
            UUID reviewerId,
            String reviewerName,
            List<Score> scores,
            @Nullable BigDecimal weightedPercent) {}

    public record Ranked(
            int rank,
            Applications.Application application,
            @Nullable BigDecimal weightedPercent,
            int reviews) {}

    public record ScoreForm(
            @Nullable Integer position,
            @Nullable Integer score,
            @Nullable String comment) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Applications applications;
    private final GrantCalls calls;
    private final Programmes programmes;
    private final Registration accounts;
    private final Organisations organisations;
    private final ApplicationEventPublisher events;

    Reviews(
            JdbcClient jdbc,
            Clock clock,
            Applications applications,
            GrantCalls calls,
            Programmes programmes,
            Registration accounts,
            Organisations organisations,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.applications = applications;
        this.calls = calls;
        this.programmes = programmes;
        this.accounts = accounts;
        this.organisations = organisations;
    }

    /** An officer assigns a reviewer (by email; they need the reviewer role) to an application of their programme. */
    @Transactional
    public Assignment assign(Actor me, UUID applicationId, @Nullable String email) {
        var application = applications.lock(applicationId);
        programmes.officerOf(me, application.programmeId());
        String address = email == null ? "" : email;
        UUID reviewer = accounts.idOf(address)
                .orElseThrow(() -> Refusal.unacceptable("organisation-member-unknown", "email", address));
        String roles = jdbc.sql("select roles from app_user where id = :id")
                .param("id", reviewer)
                .query(String.class)
                .single();
        if (!(',' + roles + ',').contains(",REVIEWER,")) {
            throw Refusal.unacceptable("review-not-reviewer", "email", address);
        }
        // Four eyes: the officer who decides does not also review, and nobody reviews their own organisation's
        // application.
        if (reviewer.equals(me.id())) {
            throw Refusal.unacceptable("review-self", "email", address);
        }
        if (organisations.isMember(reviewer, application.organisationId())) {
            throw Refusal.unacceptable("review-member-of-applicant", "email", address);
        }
        Instant now = clock.instant();
        int assigned = jdbc.sql("""
                        insert into review_assignment (application_id, reviewer_id, assigned_by, assigned_at)
                        values (:a, :r, :me, :now) on conflict do nothing""")
                .param("a", applicationId)
                .param("r", reviewer)
                .param("me", me.id())
                .param("now", Timestamp.from(now))
                .update();
        if (assigned == 1) {
            events.publishEvent(
                    new ReviewerAssigned(applicationId, reviewer, application.title(), application.callTitle(), now));
        }
        if (application.status() == Applications.Status.SUBMITTED) {
            applications.setStatus(applicationId, Applications.Status.UNDER_REVIEW, null);
        }
        return assignment(applicationId, reviewer).orElseThrow();
    }

    /** The reviewer declares, before seeing more than the application, whether they have a conflict of interest. */
    @Transactional
    public Assignment declare(Actor me, UUID applicationId, @Nullable Boolean hasConflict, @Nullable String note) {
        var assignment = mine(me, applicationId);
        if (assignment.coiDeclaredAt() != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "review-coi-declared", null);
        }
        if (hasConflict == null) {
            throw Refusal.invalid(List.of(Violation.of("hasConflict", "field-required", "hasConflict")));
        }
        if (hasConflict && (note == null || note.isBlank())) {
            throw Refusal.invalid(List.of(Violation.of("conflictNote", "review-conflict-note")));
        }
        jdbc.sql("""
                        update review_assignment set coi_declared_at = :now, has_conflict = :c, conflict_note = :n
                        where application_id = :a and reviewer_id = :r""")
                .param("now", Timestamp.from(clock.instant()))
                .param("c", hasConflict)
                .param("n", note == null || note.isBlank() ? null : note.strip())
                .param("a", applicationId)
                .param("r", me.id())
                .update();
        return assignment(applicationId, me.id()).orElseThrow();
    }

    /** Scores every criterion of the call (0–10, with a comment); scoring again replaces the reviewer's scores. */
    @Transactional
    public Review score(Actor me, UUID applicationId, List<ScoreForm> scores) {
        var assignment = mine(me, applicationId);
        if (!assignment.mayScore()) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    assignment.coiDeclaredAt() == null ? "review-coi-first" : "review-conflicted",
                    null);
        }
        var application = applications.find(applicationId);
        if (application.status() == Applications.Status.AWARDED
                || application.status() == Applications.Status.DECLINED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "review-decided", null);
        }
        var criteria = calls.get(application.callId()).criteria();
        var violations = new ArrayList<Violation>();
        for (var criterion : criteria) {
            var given = scores.stream()
                    .filter(s -> s.position() != null && s.position() == criterion.position())
                    .findFirst();
            if (given.isEmpty()
                    || given.get().score() == null
                    || given.get().score() < 0
                    || given.get().score() > 10) {
                violations.add(Violation.of("scores[" + criterion.position() + "]", "number-range", 0, 10));
            }
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        jdbc.sql("delete from review_score where application_id = :a and reviewer_id = :r")
                .param("a", applicationId)
                .param("r", me.id())
                .update();
        for (var criterion : criteria) {
            var given = scores.stream()
                    .filter(s -> s.position() != null && s.position() == criterion.position())
                    .findFirst()
                    .orElseThrow();
            jdbc.sql("""
                            insert into review_score (application_id, reviewer_id, position, score, comment)
                            values (:a, :r, :p, :s, :c)""")
                    .param("a", applicationId)
                    .param("r", me.id())
                    .param("p", criterion.position())
                    .param("s", given.score())
                    .param("c", given.comment() == null ? "" : given.comment().strip())
                    .update();
        }
        jdbc.sql("update review_assignment set submitted_at = :now where application_id = :a and reviewer_id = :r")
                .param("now", Timestamp.from(clock.instant()))
                .param("a", applicationId)
                .param("r", me.id())
                .update();
        return reviews(applicationId).stream()
                .filter(r -> r.reviewerId().equals(me.id()))
                .findFirst()
                .orElseThrow();
    }

    public List<Assignment> assignments(UUID applicationId) {
        return jdbc.sql(ASSIGNMENT + " where r.application_id = :a order by r.assigned_at")
                .param("a", applicationId)
                .query(ASSIGNMENT_ROWS)
                .list();
    }

    public Optional<Assignment> assignment(UUID applicationId, UUID reviewerId) {
        return jdbc.sql(ASSIGNMENT + " where r.application_id = :a and r.reviewer_id = :r")
                .param("a", applicationId)
                .param("r", reviewerId)
                .query(Assignment.class)
                .optional();
    }

    private Assignment mine(Actor me, UUID applicationId) {
        applications.visible(me, applicationId);
        return assignment(applicationId, me.id())
                .orElseThrow(() -> new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null));
    }

    /** Every submitted review of an application with its weighted score; for the programme's officers. */
    public List<Review> reviews(UUID applicationId) {
        var application = applications.find(applicationId);
        var criteria = calls.get(application.callId()).criteria();
        var assignments = assignments(applicationId);
        var reviews = new ArrayList<Review>();
        for (var a : assignments) {
            var scores = jdbc.sql(
                            "select position, score, comment from review_score where application_id = :a and reviewer_id = :r order by position")
                    .param("a", applicationId)
                    .param("r", a.reviewerId())
                    .query(SCORE_ROWS)
                    .list();
            if (scores.isEmpty()) {
                continue;
            }
            reviews.add(new Review(a.reviewerId(), a.reviewerName(), scores, weighted(criteria, scores)));
        }
        return reviews;
    }

    /** Σ weight × score / 10, as a percentage with one decimal. */
    static BigDecimal weighted(List<GrantCalls.Criterion> criteria, List<Score> scores) {
        long total = 0;
        for (var c : criteria) {
            total += (long) c.weight()
                    * scores.stream()
                            .filter(s -> s.position() == c.position())
                            .mapToInt(Score::score)
                            .findFirst()
                            .orElse(0);
        }
        return BigDecimal.valueOf(total).divide(BigDecimal.TEN, 1, RoundingMode.HALF_EVEN);
    }

    /** The call's applications ranked by the mean of their reviewers' weighted scores; unreviewed ones last. */
    public List<Ranked> ranking(Actor me, UUID callId) {
        var list = applications.ofCall(me, callId);
        var scored = new ArrayList<Ranked>();
        for (var application : list) {
            var reviews = reviews(application.id());
            BigDecimal mean = reviews.isEmpty()
                    ? null
                    : reviews.stream()
                            .map(Review::weightedPercent)
                            .reduce(BigDecimal.ZERO, BigDecimal::add)
                            .divide(BigDecimal.valueOf(reviews.size()), 1, RoundingMode.HALF_EVEN);
            scored.add(new Ranked(0, application, mean, reviews.size()));
        }
        scored.sort(Comparator.comparing(Ranked::weightedPercent, Comparator.nullsLast(Comparator.reverseOrder())));
        var ranked = new ArrayList<Ranked>();
        for (int i = 0; i < scored.size(); i++) {
            var r = scored.get(i);
            int rank = i > 0
                            && r.weightedPercent() != null
                            && r.weightedPercent().equals(scored.get(i - 1).weightedPercent())
                    ? ranked.get(i - 1).rank()
                    : i + 1;
            ranked.add(new Ranked(rank, r.application(), r.weightedPercent(), r.reviews()));
        }
        return ranked;
    }

    private static final RowMapper<Assignment> ASSIGNMENT_ROWS = new SimplePropertyRowMapper<>(Assignment.class);
    private static final RowMapper<Score> SCORE_ROWS = new SimplePropertyRowMapper<>(Score.class);

    private static final String ASSIGNMENT = """
            select r.application_id, r.reviewer_id, u.display_name as reviewer_name, r.assigned_at, r.coi_declared_at, r.has_conflict,
                r.conflict_note, r.submitted_at
            from review_assignment r join app_user u on u.id = r.reviewer_id""";
}
