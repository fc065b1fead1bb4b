package org.lowcarbontogether.schools;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * School participation counted apart in the programme's figures: how many classes and pupils, how many pupils have a
 * ledger (recorded at least once), and the pupils' net reduction (their ledgers' balances: every entry, as the class
 * totals count them) — unknown, never zero, while no pupil has recorded. Their records are also in the programme's
 * totals; this says "of which school pupils". Public pages show it only for at least the open data's minimum group.
 */
@Service
public class SchoolParticipation {

    /** The programme's school figures. */
    public record Figures(
            long classes,
            long pupils,
            long pupilsRecorded,
            @Nullable CarbonQuantity reduction) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;

    SchoolParticipation(JdbcClient jdbc, Ledger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @Transactional(readOnly = true)
    public Figures programme() {
        long classes =
                jdbc.sql("select count(*) from school_class").query(Long.class).single();
        var pupils = jdbc.sql("select user_id from school_pupil where left_at is null")
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
        var balances = ledger.balancesInGrams(pupils);
        long grams = balances.values().stream().mapToLong(Long::longValue).sum();
        return new Figures(
                classes, pupils.size(), balances.size(), balances.isEmpty() ? null : CarbonQuantity.ofGrams(grams));
    }
}
