package org.lowcarbontogether.incentives;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's points (account, every entry with its reason, days), badges, redemptions, age group and the memberships and
 * activity the rewards are judged on; and, as a sponsor, the rewards they listed and the redemptions they cancelled.
 * Deleting the account keeps the points ledger, badges and redemptions (sponsors account for them) under the account's
 * id, the holder's name replaced by the neutral one; the age group and the memberships and activity kept for
 * eligibility are deleted.
 */
@Component
class IncentivesPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    IncentivesPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("points_account", "points-account", Treatment.KEPT, "user_id"),
                Holding.of("points_entry", "points-entries", Treatment.KEPT, "user_id"),
                Holding.of("points_tally", "points-days", Treatment.KEPT, "user_id"),
                Holding.of("badge_award", "badges", Treatment.KEPT, "user_id"),
                Holding.of("redemption", "redemptions", Treatment.CLEARED, "user_id"),
                Holding.of("voucher_code", "voucher-codes", Treatment.KEPT, "issued_to"),
                Holding.of("incentive_profile", "age-group", Treatment.DELETED, "user_id"),
                Holding.of("incentive_activity", "reward-activity", Treatment.DELETED, "user_id"),
                Holding.of("incentive_community_member", "reward-community-memberships", Treatment.DELETED, "user_id"),
                Holding.of("incentive_campaign_member", "reward-campaign-memberships", Treatment.DELETED, "user_id"),
                Holding.of("reward", "rewards-listed", Treatment.KEPT, "created_by"),
                Holding.of("redemption", "redemptions-cancelled", Treatment.KEPT, "cancelled_by"),
                Holding.of("incentive_campaign", "multipliers-set", Treatment.KEPT, "multiplier_set_by"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind(
                "points-account",
                PersonalData.query(
                        jdbc,
                        "select balance, lifetime_earned, first_credit_at, updated_at from points_account where user_id = :person",
                        person));
        export.kind("points-entries", PersonalData.query(jdbc, """
                        select id, kind, points, source_kind, source_id, record_id, behaviour, day, rules_version, reason, booked_at
                        from points_entry where user_id = :person order by booked_at, id""", person));
        export.kind(
                "points-days",
                PersonalData.query(
                        jdbc,
                        "select day, behaviour, earnings, points from points_tally where user_id = :person order by day, behaviour",
                        person));
        export.kind(
                "badges",
                PersonalData.query(
                        jdbc,
                        "select badge_code, awarded_at, rules_version from badge_award where user_id = :person order by awarded_at",
                        person));
        export.kind("redemptions", PersonalData.query(jdbc, """
                        select id, reward_id, organisation_id, kind, reward_name_en, reward_name_zh, cost_points, status,
                            reference, holder_name, voucher_code, donation_amount, donation_recipient, created_at, cancelled_at
                        from redemption where user_id = :person order by created_at""", person));
        export.kind(
                "voucher-codes",
                PersonalData.query(
                        jdbc,
                        "select reward_id, code, issued_at, redemption_id from voucher_code where issued_to = :person order by issued_at",
                        person));
        export.kind(
                "age-group",
                PersonalData.query(
                        jdbc, "select age_group, updated_at from incentive_profile where user_id = :person", person));
        export.kind("reward-activity", PersonalData.query(jdbc, """
                        select kind, source_id, organisation_id, occurred_at
                        from incentive_activity where user_id = :person order by occurred_at""", person));
        export.kind("reward-community-memberships", PersonalData.query(jdbc, """
                        select community_id, organisation_id, member, changed_at
                        from incentive_community_member where user_id = :person order by changed_at""", person));
        export.kind(
                "reward-campaign-memberships",
                PersonalData.query(
                        jdbc,
                        "select campaign_id, joined_at from incentive_campaign_member where user_id = :person order by joined_at",
                        person));
        export.kind("rewards-listed", PersonalData.query(jdbc, """
                        select id, organisation_id, kind, name_en, name_zh, cost_points, valid_from, valid_until, created_at
                        from reward where created_by = :person order by created_at""", person));
        // Redemptions cancelled as a sponsor: the cancellation, not whose redemption it was.
        export.kind("redemptions-cancelled", PersonalData.query(jdbc, """
                        select id as redemption_id, reward_id, reference, cancelled_at from redemption
                        where cancelled_by = :person and user_id <> :person order by cancelled_at""", person));
        export.kind("multipliers-set", PersonalData.query(jdbc, """
                        select campaign_id, name as campaign, multiplier, multiplier_set_at
                        from incentive_campaign where multiplier_set_by = :person order by multiplier_set_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        var person = erasure.person();
        for (String table : List.of(
                "incentive_profile", "incentive_activity", "incentive_community_member", "incentive_campaign_member")) {
            jdbc.sql("delete from " + table + " where user_id = :person")
                    .param("person", person)
                    .update();
        }
        jdbc.sql("update redemption set holder_name = :name where user_id = :person")
                .param("name", DELETED_NAME)
                .param("person", person)
                .update();
    }
}
