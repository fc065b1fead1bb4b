package org.lowcarbontogether.grants;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An award's grant agreement: signed date, amount and currency, conditions, and the signed document — a PDF (its first
 * bytes say so) of at most 10 MB, stored in PostgreSQL. Officers record it (recording again replaces it; each time
 * audited); the grantee's organisers and the programme's officers see it and download the document.
 */
@Service
public class GrantAgreements {

    static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

    public record Agreement(
            UUID awardId,
            LocalDate signedOn,
            long amountFen,
            String currency,
            String conditions,
            String documentName,
            int documentSize,
            String documentSha256,
            Instant recordedAt) {}

    public record Document(String filename, byte[] bytes) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Awards awards;
    private final Programmes programmes;
    private final AuditLog audit;

    GrantAgreements(JdbcClient jdbc, Clock clock, Awards awards, Programmes programmes, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.awards = awards;
        this.programmes = programmes;
        this.audit = audit;
    }

    /** The agreement, for the grantee's organisers and the programme's officers; empty while none is recorded. */
    @Transactional(readOnly = true)
    public Optional<Agreement> agreement(Actor me, UUID awardId) {
        awards.manageable(me, awardId);
        return find(awardId);
    }

    /** The agreement of an award whose caller was checked. */
    @Transactional(readOnly = true)
    public Optional<Agreement> find(UUID awardId) {
        return jdbc.sql("""
                        select award_id, signed_on, amount_fen, currency, conditions, document_name, document_size,
                            document_sha256, recorded_at
                        from grant_agreement where award_id = :a""")
                .param("a", awardId)
                .query((rs, n) -> new Agreement(
                        rs.getObject("award_id", UUID.class),
                        rs.getDate("signed_on").toLocalDate(),
                        rs.getLong("amount_fen"),
                        rs.getString("currency"),
                        rs.getString("conditions"),
                        rs.getString("document_name"),
                        rs.getInt("document_size"),
                        rs.getString("document_sha256"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .optional();
    }

    @Transactional(readOnly = true)
    public Document document(Actor me, UUID awardId) {
        awards.manageable(me, awardId);
        return jdbc.sql("select document_name, document from grant_agreement where award_id = :a")
                .param("a", awardId)
                .query((rs, n) -> new Document(rs.getString(1), rs.getBytes(2)))
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "agreement-unknown", "id", awardId));
    }

    /** An officer records (or corrects) the agreement with its signed PDF. */
    @Transactional
    public Agreement record(
            Actor me,
            UUID awardId,
            @Nullable LocalDate signedOn,
            @Nullable Long amountFen,
            @Nullable String currency,
            @Nullable String conditions,
            Applications.@Nullable Upload document) {
        var project = awards.project(awardId);
        programmes.officerOf(me, project.programmeId());
        var violations = new ArrayList<Violation>();
        if (signedOn == null) {
            violations.add(Violation.of("signedOn", "field-required", "signedOn"));
        }
        if (amountFen == null || amountFen <= 0 || amountFen > 1_000_000_000_000L) {
            violations.add(Violation.of("amountFen", "number-range", 1, 1_000_000_000_000L));
        }
        String code = currency == null || currency.isBlank()
                ? "CNY"
                : currency.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            violations.add(Violation.of("currency", "agreement-currency", code));
        }
        String terms = conditions == null ? "" : conditions.strip();
        if (terms.length() > 20_000) {
            violations.add(Violation.of("conditions", "text-length", 0, 20_000));
        }
        if (document == null || document.bytes().length == 0) {
            violations.add(Violation.of("document", "field-required", "document"));
        } else if (document.bytes().length > MAX_DOCUMENT_BYTES) {
            violations.add(Violation.of("document", "attachment-too-large", MAX_DOCUMENT_BYTES / (1024 * 1024)));
        } else if (!"application/pdf".equals(Applications.sniff(document.bytes()))) {
            violations.add(Violation.of("document", "agreement-pdf", document.filename()));
        }
        if (!violations.isEmpty() || signedOn == null || document == null) {
            throw Refusal.invalid(violations);
        }
        jdbc.sql("""
                        insert into grant_agreement (award_id, signed_on, amount_fen, currency, conditions, document_name,
                            document_size, document, document_sha256, recorded_by, recorded_at)
                        values (:a, :signed, :amount, :currency, :conditions, :name, :size, :bytes, :sha, :me, :now)
                        on conflict (award_id) do update set signed_on = excluded.signed_on, amount_fen = excluded.amount_fen,
                            currency = excluded.currency, conditions = excluded.conditions,
                            document_name = excluded.document_name, document_size = excluded.document_size,
                            document = excluded.document, document_sha256 = excluded.document_sha256,
                            recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""")
                .param("a", awardId)
                .param("signed", Date.valueOf(signedOn))
                .param("amount", amountFen)
                .param("currency", code)
                .param("conditions", terms)
                .param("name", Applications.safeName(document.filename()))
                .param("size", document.bytes().length)
                .param("bytes", document.bytes())
                .param("sha", Hashes.sha256(document.bytes()))
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.GRANT_AGREEMENT_RECORDED,
                project.organisationId(),
                AuditLog.Target.AWARD,
                awardId,
                Map.of(
                        "project", project.title(),
                        "signedOn", signedOn.toString(),
                        "amount", String.valueOf(amountFen),
                        "currency", code,
                        "sha256", Hashes.sha256(document.bytes())));
        return find(awardId).orElseThrow();
    }

    static List<String> currencies() {
        return List.of("CNY", "USD", "EUR", "GBP", "HKD");
    }
}
