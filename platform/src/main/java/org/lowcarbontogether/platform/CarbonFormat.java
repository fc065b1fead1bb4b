package org.lowcarbontogether.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.springframework.stereotype.Component;

/**
 * Amounts of CO2e in pages, as {@code ${@carbon.kg(grams, 1)}} or {@code ${@carbon.t(grams, 3)}}: every figure
 * formatted by {@link CarbonQuantity}, from the grams the ledger keeps (an average may carry a fraction of a gram).
 */
@Component("carbon")
public class CarbonFormat {

    public String kg(Number grams, int decimals) {
        return quantity(grams).kilogramsText(decimals);
    }

    public String t(Number grams, int decimals) {
        return quantity(grams).tonnesText(decimals);
    }

    private static CarbonQuantity quantity(Number grams) {
        return CarbonQuantity.ofGrams(new BigDecimal(grams.toString())
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact());
    }
}
