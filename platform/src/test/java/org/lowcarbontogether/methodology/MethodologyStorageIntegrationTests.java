package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class MethodologyStorageIntegrationTests {

    @Autowired
    Methodology methodology;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theBundledVersionsAreStoredAsPublishedWithTheirHashes() {
        for (String version : new String[] {"1.0.0", "1.1.0"}) {
            String hash = jdbc.sql(
                            "select content_hash from methodology_version where code = 'LCT' and version = :v and status = 'PUBLISHED'")
                    .param("v", version)
                    .query(String.class)
                    .single();
            assertThat(hash)
                    .isEqualTo(Methodology.sha256(
                            methodology.toJson(methodology.version(version).orElseThrow())));
        }
    }

    @Test
    void newRecordsUseTheLatestVersionInEffect() {
        var today = LocalDate.now(ProgrammeCalendar.ZONE);
        var expected = methodology.history().stream()
                .filter(p -> !p.retired() && !p.version().effectiveFrom().isAfter(today))
                .findFirst()
                .orElseThrow()
                .version()
                .version();
        assertThat(methodology.current().version()).isEqualTo(expected);
        assertThat(Methodology.compareVersions(methodology.current().version(), "1.1.0"))
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void aPublishedVersionCannotChangeOrDisappear() {
        assertThatThrownBy(
                        () -> jdbc.sql("update methodology_version set document = '{}'::jsonb where version = '1.0.0'")
                                .update())
                .hasMessageContaining("is published and cannot change");
        assertThatThrownBy(() -> jdbc.sql("delete from methodology_version where version = '1.0.0'")
                        .update())
                .hasMessageContaining("cannot be deleted");
    }
}
