package org.lowcarbontogether.communities;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.EmailVerification;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.mail.Mail;
import org.lowcarbontogether.mail.Message;
import org.lowcarbontogether.mail.Recipient;
import org.lowcarbontogether.platform.Allowances;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.platform.PublicUrl;
import org.lowcarbontogether.platform.RateLimitProperties.Budget;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations to communities by email. An organiser who may manage a community invites up to 50 addresses at once,
 * with an optional note; each address is mailed — in its account's language, or the inviting page's for an address
 * without an account — a link to the community (or to registration). Whoever holds an account with the address,
 * now or after registering, sees the invitation and accepts (joining, a members-only community too, without a join
 * request) or declines (nothing is kept). Nobody joins without accepting. An invitation works for 30 days; expired
 * ones are purged whenever invitations are read or sent. Invitations are limited per organiser per day.
 */
@Service
public class CommunityInvitations {

    /** Addresses in one invitation. */
    public static final int MAX_ADDRESSES = 50;

    public static final int MAX_MESSAGE = 500;

    static final Duration LIFETIME = Duration.ofDays(30);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** An invitation as its invited person sees it. */
    public record Invitation(
            UUID id,
            UUID communityId,
            String community,
            String invitedBy,
            @Nullable String message,
            Instant invitedAt,
            Instant expiresAt) {}

    /** Why an address was not invited: already a member, or already invited (and not expired). */
    public record Skipped(String email, String reason) implements Serializable {}

    /** What inviting did: the addresses invited, and those skipped with why. */
    public record Sent(List<String> invited, List<Skipped> skipped) implements Serializable {}

    private final JdbcClient jdbc;
    private final Communities communities;
    private final Participation participation;
    private final Registration accounts;
    private final EmailVerification verification;
    private final Mail mail;
    private final PublicUrl urls;
    private final AuditLog audit;
    private final Clock clock;
    private final Budget perOrganiser;
    private final Allowances allowances;

    CommunityInvitations(
            JdbcClient jdbc,
            Communities communities,
            Participation participation,
            Registration accounts,
            EmailVerification verification,
            Mail mail,
            PublicUrl urls,
            AuditLog audit,
            Clock clock,
            Allowances allowances,
            @Value("${lct.communities.invitations-per-day:100}") int perDay) {
        this.allowances = allowances;
        this.jdbc = jdbc;
        this.communities = communities;
        this.participation = participation;
        this.accounts = accounts;
        this.verification = verification;
        this.mail = mail;
        this.urls = urls;
        this.audit = audit;
        this.clock = clock;
        this.perOrganiser = new Budget(perDay, Duration.ofDays(1));
    }

    /**
     * Invites addresses to a community the caller may manage (404 unknown, 403 another organisation's): each valid
     * address not yet a member nor invited is stored and mailed. Every malformed address is reported at once (400
     * {@code community-invitation-email-malformed}, naming it); more than {@value #MAX_ADDRESSES} addresses is 400;
     * more than the organiser's daily allowance left is 429. {@code language} is the inviting page's, used for mail to
     * addresses without an account.
     */
    @Transactional
    public Sent invite(Actor me, UUID communityId, List<String> emails, @Nullable String message, Locale language) {
        var community = communities.manageable(me, communityId);
        var addresses = new LinkedHashSet<String>();
        var violations = new ArrayList<Refusal.Violation>();
        for (String raw : emails) {
            String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (email.isEmpty()) {
                continue;
            }
            if (email.length() > 254
                    || !EMAIL.matcher(email).matches()
                    || email.chars().anyMatch(Character::isISOControl)) {
                violations.add(Refusal.Violation.of("emails", "community-invitation-email-malformed", email));
            } else {
                addresses.add(email);
            }
        }
        String note = message == null || message.isBlank() ? null : message.strip();
        if (note != null
                && (note.length() > MAX_MESSAGE
                        || note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r'))) {
            violations.add(Refusal.Violation.of("message", "community-invitation-message-invalid", MAX_MESSAGE));
        }
        if (addresses.isEmpty() && violations.isEmpty()) {
            violations.add(Refusal.Violation.of("emails", "community-invitation-emails-required"));
        }
        if (addresses.size() > MAX_ADDRESSES) {
            violations.add(Refusal.Violation.of("emails", "community-invitation-too-many", MAX_ADDRESSES));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        purgeExpired();
        var scope = Participation.Scope.community(communityId);
        var invited = new ArrayList<String>();
        var skipped = new ArrayList<Skipped>();
        var toSend = new ArrayList<String>();
        for (String email : addresses) {
            UUID account = accounts.idOf(email).orElse(null);
            if (account != null && participation.isParticipant(scope, account)) {
                skipped.add(new Skipped(email, "member"));
            } else {
                toSend.add(email);
            }
        }
        allowances.spend(
                "community-invitations:" + me.id(), perOrganiser, toSend.size(), "community-invitations-too-frequent");
        String inviter = accounts.principal(me.id()).map(p -> p.displayName()).orElse("");
        Instant now = clock.instant();
        for (String email : toSend) {
            int stored = jdbc.sql("""
                            insert into community_invitation (id, community_id, email, invited_by, message, invited_at, expires_at)
                            values (:id, :community, :email, :by, :message, :now, :expires)
                            on conflict (community_id, email) do nothing""")
                    .param("id", UUID.randomUUID())
                    .param("community", communityId)
                    .param("email", email)
                    .param("by", me.id())
                    .param("message", note)
                    .param("now", Timestamp.from(now))
                    .param("expires", Timestamp.from(now.plus(LIFETIME)))
                    .update();
            if (stored == 0) {
                skipped.add(new Skipped(email, "invited"));
                continue;
            }
            invited.add(email);
            UUID account = accounts.idOf(email).orElse(null);
            mail.enqueue(Message.to(
                            account == null ? Recipient.address(email, language) : Recipient.person(account),
                            "community-invitation")
                    .with("community", community.name())
                    .with("invitedBy", inviter)
                    .with("note", note == null ? "" : note)
                    .with("hasAccount", account != null)
                    .with(
                            "link",
                            account == null
                                    ? urls.of("/register?email="
                                            + java.net.URLEncoder.encode(
                                                    email, java.nio.charset.StandardCharsets.UTF_8))
                                    : urls.of("/communities/" + communityId))
                    .with("days", LIFETIME.toDays())
                    .subject(community.name())
                    .build());
        }
        if (!invited.isEmpty()) {
            // Only ids and a count: who was invited stays in the invitations, which are erased with their people.
            audit.record(
                    me.id(),
                    AuditLog.Action.COMMUNITY_INVITED,
                    community.organisationId(),
                    AuditLog.Target.COMMUNITY,
                    communityId,
                    Map.of("community", community.name(), "invitations", String.valueOf(invited.size())));
        }
        return new Sent(invited, skipped);
    }

    /** The caller's invitations that still work, newest first (expired ones are purged). */
    @Transactional
    public List<Invitation> mine(Actor me) {
        purgeExpired();
        return jdbc.sql(SELECT
                        + " where i.email = (select email from app_user where id = :me) order by i.invited_at desc")
                .param("me", me.id())
                .query(CommunityInvitations::invitation)
                .list();
    }

    /** How many invitations that still work wait for the caller. */
    public int waiting(Actor me) {
        return jdbc.sql("""
                        select count(*) from community_invitation
                        where email = (select email from app_user where id = :me) and expires_at > :now""")
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .query(Integer.class)
                .single();
    }

    /** The caller's invitation to this community, if one works. */
    public java.util.Optional<Invitation> to(Actor me, UUID communityId) {
        return jdbc.sql(SELECT + " where i.email = (select email from app_user where id = :me)"
                        + " and i.community_id = :community and i.expires_at > :now")
                .param("me", me.id())
                .param("community", communityId)
                .param("now", Timestamp.from(clock.instant()))
                .query(CommunityInvitations::invitation)
                .optional();
    }

    /**
     * The caller accepts an invitation addressed to their account's address: they join the community, members-only
     * too, without a join request. Only with a verified address (403 {@code email-unverified}): the invitation was
     * sent to an address, and only its holder may answer it. 404 for an invitation that is not theirs or expired.
     */
    @Transactional
    public Communities.Community accept(Actor me, UUID invitationId) {
        var invitation = take(me, invitationId, true);
        var community = communities.get(invitation.communityId());
        communities.admit(community, me.id());
        audit.record(
                me.id(),
                AuditLog.Action.COMMUNITY_INVITATION_ACCEPTED,
                community.organisationId(),
                AuditLog.Target.COMMUNITY,
                community.id(),
                Map.of("community", community.name()));
        return community;
    }

    /** The caller declines an invitation: it is deleted, nothing else is kept but the audit entry. */
    @Transactional
    public void decline(Actor me, UUID invitationId) {
        var invitation = take(me, invitationId, false);
        var community = communities.get(invitation.communityId());
        audit.record(
                me.id(),
                AuditLog.Action.COMMUNITY_INVITATION_DECLINED,
                community.organisationId(),
                AuditLog.Target.COMMUNITY,
                community.id(),
                Map.of("community", community.name()));
    }

    /** Deletes the caller's working invitation (answering it), or 404. */
    private Invitation take(Actor me, UUID invitationId, boolean accepting) {
        purgeExpired();
        var invitation = jdbc.sql(
                        SELECT + " where i.id = :id and i.email = (select email from app_user where id = :me)")
                .param("id", invitationId)
                .param("me", me.id())
                .query(CommunityInvitations::invitation)
                .optional()
                .orElseThrow(() -> Refusal.notFound("community-invitation-unknown", "id", invitationId));
        if (accepting) {
            verification.requireVerified(me.id());
        }
        jdbc.sql("delete from community_invitation where id = :id")
                .param("id", invitationId)
                .update();
        return invitation;
    }

    private void purgeExpired() {
        jdbc.sql("delete from community_invitation where expires_at <= :now")
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private static Invitation invitation(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Invitation(
                rs.getObject("id", UUID.class),
                rs.getObject("community_id", UUID.class),
                rs.getString("community"),
                rs.getString("invited_by"),
                rs.getString("message"),
                rs.getTimestamp("invited_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }

    private static final String SELECT = """
            select i.id, i.community_id, c.name as community, u.display_name as invited_by, i.message, i.invited_at,
                i.expires_at
            from community_invitation i join community c on c.id = i.community_id join app_user u on u.id = i.invited_by""";
}
