package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuditTrail;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.People;
import org.lowcarbontogether.account.RoleGrants;
import org.lowcarbontogether.shared.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administration console's API: people and their roles (administrators; programme officers for the reviewer
 * role), suspensions (administrators), and the audit log (administrators; an organisation's organisers read theirs).
 */
@RestController
@Tag(name = "Administration", description = "People, roles, suspensions and the audit log")
class AdminApiController {

    record NewSuspension(@Nullable String reason) {}

    /** A person in search results. */
    record PersonView(
            UUID id,
            String displayName,
            String email,
            Set<Role> roles,
            Instant createdAt,
            @Nullable Instant suspendedAt) {

        static PersonView of(People.Found found) {
            return new PersonView(
                    found.id(),
                    found.displayName(),
                    found.email(),
                    found.roles(),
                    found.createdAt(),
                    found.suspendedAt());
        }
    }

    record PeoplePage(List<PersonView> people, int page, boolean hasNext) {}

    /** One audit entry with the names it refers to, as they are now. */
    record AuditEntryView(
            long id,
            Instant at,
            String action,
            @Nullable UUID actorId,
            @Nullable String actorName,
            @Nullable String actorEmail,
            @Nullable UUID organisationId,
            @Nullable String organisationName,
            String targetKind,
            UUID targetId,
            @Nullable String targetName,
            Map<String, String> detail) {

        static AuditEntryView of(AuditTrail.Line line) {
            return of(line, true);
        }

        /** Organisers read names only: whoever acted in their organisation (an administrator) keeps their address. */
        static AuditEntryView withoutEmails(AuditTrail.Line line) {
            return of(line, false);
        }

        private static AuditEntryView of(AuditTrail.Line line, boolean emails) {
            var e = line.entry();
            var actor = line.actor();
            return new AuditEntryView(
                    e.id(),
                    e.at(),
                    e.action().code(),
                    e.actorId(),
                    actor == null ? null : actor.displayName(),
                    actor == null || !emails ? null : actor.email(),
                    e.organisationId(),
                    line.organisationName(),
                    e.target().name(),
                    e.targetId(),
                    line.targetName(),
                    e.detail());
        }
    }

    record AuditPage(List<AuditEntryView> entries, int page, boolean hasNext) {

        static AuditPage of(AuditTrail.Lines lines, Function<AuditTrail.Line, AuditEntryView> view) {
            return new AuditPage(lines.lines().stream().map(view).toList(), lines.page(), lines.hasNext());
        }
    }

    private final People people;
    private final RoleGrants roles;
    private final AuditTrail trail;

    AdminApiController(People people, RoleGrants roles, AuditTrail trail) {
        this.people = people;
        this.roles = roles;
        this.trail = trail;
    }

    @GetMapping("/api/v1/admin/people")
    @Operation(summary = "Find people by email or name, 25 a page (administrators and programme officers)")
    PeoplePage search(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page) {
        var results = people.search(me, q, Math.min(page, 100_000));
        return new PeoplePage(
                results.people().stream().map(PersonView::of).toList(), results.page(), results.hasNext());
    }

    @GetMapping("/api/v1/admin/people/{id}")
    @Operation(summary = "A person: roles with their scopes, memberships, suspension")
    People.Person person(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return people.get(me, id);
    }

    @PostMapping("/api/v1/admin/people/{id}/roles")
    @Operation(
            summary = "Grant a role (REVIEWER, PROGRAMME_OFFICER, SPONSOR, PARTNER, PRODUCT_REVIEWER, ADMIN) on the "
                    + "PLATFORM or for a PROGRAMME or ORGANISATION (scopeId)",
            description = "Administrators grant any of them; programme officers grant REVIEWER on the platform or for "
                    + "a programme they run. Granting what the person already holds in that scope changes nothing.")
    ResponseEntity<RoleGrants.Grant> grant(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestBody RoleGrants.Change change) {
        var grant = roles.grant(me, id, change);
        return ResponseEntity.created(URI.create("/api/v1/admin/people/" + id)).body(grant);
    }

    @DeleteMapping("/api/v1/admin/people/{id}/roles/{role}")
    @Operation(summary = "Withdraw a role in a scope (scope PLATFORM when absent; never the last administrator's)")
    ResponseEntity<Void> withdraw(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @PathVariable String role,
            @RequestParam(required = false) @Nullable String scope,
            @RequestParam(required = false) @Nullable UUID scopeId) {
        roles.withdraw(me, id, new RoleGrants.Change(role, scope, scopeId));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/v1/admin/people/{id}/suspension")
    @Operation(summary = "Suspend a person with a reason (administrators; never themselves)")
    ResponseEntity<Void> suspend(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @RequestBody NewSuspension body) {
        people.suspend(me, id, body.reason());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/admin/people/{id}/suspension")
    @Operation(summary = "Reinstate a suspended person (administrators)")
    ResponseEntity<Void> reinstate(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        people.reinstate(me, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/audit")
    @Operation(
            summary = "Search the audit log, newest first, 50 a page (administrators)",
            description = "person: an email or id (as actor or as the one acted on); action: a code such as "
                    + "role-granted; from and to: days, inclusive, China Standard Time.")
    AuditPage audit(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String person,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable UUID organisation,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(defaultValue = "0") int page) {
        return AuditPage.of(
                trail.search(
                        me, new AuditTrail.Filter(person, action, organisation, from, to), Math.min(page, 100_000)),
                AuditEntryView::of);
    }

    @GetMapping("/api/v1/admin/audit/export")
    @Operation(summary = "The same search as CSV, every entry (administrators)")
    void export(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String person,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable UUID organisation,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            HttpServletResponse response)
            throws IOException {
        var export = trail.export(me, new AuditTrail.Filter(person, action, organisation, from, to));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("audit.csv").build().toString());
        export.writeTo(response.getWriter());
    }

    @GetMapping("/api/v1/organisations/{id}/audit")
    @Operation(summary = "An organisation's audit entries, newest first, 50 a page (its organisers)")
    AuditPage organisationAudit(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page) {
        return AuditPage.of(trail.ofOrganisation(me, id, Math.min(page, 100_000)), AuditEntryView::withoutEmails);
    }
}
