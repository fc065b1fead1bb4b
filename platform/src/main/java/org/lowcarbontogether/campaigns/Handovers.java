package org.lowcarbontogether.campaigns;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.GuardianConsents;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
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
 * Green Graduation: graduates list items they pass on (books, clothes, electronics, furniture); another participant
 * reserves one; when the receiver confirms the hand-over, the reuse is credited to the giver and the second-hand
 * acquisition to the receiver, each under its own behaviour of the methodology and the campaign's replacement rate.
 * An item the methodology has no behaviour for (furniture; books for the receiver) is handed over but not credited,
 * and says so.
 */
@Service
public class Handovers {

    public enum Category {
        BOOKS("PASS_ON_BOOKS", null),
        CLOTHES("DONATE_CLOTHES", "SECOND_HAND_CLOTHES"),
        ELECTRONICS("PASS_ON_ELECTRONICS", "SECOND_HAND_ELECTRONICS"),
        FURNITURE(null, null);

        private final @Nullable String giverBehaviour;
        private final @Nullable String receiverBehaviour;

        Category(@Nullable String giverBehaviour, @Nullable String receiverBehaviour) {
            this.giverBehaviour = giverBehaviour;
            this.receiverBehaviour = receiverBehaviour;
        }

        public @Nullable String giverBehaviour() {
            return giverBehaviour;
        }

        public @Nullable String receiverBehaviour() {
            return receiverBehaviour;
        }
    }

    public enum Status {
        LISTED,
        RESERVED,
        HANDED_OVER,
        WITHDRAWN
    }

    public record Item(
            UUID id,
            UUID campaignId,
            UUID giverId,
            String giverName,
            Category category,
            String title,
            String description,
            BigDecimal weightKg,
            Status status,
            @Nullable UUID receiverId,
            @Nullable String receiverName,
            @Nullable Instant handedOverAt,
            @Nullable String giverCredit,
            @Nullable Long giverGrams,
            @Nullable String receiverCredit,
            @Nullable Long receiverGrams) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Campaigns campaigns;
    private final Participation participation;
    private final ApplicationEventPublisher events;
    private final GuardianConsents guardians;

    Handovers(
            JdbcClient jdbc,
            Clock clock,
            Campaigns campaigns,
            Participation participation,
            ApplicationEventPublisher events,
            GuardianConsents guardians) {
        this.guardians = guardians;
        this.jdbc = jdbc;
        this.clock = clock;
        this.campaigns = campaigns;
        this.participation = participation;
        this.events = events;
    }

    @Transactional
    public Item list(
            Actor me,
            UUID campaignId,
            @Nullable String category,
            @Nullable String title,
            @Nullable String description,
            @Nullable BigDecimal weightKg) {
        var campaign = greenGraduation(campaignId);
        requireParticipant(me, campaignId);
        // A hand-over credits both people: neither may be someone whose guardian has not consented yet.
        guardians.requireConsented(me.id());
        if (campaign.over(participation.today())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "campaign-over", "id", campaignId);
        }
        var violations = new ArrayList<Violation>();
        Category parsed = null;
        if (category == null || category.isBlank()) {
            violations.add(Violation.of("category", "field-required", "category"));
        } else {
            try {
                parsed = Category.valueOf(category.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of("category", "value-unknown", category));
            }
        }
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.length() < 2 || cleanTitle.length() > 120) {
            violations.add(Violation.of("title", "text-length", 2, 120));
        }
        String cleanDescription = description == null ? "" : description.strip();
        if (cleanDescription.length() > 2000) {
            violations.add(Violation.of("description", "text-length", 0, 2000));
        }
        if (weightKg == null
                || weightKg.signum() <= 0
                || weightKg.compareTo(BigDecimal.valueOf(200)) > 0
                || weightKg.scale() > 3) {
            violations.add(Violation.of("weightKg", "handover-weight", 200));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into handover_item (id, campaign_id, giver_id, category, title, description, weight_kg, status, created_at)
                        values (:id, :campaign, :giver, :category, :title, :description, :weight, 'LISTED', :now)""")
                .param("id", id)
                .param("campaign", campaignId)
                .param("giver", me.id())
                .param(
                        "category",
                        Objects.requireNonNull(parsed, "a category without violations")
                                .name())
                .param("title", cleanTitle)
                .param("description", cleanDescription)
                .param("weight", weightKg)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return get(campaignId, id);
    }

    /** Items of a campaign, available ones first. */
    public List<Item> items(UUID campaignId) {
        return jdbc.sql(SELECT + " where i.campaign_id = :campaign order by i.status <> 'LISTED', i.created_at desc")
                .param("campaign", campaignId)
                .query(ITEM_ROWS)
                .list();
    }

    public Item get(UUID campaignId, UUID itemId) {
        return jdbc.sql(SELECT + " where i.id = :id and i.campaign_id = :campaign")
                .param("id", itemId)
                .param("campaign", campaignId)
                .query(Item.class)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "handover-item-unknown", "id", itemId));
    }

    /** Reserves a listed item for the caller; the row lock makes sure only one person gets it. */
    @Transactional
    public Item reserve(Actor me, UUID campaignId, UUID itemId) {
        requireParticipant(me, campaignId);
        guardians.requireConsented(me.id());
        Item item = locked(campaignId, itemId);
        if (item.giverId().equals(me.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "handover-own-item", "id", itemId);
        }
        if (item.status() != Status.LISTED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "handover-not-available", "id", itemId);
        }
        jdbc.sql("update handover_item set status = 'RESERVED', receiver_id = :me, reserved_at = :now where id = :id")
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", itemId)
                .update();
        return get(campaignId, itemId);
    }

    /** Gives up a reservation: the receiver changes their mind, or the giver hands it to someone else. */
    @Transactional
    public Item release(Actor me, UUID campaignId, UUID itemId) {
        Item item = locked(campaignId, itemId);
        if (item.status() != Status.RESERVED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "handover-not-reserved", "id", itemId);
        }
        if (!me.id().equals(item.receiverId()) && !me.id().equals(item.giverId())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        jdbc.sql("update handover_item set status = 'LISTED', receiver_id = null, reserved_at = null where id = :id")
                .param("id", itemId)
                .update();
        return get(campaignId, itemId);
    }

    /** The receiver confirms they have the item: the hand-over is done and both sides are credited. */
    @Transactional
    public Item confirm(Actor me, UUID campaignId, UUID itemId) {
        Item item = locked(campaignId, itemId);
        if (item.status() == Status.HANDED_OVER && me.id().equals(item.receiverId())) {
            return item;
        }
        if (item.status() != Status.RESERVED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "handover-not-reserved", "id", itemId);
        }
        if (!me.id().equals(item.receiverId())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "handover-receiver-only", null);
        }
        Instant now = clock.instant();
        jdbc.sql("update handover_item set status = 'HANDED_OVER', handed_over_at = :now where id = :id")
                .param("now", Timestamp.from(now))
                .param("id", itemId)
                .update();
        events.publishEvent(new ItemHandedOver(
                itemId, campaignId, item.giverId(), me.id(), item.category().name(), item.weightKg(), now));
        return get(campaignId, itemId);
    }

    /** The giver takes back an item nobody has received yet. */
    @Transactional
    public Item withdraw(Actor me, UUID campaignId, UUID itemId) {
        Item item = locked(campaignId, itemId);
        if (!item.giverId().equals(me.id())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        if (item.status() != Status.LISTED && item.status() != Status.RESERVED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "handover-not-available", "id", itemId);
        }
        jdbc.sql("update handover_item set status = 'WITHDRAWN', receiver_id = null, reserved_at = null where id = :id")
                .param("id", itemId)
                .update();
        return get(campaignId, itemId);
    }

    /** Notes how crediting one side went, shown with the item. */
    @Transactional
    void noteCredit(UUID itemId, boolean giver, String outcome, @Nullable Long grams) {
        jdbc.sql(
                        giver
                                ? "update handover_item set giver_credit = :outcome, giver_grams = :grams where id = :id"
                                : "update handover_item set receiver_credit = :outcome, receiver_grams = :grams where id = :id")
                .param("outcome", outcome)
                .param("grams", grams)
                .param("id", itemId)
                .update();
    }

    private Campaigns.Campaign greenGraduation(UUID campaignId) {
        var campaign = campaigns.get(campaignId);
        if (!campaign.greenGraduation()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "campaign-not-green-graduation", "id", campaignId);
        }
        return campaign;
    }

    private void requireParticipant(Actor me, UUID campaignId) {
        if (!participation.isParticipant(Scope.campaign(campaignId), me.id())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "campaign-join-first", "id", campaignId);
        }
    }

    private Item locked(UUID campaignId, UUID itemId) {
        boolean known = jdbc.sql("select id from handover_item where id = :id and campaign_id = :campaign for update")
                .param("id", itemId)
                .param("campaign", campaignId)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!known) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "handover-item-unknown", "id", itemId);
        }
        return get(campaignId, itemId);
    }

    private static final RowMapper<Item> ITEM_ROWS = new SimplePropertyRowMapper<>(Item.class);

    private static final String SELECT = """
            select i.id, i.campaign_id, i.giver_id, g.display_name as giver_name, i.category, i.title, i.description, i.weight_kg,
                i.status, i.receiver_id, r.display_name as receiver_name, i.handed_over_at, i.giver_credit, i.giver_grams,
                i.receiver_credit, i.receiver_grams
            from handover_item i join app_user g on g.id = i.giver_id left join app_user r on r.id = i.receiver_id""";
}
