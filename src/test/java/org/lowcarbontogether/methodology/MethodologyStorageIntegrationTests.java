package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class MethodologyStorageIntegrationTests {

    @Autowired
    Methodology methodology;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theBundledVersionIsStoredAsPublishedWithItsHash() {
        String hash = jdbc.sql("select content_hash from methodology_version where code = 'LCT' and version = '1.0.0' and status = 'PUBLISHED'")
                .query(String.class).single();
        assertThat(hash).isEqualTo(Methodology.sha256(methodology.toJson(methodology.version("1.0.0").orElseThrow())));
        assertThat(methodology.current().version()).isEqualTo("1.0.0");
    }

    @Test
    void aPublishedVersionCannotChangeOrDisappear() {
        assertThatThrownBy(() -> jdbc.sql("update methodology_version set document = '{}'::jsonb where version = '1.0.0'").update())
                .hasMessageContaining("is published and cannot change");
        assertThatThrownBy(() -> jdbc.sql("delete from methodology_version where version = '1.0.0'").update())
                .hasMessageContaining("cannot be deleted");
    }
}
