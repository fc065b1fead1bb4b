package org.lowcarbontogether.ledger;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's carbon account: its balance and every entry with its provenance and hashes, and the reversals they booked
 * on others' accounts as a reviewer. Kept unchanged when the account is deleted, under the account's id as a pseudonym:
 * each chain starts from a hash of that id, so it still verifies, and the programme's figures do not change.
 */
@Component
class LedgerPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    LedgerPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("ledger_account", "ledger-account", Treatment.KEPT, "user_id"),
                Holding.of("ledger_entry", "ledger-entries", Treatment.KEPT, "user_id"),
                Holding.of("ledger_entry", "ledger-actions", Treatment.KEPT, "actor_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind(
                "ledger-account",
                PersonalData.query(jdbc, """
                        select balance_grams, entry_count, last_hash, updated_at, :genesis as genesis_hash
                        from ledger_account where user_id = :person""", Map.of("person", person, "genesis", Ledger.genesis(person))));
        export.kind("ledger-entries", PersonalData.query(jdbc, """
                        select id, seq, kind, grams, record_id, behaviour, category, evidence, methodology_code,
                            methodology_version, provenance, occurred_at, booked_at, restatement_id, reverses, reason, actor_id,
                            prev_hash, hash
                        from ledger_entry where user_id = :person order by seq""", person));
        // Reversals booked on other people's accounts: what was done, not whose account it was.
        export.kind("ledger-actions", PersonalData.query(jdbc, """
                        select id as entry_id, kind, grams, record_id, behaviour, reason, booked_at
                        from ledger_entry where actor_id = :person and user_id <> :person order by booked_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        // Kept: see the class comment.
    }
}
