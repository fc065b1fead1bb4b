package org.lowcarbontogether.coalitions;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Organisations.Organisation;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A coalition's members. The coalition's organisers invite an organisation; that organisation's organisers accept or
 * decline; either side ends the membership. Every step is audited (target: the member organisation, in the coalition's
 * log). Only accepted members are pooled, from the day (China time) they accepted; a member that ends is taken out of
 * the pool entirely, so the pool is always the work of its current members since they joined.
 */
@Service
public class Coalitions {

    public enum State {
        INVITED,
        ACCEPTED,
        DECLINED,
        ENDED
    }

    public record Membership(
            UUID id,
            UUID coalitionId,
            String coalitionName,
            UUID organisationId,
            String organisationName,
            State state,
            Instant invitedAt,
            @Nullable LocalDate acceptedOn,
            @Nullable Instant endedAt) {

        public boolean accepted() {
            return state == State.ACCEPTED;
        }

        public boolean open() {
            return state == State.INVITED || state == State.ACCEPTED;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final Campaigns campaigns;
    private final AuditLog audit;
    private final CoalitionPool pool;

    Coalitions(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            Campaigns campaigns,
            AuditLog audit,
            CoalitionPool pool) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.campaigns = campaigns;
        this.audit = audit;
        this.pool = pool;
    }

    /** A coalition: 404 unless the organisation exists and is of kind coalition. */
    public Organisation coalition(UUID id) {
        var organisation = organisations.get(id);
        if (organisation.kind() != Organisations.Kind.COALITION) {
            throw Refusal.notFound("coalition-unknown", "id", id);
        }
        return organisation;
    }

    /** Whether the caller runs the coalition (its organisers, administrators). */
    public boolean mayManage(@Nullable Actor me, UUID coalitionId) {
        return me != null && (me.hasRole(Role.ADMIN) || organisations.isOrganiser(me.id(), coalitionId));
    }

    /** The organiser's member organisations in this coalition, invited or accepted. */
    public List<Membership> representedBy(@Nullable Actor me, UUID coalitionId) {
        if (me == null) {
            return List.of();
        }
        return memberships(coalitionId).stream()
                .filter(Membership::open)
                .filter(m -> organisations.isOrganiser(me.id(), m.organisationId()))
                .toList();
    }

    /** Invites an organisation; only the coalition's organisers may, and only one open membership per pair. */
    @Transactional
    public Membership invite(Actor me, UUID coalitionId, @Nullable UUID organisationId) {
        coalition(coalitionId);
        if (!mayManage(me, coalitionId)) {
            throw Refusal.forbidden("coalition-not-organiser", "coalitionId");
        }
        if (organisationId == null) {
            throw Refusal.invalid("field-required", "organisationId");
        }
        var member = organisations.get(organisationId);
        if (member.id().equals(coalitionId) || member.kind() == Organisations.Kind.COALITION) {
            throw Refusal.unacceptable("coalition-member-kind", "organisationId");
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            insert into coalition_member (id, coalition_id, organisation_id, state, invited_at)
                            values (:id, :coalition, :org, 'INVITED', :now)""")
                    .param("id", id)
                    .param("coalition", coalitionId)
                    .param("org", organisationId)
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw Refusal.conflict("coalition-member-exists", "organisationId");
        }
        record(me, AuditLog.Action.COALITION_MEMBER_INVITED, coalitionId, member);
        return membership(id);
    }

    /** The invited organisation's organisers accept: from today the member's work is pooled. */
    @Transactional
    public Membership accept(Actor me, UUID membershipId) {
        var membership = forMember(me, membershipId);
        if (membership.state() != State.INVITED) {
            throw Refusal.conflict("coalition-membership-not-invited", "id");
        }
        LocalDate today = ProgrammeCalendar.today(clock);
        jdbc.sql("update coalition_member set state = 'ACCEPTED', accepted_on = :today where id = :id")
                .param("today", Date.valueOf(today))
                .param("id", membershipId)
                .update();
        record(
                me,
                AuditLog.Action.COALITION_MEMBER_ACCEPTED,
                membership.coalitionId(),
                organisations.get(membership.organisationId()));
        var accepted = membership(membershipId);
        pool.follow(accepted, accepted(membership.coalitionId()));
        return accepted;
    }

    /** The invited organisation's organisers decline. */
    @Transactional
    public Membership decline(Actor me, UUID membershipId) {
        var membership = forMember(me, membershipId);
        if (membership.state() != State.INVITED) {
            throw Refusal.conflict("coalition-membership-not-invited", "id");
        }
        jdbc.sql("update coalition_member set state = 'DECLINED', ended_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", membershipId)
                .update();
        record(
                me,
                AuditLog.Action.COALITION_MEMBER_DECLINED,
                membership.coalitionId(),
                organisations.get(membership.organisationId()));
        return membership(membershipId);
    }

    /**
     * Either side ends an invited or accepted membership: the coalition's organisers, or the member's. An accepted
     * member's work leaves the pool (the pool is built again from the remaining members).
     */
    @Transactional
    public Membership end(Actor me, UUID membershipId) {
        var membership = find(membershipId);
        if (!mayManage(me, membership.coalitionId())
                && !organisations.isOrganiser(me.id(), membership.organisationId())) {
            throw Refusal.forbidden("coalition-not-organiser", "id");
        }
        if (!membership.open()) {
            throw Refusal.conflict("coalition-membership-over", "id");
        }
        jdbc.sql("update coalition_member set state = 'ENDED', ended_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", membershipId)
                .update();
        record(
                me,
                AuditLog.Action.COALITION_MEMBER_ENDED,
                membership.coalitionId(),
                organisations.get(membership.organisationId()));
        if (membership.accepted()) {
            pool.rebuild(membership.coalitionId(), accepted(membership.coalitionId()));
        }
        return membership(membershipId);
    }

    /**
     * Names an accepted member as running one of the coalition's campaigns with it (a joint campaign); only the
     * coalition's organisers may.
     */
    @Transactional
    public void joinCampaign(Actor me, UUID coalitionId, @Nullable UUID campaignId, @Nullable UUID organisationId) {
        coalition(coalitionId);
        if (!mayManage(me, coalitionId)) {
            throw Refusal.forbidden("coalition-not-organiser", "coalitionId");
        }
        if (campaignId == null || organisationId == null) {
            throw Refusal.invalid("field-required", campaignId == null ? "campaignId" : "organisationId");
        }
        var campaign = campaigns.get(campaignId);
        if (!campaign.organisationId().equals(coalitionId)) {
            throw Refusal.unacceptable("coalition-campaign-not-own", "campaignId");
        }
        if (accepted(coalitionId).stream().noneMatch(m -> m.organisationId().equals(organisationId))) {
            throw Refusal.unacceptable("coalition-not-member", "organisationId");
        }
        campaigns.addCoOrganiser(me, campaignId, organisationId);
    }

    /** The coalition's campaigns (its joint campaigns), with the members that run each. */
    public record JointCampaign(Campaigns.Campaign campaign, List<Campaigns.CoOrganiser> members) {}

    public List<JointCampaign> jointCampaigns(UUID coalitionId) {
        return campaigns.ofOrganisation(coalitionId).stream()
                .map(c -> new JointCampaign(c, campaigns.coOrganisers(c.id())))
                .toList();
    }

    public List<Membership> memberships(UUID coalitionId) {
        return jdbc.sql(SELECT + " where m.coalition_id = :c order by o.name, m.invited_at")
                .param("c", coalitionId)
                .query(this::row)
                .list();
    }

    public List<Membership> accepted(UUID coalitionId) {
        return memberships(coalitionId).stream().filter(Membership::accepted).toList();
    }

    /** The coalitions an organisation was invited to or belongs to now. */
    public List<Membership> ofOrganisation(UUID organisationId) {
        return jdbc.sql(SELECT
                        + " where m.organisation_id = :org and m.state in ('INVITED', 'ACCEPTED') order by c.name")
                .param("org", organisationId)
                .query(this::row)
                .list();
    }

    /** Every coalition, by name. */
    public List<Organisation> all() {
        return organisations.all().stream()
                .filter(o -> o.kind() == Organisations.Kind.COALITION)
                .toList();
    }

    public Membership find(UUID membershipId) {
        return jdbc.sql(SELECT + " where m.id = :id")
                .param("id", membershipId)
                .query(this::row)
                .optional()
                .orElseThrow(() -> Refusal.notFound("coalition-membership-unknown", "id", membershipId));
    }

    private Membership membership(UUID id) {
        return find(id);
    }

    /** A membership the caller answers for its organisation: 404 unknown, 403 for anyone but the member's organisers. */
    private Membership forMember(Actor me, UUID membershipId) {
        var membership = find(membershipId);
        if (!organisations.isOrganiser(me.id(), membership.organisationId())) {
            throw Refusal.forbidden("coalition-not-member-organiser", "id");
        }
        return membership;
    }

    private void record(Actor me, AuditLog.Action action, UUID coalitionId, Organisation member) {
        audit.record(
                me.id(),
                action,
                coalitionId,
                AuditLog.Target.ORGANISATION,
                member.id(),
                Map.of("coalition", coalition(coalitionId).name(), "member", member.name()));
    }

    private Membership row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        var accepted = rs.getDate("accepted_on");
        var ended = rs.getTimestamp("ended_at");
        return new Membership(
                rs.getObject("id", UUID.class),
                rs.getObject("coalition_id", UUID.class),
                rs.getString("coalition_name"),
                rs.getObject("organisation_id", UUID.class),
                rs.getString("organisation_name"),
                State.valueOf(rs.getString("state")),
                rs.getTimestamp("invited_at").toInstant(),
                accepted == null ? null : accepted.toLocalDate(),
                ended == null ? null : ended.toInstant());
    }

    private static final String SELECT = """
            select m.id, m.coalition_id, c.name as coalition_name, m.organisation_id, o.name as organisation_name, m.state,
                m.invited_at, m.accepted_on, m.ended_at
            from coalition_member m join organisation c on c.id = m.coalition_id join organisation o on o.id = m.organisation_id""";
}
