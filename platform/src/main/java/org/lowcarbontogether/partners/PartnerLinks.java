package org.lowcarbontogether.partners;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's accounts linked to partners. A link is made when a person approves a partner on the consent page (the
 * authorisation-code flow): which scenarios they share, and a pairwise subject — random, one per link — that is all the
 * partner ever knows them by (never their id or address). The person sees every link and revokes any: from that moment
 * the partner's activities for it are refused, its authorisations are removed, and the revocation is audited.
 */
@Service
public class PartnerLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A link as stored. */
    public record Link(
            UUID id,
            UUID partnerId,
            UUID userId,
            String subject,
            List<String> scenarios,
            Instant linkedAt,
            @Nullable Instant revokedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A link as its person sees it: the partner's name and the shared scenarios in their words. */
    public record LinkView(
            UUID id,
            String partnerNameEn,
            String partnerNameZh,
            List<Partners.Scenario> scenarios,
            Instant linkedAt,
            @Nullable Instant revokedAt) {

        public String partnerName(boolean chinese) {
            return chinese ? partnerNameZh : partnerNameEn;
        }

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Partners partners;
    private final PartnerClients clients;
    private final AuditLog audit;

    PartnerLinks(JdbcClient jdbc, Clock clock, Partners partners, PartnerClients clients, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.partners = partners;
        this.clients = clients;
        this.audit = audit;
    }

    /**
     * A person approved a partner's client on the consent page for these scopes: their current link to the partner
     * now shares the scenarios among them, or a new link is made with a fresh pairwise subject.
     */
    @Transactional
    public Link approve(UUID userId, String principalName, String clientId, Collection<String> scopes) {
        var owner = clients.owner(clientId).orElseThrow(() -> Refusal.notFound("partner-client-unknown", "client_id"));
        var partner = partners.get(owner.partnerId());
        var scenarios = partner.scenarios().stream()
                .map(s -> Objects.requireNonNull(s.code()))
                .filter(code -> scopes.contains(PartnerClients.scenarioScope(code)))
                .toList();
        var current = current(partner.id(), userId);
        Instant now = clock.instant();
        if (current.isPresent()) {
            jdbc.sql("update partner_link set scenarios = :scenarios where id = :id")
                    .param("scenarios", new SqlArrayValue("text", scenarios.toArray()))
                    .param("id", current.get().id())
                    .update();
        } else {
            jdbc.sql("""
                            insert into partner_link (id, partner_id, user_id, subject, principal_name, scenarios, linked_at)
                            values (:id, :partner, :user, :subject, :principal, :scenarios, :now)""")
                    .param("id", UUID.randomUUID())
                    .param("partner", partner.id())
                    .param("user", userId)
                    .param("subject", newSubject())
                    .param("principal", principalName)
                    .param("scenarios", new SqlArrayValue("text", scenarios.toArray()))
                    .param("now", Timestamp.from(now))
                    .update();
        }
        var link = current(partner.id(), userId).orElseThrow();
        audit.record(
                userId,
                AuditLog.Action.PARTNER_LINKED,
                partner.organisationId(),
                AuditLog.Target.PARTNER_LINK,
                link.id(),
                Map.of("partner", partner.id().toString(), "scenarios", String.join(",", scenarios)));
        return link;
    }

    /**
     * What the consent page shows when a partner's client asks a person to link: the partner, the scenarios it asks
     * to share (in words), and the origins of its redirect addresses (where the page's form may end).
     */
    public record ConsentRequest(Partners.Partner partner, List<Partners.Scenario> scenarios, List<String> origins) {}

    /** The consent page's content for a client and its requested scopes (space-separated). */
    public ConsentRequest consentRequest(String clientId, String scope) {
        var owner = clients.owner(clientId).orElseThrow(() -> Refusal.notFound("partner-client-unknown", "client_id"));
        var partner = partners.get(owner.partnerId());
        if (!partner.active()) {
            throw Refusal.forbidden("partner-suspended", null);
        }
        var requested = List.of(scope.split(" "));
        var scenarios = partner.scenarios().stream()
                .filter(s -> requested.contains(PartnerClients.scenarioScope(Objects.requireNonNull(s.code()))))
                .toList();
        var origins = partner.redirectUris().stream()
                .map(java.net.URI::create)
                .map(u -> u.getScheme() + "://" + u.getAuthority())
                .distinct()
                .toList();
        return new ConsentRequest(partner, scenarios, origins);
    }

    /** The pairwise subject of a person's current link to a partner, for the partner's tokens. */
    Optional<String> subject(UUID partnerId, UUID userId) {
        return current(partnerId, userId).map(Link::subject);
    }

    Optional<Link> current(UUID partnerId, UUID userId) {
        return jdbc.sql(
                        "select * from partner_link where partner_id = :partner and user_id = :user and revoked_at is null")
                .param("partner", partnerId)
                .param("user", userId)
                .query(this::map)
                .optional();
    }

    /** The link a partner knows by this subject (revoked or not). */
    Optional<Link> bySubject(UUID partnerId, String subject) {
        return jdbc.sql("select * from partner_link where partner_id = :partner and subject = :subject")
                .param("partner", partnerId)
                .param("subject", subject)
                .query(this::map)
                .optional();
    }

    /** The links a partner knows by these subjects (revoked or not), by subject, read with one query. */
    Map<String, Link> bySubjects(UUID partnerId, Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        var found = new HashMap<String, Link>();
        jdbc.sql("select * from partner_link where partner_id = :partner and subject = any(:subjects)")
                .param("partner", partnerId)
                .param("subjects", new SqlArrayValue("text", new LinkedHashSet<>(subjects).toArray()))
                .query(this::map)
                .list()
                .forEach(link -> found.put(link.subject(), link));
        return found;
    }

    /** A link as its partner sees it: its subject, whether it is current, and the scenarios it shares. */
    public record PartnerView(
            String subject,
            List<String> scenarios,
            Instant linkedAt,
            @Nullable Instant revokedAt) {}

    /** One of the partner's links, by its subject. */
    public PartnerView forPartner(UUID partnerId, String subject) {
        var link = bySubject(partnerId, subject).orElseThrow(() -> Refusal.notFound("link-unknown", "subject"));
        return new PartnerView(link.subject(), link.scenarios(), link.linkedAt(), link.revokedAt());
    }

    /** Every link of the caller's account, current first, newest first. */
    public List<LinkView> mine(Actor me) {
        return jdbc.sql("""
                        select * from partner_link where user_id = :user
                        order by revoked_at is not null, linked_at desc""").param("user", me.id()).query(this::map).list().stream()
                .map(this::view)
                .toList();
    }

    private LinkView view(Link link) {
        var partner = partners.get(link.partnerId());
        return new LinkView(
                link.id(),
                partner.nameEn(),
                partner.nameZh(),
                link.scenarios().stream()
                        .map(partner::scenario)
                        .flatMap(Optional::stream)
                        .toList(),
                link.linkedAt(),
                link.revokedAt());
    }

    /**
     * Revokes one of the caller's links: credits from the partner stop now, the partner's authorisations and the
     * stored consent are removed (a new link needs a new consent, and gets a new subject).
     */
    @Transactional
    public LinkView revoke(Actor me, UUID linkId) {
        var link = jdbc.sql("select * from partner_link where id = :id for update")
                .param("id", linkId)
                .query(this::map)
                .optional()
                .filter(l -> l.userId().equals(me.id()))
                .orElseThrow(() -> Refusal.notFound("partner-link-unknown", "id", linkId));
        if (link.revoked()) {
            return view(link);
        }
        jdbc.sql("update partner_link set revoked_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", linkId)
                .update();
        String principal = jdbc.sql("select principal_name from partner_link where id = :id")
                .param("id", linkId)
                .query(String.class)
                .single();
        var clientIds =
                new SqlArrayValue("text", clients.clientIds(link.partnerId()).toArray());
        jdbc.sql("delete from oauth2_authorization where registered_client_id = any(:clients) and principal_name = :p")
                .param("clients", clientIds)
                .param("p", principal)
                .update();
        jdbc.sql(
                        "delete from oauth2_authorization_consent where registered_client_id = any(:clients) and principal_name = :p")
                .param("clients", clientIds)
                .param("p", principal)
                .update();
        var partner = partners.get(link.partnerId());
        audit.record(
                me.id(),
                AuditLog.Action.PARTNER_LINK_REVOKED,
                partner.organisationId(),
                AuditLog.Target.PARTNER_LINK,
                linkId,
                Map.of("partner", partner.id().toString()));
        return view(link(linkId));
    }

    private Link link(UUID id) {
        return jdbc.sql("select * from partner_link where id = :id")
                .param("id", id)
                .query(this::map)
                .single();
    }

    private Link map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        var revoked = rs.getTimestamp("revoked_at");
        return new Link(
                rs.getObject("id", UUID.class),
                rs.getObject("partner_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("subject"),
                Partners.strings(rs, "scenarios"),
                rs.getTimestamp("linked_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    private static String newSubject() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
