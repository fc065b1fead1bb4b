package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CopyInTests {

    private static String text(Object value) {
        var out = new CopyIn.Text(16);
        CopyIn.append(out, value);
        return out.toString();
    }

    @Test
    void valuesAreWrittenInCopyTextFormat() {
        assertThat(text(null)).isEqualTo("\\N");
        assertThat(text(Timestamp.from(Instant.parse("2026-11-28T08:30:00Z")))).isEqualTo("2026-11-28T08:30:00Z");
        assertThat(text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(text("{\"source\":\"生态环境部 2024\",\"value\":0.5703}"))
                .isEqualTo("{\"source\":\"生态环境部 2024\",\"value\":0.5703}");
    }

    @Test
    void backslashesAndLineAndTabCharactersAreEscapedWhereverTheyAre() {
        assertThat(text("\\start")).isEqualTo("\\\\start");
        assertThat(text("a\tb\nc\rd")).isEqualTo("a\\tb\\nc\\rd");
        assertThat(text("ends with\n")).isEqualTo("ends with\\n");
        assertThat(text("{\"quote\":\"say \\\"hi\\\"\"}")).isEqualTo("{\"quote\":\"say \\\\\"hi\\\\\"\"}");
        assertThat(text("碳\t足迹\\")).as("multi-byte characters around escapes").isEqualTo("碳\\t足迹\\\\");
    }
}
