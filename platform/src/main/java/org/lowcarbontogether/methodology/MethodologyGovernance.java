package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.MethodologyVersion.Confidence;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;
import org.lowcarbontogether.methodology.MethodologyVersions.Status;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a methodology version comes to be: drafted (by a reviewer or administrator, from a published version or an
 * imported document), submitted for review, and published by a reviewer who is not its author — or sent back. A
 * published version can later be retired; it is never changed. Every step is kept in the version's trail.
 */
@Service
public class MethodologyGovernance {

    private final MethodologyVersions versions;
    private final Methodology methodology;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MethodologyGovernance(
            MethodologyVersions versions, Methodology methodology, ApplicationEventPublisher events, Clock clock) {
        this.versions = versions;
        this.methodology = methodology;
        this.events = events;
        this.clock = clock;
    }

    /** A version on its way to publication, with what still keeps it from being complete. */
    public record Draft(
            String code,
            String version,
            String status,
            MethodologyVersion document,
            @Nullable UUID authorId,
            Instant createdAt,
            @Nullable Instant submittedAt,
            List<String> problems,
            List<TrailEntry> trail) {}

    /** One step of a version's trail. */
    public record TrailEntry(
            String action, @Nullable UUID actorId, @Nullable String comment, Instant at) {}

    /** A correction to one factor of a draft. */
    public record FactorEdit(
            BigDecimal value,
            int year,
            String sourceId,
            @Nullable String sourceLocator,
            Confidence confidence,
            @Nullable String note) {}

    /** Drafts and versions in review, newest first. */
    public List<Draft> drafts() {
        return versions.withStatus(Status.DRAFT, Status.IN_REVIEW).stream()
                .sorted(Comparator.comparing((MethodologyVersions.Stored s) -> SemanticVersion.parse(s.version()))
                        .reversed())
                .map(this::toDraft)
                .toList();
    }

    public Draft draft(String version) {
        return toDraft(stored(version));
    }

    /** The trail of any version, published ones included. */
    public List<TrailEntry> trail(String version) {
        return versions.events(Methodology.CODE, version).stream()
                .map(e -> new TrailEntry(e.action(), e.actorId(), e.comment(), e.at()))
                .toList();
    }

    /** Starts a new version as a copy of a published one, with a new number, changelog and date it takes effect. */
    @Transactional
    public Draft createDraft(
            Actor actor, String basedOn, String newVersion, LocalizedText changelog, LocalDate effectiveFrom) {
        requireDrafter(actor);
        MethodologyVersion base = methodology
                .version(basedOn)
                .orElseThrow(() -> Refusal.unacceptable("methodology-version-unknown", "basedOn", basedOn));
        var copy = new MethodologyVersion(
                base.code(),
                newVersion,
                base.title(),
                changelog,
                effectiveFrom,
                base.sources(),
                base.factors(),
                base.behaviours(),
                base.productBaselines());
        return insertDraft(actor, copy, "CREATED_FROM " + basedOn);
    }

    /** Stores an imported document (JSON or CSV) as a new draft. */
    @Transactional
    public Draft importDraft(Actor actor, MethodologyVersion document) {
        return importDraft(actor, () -> document);
    }

    /** Imports a document read only once the actor is known to be allowed to: nobody else makes the platform parse it. */
    @Transactional
    public Draft importDraft(Actor actor, Supplier<MethodologyVersion> document) {
        requireDrafter(actor);
        return insertDraft(actor, document.get(), "IMPORTED");
    }

    /** Replaces a draft's whole document (its author only); the version number cannot change this way. */
    @Transactional
    public Draft replaceDraft(Actor actor, String version, MethodologyVersion document) {
        var stored = stored(version);
        requireAuthor(actor, stored);
        if (!document.version().equals(version) || !document.code().equals(stored.code())) {
            throw Refusal.unacceptable("methodology-version-mismatch", "version", version);
        }
        write(stored, document, actor, "REPLACED", null);
        return draft(version);
    }

    /** Corrects one factor of a draft: value, data year, source and confidence. */
    @Transactional
    public Draft editFactor(Actor actor, String version, String factorId, FactorEdit edit) {
        var stored = stored(version);
        requireAuthor(actor, stored);
        MethodologyVersion document = MethodologyDocuments.read(stored.document());
        if (document.factor(factorId).isEmpty()) {
            throw Refusal.unacceptable("methodology-factor-unknown", "factorId", factorId);
        }
        if (edit.value().signum() < 0) {
            throw Refusal.unacceptable("methodology-factor-negative", "value");
        }
        if (document.source(edit.sourceId()).isEmpty()) {
            throw Refusal.unacceptable("methodology-source-unknown", "sourceId", edit.sourceId());
        }
        var factors = new ArrayList<EmissionFactor>();
        for (EmissionFactor f : document.factors()) {
            factors.add(
                    !f.id().equals(factorId)
                            ? f
                            : new EmissionFactor(
                                    f.id(),
                                    f.activity(),
                                    f.name(),
                                    edit.value(),
                                    f.massUnit(),
                                    f.perUnit(),
                                    f.gasBasis(),
                                    f.region(),
                                    edit.year(),
                                    f.purpose(),
                                    edit.sourceId(),
                                    edit.sourceLocator(),
                                    edit.confidence(),
                                    f.proxy(),
                                    f.derivation(),
                                    edit.note(),
                                    f.validFrom(),
                                    f.validTo()));
        }
        var edited = new MethodologyVersion(
                document.code(),
                document.version(),
                document.title(),
                document.changelog(),
                document.effectiveFrom(),
                document.sources(),
                factors,
                document.behaviours(),
                document.productBaselines());
        write(
                stored,
                edited,
                actor,
                "FACTOR_EDITED",
                factorId + " = " + edit.value().toPlainString() + " (" + edit.year() + ")");
        return draft(version);
    }

    /** Sends a complete draft to review (its author only). */
    @Transactional
    public Draft submit(Actor actor, String version, @Nullable String comment) {
        var stored = stored(version);
        requireAuthor(actor, stored);
        List<String> problems = MethodologyValidation.problems(MethodologyDocuments.read(stored.document()));
        if (!problems.isEmpty()) {
            throw new Refusal(
                    Refusal.Kind.UNACCEPTABLE,
                    "methodology-incomplete",
                    List.of(),
                    Map.of("problems", problems),
                    version);
        }
        move(stored, Status.DRAFT, Status.IN_REVIEW, actor, "SUBMITTED", comment);
        return draft(version);
    }

    /** Publishes a version in review: a reviewer who is not its author. Published versions never change. */
    @Transactional
    public void approve(Actor actor, String version, @Nullable String comment) {
        var stored = stored(version);
        requireIndependentReviewer(actor, stored);
        MethodologyValidation.check(MethodologyDocuments.read(stored.document()));
        move(stored, Status.IN_REVIEW, Status.PUBLISHED, actor, "PUBLISHED", comment);
        reloadAfterCommit();
        events.publishEvent(new MethodologyPublished(stored.code(), version, Status.PUBLISHED.name(), clock.instant()));
    }

    /** Sends a version in review back to its author with the reviewer's reasons. */
    @Transactional
    public Draft reject(Actor actor, String version, String comment) {
        var stored = stored(version);
        requireIndependentReviewer(actor, stored);
        if (comment == null || comment.isBlank()) {
            throw Refusal.invalid("methodology-comment-required", "comment");
        }
        move(stored, Status.IN_REVIEW, Status.DRAFT, actor, "RETURNED", comment);
        return draft(version);
    }

    /** Retires a published version: records keep it, new records no longer use it. One version must stay in use. */
    @Transactional
    public void retire(Actor actor, String version, String comment) {
        if (!actor.hasRole(Role.REVIEWER) && !actor.hasRole(Role.ADMIN)) {
            throw forbidden();
        }
        var stored = versions.find(Methodology.CODE, version)
                .orElseThrow(
                        () -> new Refusal(Refusal.Kind.NOT_FOUND, "methodology-version-unknown", "version", version));
        long inUse = versions.withStatus(Status.PUBLISHED).size();
        if (stored.status() == Status.PUBLISHED && inUse <= 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, "methodology-last-version", "version", version);
        }
        move(stored, Status.PUBLISHED, Status.RETIRED, actor, "RETIRED", comment);
        reloadAfterCommit();
        events.publishEvent(new MethodologyPublished(stored.code(), version, Status.RETIRED.name(), clock.instant()));
    }

    /** Calculations switch to the new state only once it is committed. */
    private void reloadAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                methodology.reload();
            }
        });
    }

    private Draft insertDraft(Actor actor, MethodologyVersion document, String action) {
        SemanticVersion number;
        try {
            number = SemanticVersion.parse(document.version());
        } catch (IllegalArgumentException e) {
            throw Refusal.unacceptable("methodology-version-format", "version", document.version());
        }
        if (!document.code().equals(Methodology.CODE)) {
            throw Refusal.unacceptable("methodology-code", "code", document.code());
        }
        if (versions.find(document.code(), document.version()).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "methodology-version-exists", "version", document.version());
        }
        SemanticVersion latest = versions.all().stream()
                .map(s -> SemanticVersion.parse(s.version()))
                .max(Comparator.naturalOrder())
                .orElse(new SemanticVersion(0, 0, 0));
        if (number.compareTo(latest) <= 0) {
            throw Refusal.unacceptable(
                    "methodology-version-not-newer", "version", document.version(), latest.toString());
        }
        String json = MethodologyDocuments.write(document);
        Instant now = clock.instant();
        versions.insert(
                document.code(), document.version(), Status.DRAFT, json, Methodology.sha256(json), actor.id(), now);
        versions.event(document.code(), document.version(), action, actor.id(), null, now);
        return draft(document.version());
    }

    private void write(
            MethodologyVersions.Stored stored,
            MethodologyVersion document,
            Actor actor,
            String action,
            @Nullable String comment) {
        String json = MethodologyDocuments.write(document);
        if (!versions.replaceDraft(stored.code(), stored.version(), json, Methodology.sha256(json))) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "methodology-wrong-status",
                    "version",
                    stored.version(),
                    stored.status().name());
        }
        versions.event(stored.code(), stored.version(), action, actor.id(), comment, clock.instant());
    }

    private void move(
            MethodologyVersions.Stored stored,
            Status from,
            Status to,
            Actor actor,
            String action,
            @Nullable String comment) {
        Instant now = clock.instant();
        if (!versions.transition(stored.code(), stored.version(), from, to, actor.id(), now)) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "methodology-wrong-status",
                    "version",
                    stored.version(),
                    stored.status().name());
        }
        versions.event(stored.code(), stored.version(), action, actor.id(), comment, now);
    }

    private MethodologyVersions.Stored stored(String version) {
        var stored = versions.find(Methodology.CODE, version)
                .orElseThrow(
                        () -> new Refusal(Refusal.Kind.NOT_FOUND, "methodology-version-unknown", "version", version));
        if (stored.status() != Status.DRAFT && stored.status() != Status.IN_REVIEW) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "methodology-wrong-status",
                    "version",
                    version,
                    stored.status().name());
        }
        return stored;
    }

    private Draft toDraft(MethodologyVersions.Stored stored) {
        MethodologyVersion document = MethodologyDocuments.read(stored.document());
        return new Draft(
                stored.code(),
                stored.version(),
                stored.status().name(),
                document,
                stored.authorId(),
                stored.createdAt(),
                stored.submittedAt(),
                MethodologyValidation.problems(document),
                trail(stored.version()));
    }

    private static void requireDrafter(Actor actor) {
        if (!actor.hasRole(Role.REVIEWER) && !actor.hasRole(Role.ADMIN)) {
            throw forbidden();
        }
    }

    private static void requireAuthor(Actor actor, MethodologyVersions.Stored stored) {
        requireDrafter(actor);
        if (!actor.id().equals(stored.authorId()) && !actor.hasRole(Role.ADMIN)) {
            throw forbidden();
        }
    }

    private static void requireIndependentReviewer(Actor actor, MethodologyVersions.Stored stored) {
        if (!actor.hasRole(Role.REVIEWER)) {
            throw forbidden();
        }
        if (actor.id().equals(stored.authorId())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "methodology-own-version", "version", stored.version());
        }
    }

    private static Refusal forbidden() {
        return new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
    }
}
