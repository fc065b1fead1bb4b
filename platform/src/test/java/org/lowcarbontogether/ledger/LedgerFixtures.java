package org.lowcarbontogether.ledger;

import org.lowcarbontogether.methodology.Calculation;
import tools.jackson.databind.json.JsonMapper;

/** Attested calculations for unit tests of other modules: what the ledger makes, without a database. */
public final class LedgerFixtures {

    private static final Ledger LEDGER = new Ledger(null, JsonMapper.builder().build(), null, null, null);

    private LedgerFixtures() {}

    public static Ledger.Attested attest(Calculation.Credited calculation) {
        return LEDGER.attest(calculation);
    }
}
