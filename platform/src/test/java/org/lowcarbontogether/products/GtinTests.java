package org.lowcarbontogether.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lowcarbontogether.shared.Refusal;

class GtinTests {

    @Test
    void validNumbersOfEveryLengthAreKeptAsGtin14() {
        assertThat(Gtin.parse("4006381333931", "gtin")).isEqualTo("04006381333931");
        assertThat(Gtin.parse("96385074", "gtin")).isEqualTo("00000096385074");
        assertThat(Gtin.parse("036000291452", "gtin")).isEqualTo("00036000291452");
        assertThat(Gtin.parse("10012345678902", "gtin")).isEqualTo("10012345678902");
        assertThat(Gtin.parse(" 4006381-333931 ", "gtin"))
                .as("spaces and hyphens")
                .isEqualTo("04006381333931");
        assertThat(Gtin.parse("6901234567892", "gtin"))
                .as("a Chinese 690 prefix")
                .isEqualTo("06901234567892");
        assertThat(Gtin.printed("04006381333931")).isEqualTo("4006381333931");
        assertThat(Gtin.printed("00000096385074")).isEqualTo("96385074");
    }

    @Test
    void aWrongCheckDigitIsRefusedNamingTheRightOne() {
        assertThatThrownBy(() -> Gtin.parse("4006381333932", "gtin")).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.code()).isEqualTo("gtin-check-digit");
            assertThat(r.kind()).isEqualTo(Refusal.Kind.UNACCEPTABLE);
            assertThat(r.violations().getFirst().field()).isEqualTo("gtin");
            assertThat(r.args()).containsExactly(1);
        });
        assertThat(Gtin.valid("96385075")).isFalse();
        assertThat(Gtin.valid("036000291453")).isFalse();
    }

    @Test
    void otherMistakesHaveTheirOwnProblem() {
        assertThatThrownBy(() -> Gtin.parse(" ", "gtin"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID));
        assertThatThrownBy(() -> Gtin.parse("40063813339X1", "gtin"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("gtin-not-digits"));
        assertThatThrownBy(() -> Gtin.parse("400638133393", "gtin").length())
                .as("12 digits with a wrong check digit")
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> Gtin.parse("1234567890", "gtin")).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.code()).isEqualTo("gtin-length");
            assertThat(r.args()).containsExactly(10);
        });
    }

    @Test
    void theCheckDigitFollowsGs1() {
        assertThat(Gtin.checkDigit("400638133393")).isEqualTo(1);
        assertThat(Gtin.checkDigit("9638507")).isEqualTo(4);
        assertThat(Gtin.checkDigit("03600029145")).isEqualTo(2);
        assertThat(Gtin.checkDigit("1001234567890")).isEqualTo(2);
    }
}
