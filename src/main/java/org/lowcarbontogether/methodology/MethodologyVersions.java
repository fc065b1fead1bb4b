package org.lowcarbontogether.methodology;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored methodology versions: each a JSON document with its status and content hash. */
@Repository
class MethodologyVersions {

    /** A stored version row. */
    record Stored(String code, String version, String status, String document, String contentHash) {}

    private final JdbcClient jdbc;

    MethodologyVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String code, String version) {
        return jdbc.sql("""
                        select code, version, status, document::text as document, content_hash
                        from methodology_version where code = :code and version = :version""")
                .param("code", code)
                .param("version", version)
                .query(Stored.class)
                .optional();
    }

    List<Stored> published() {
        return jdbc.sql("""
                        select code, version, status, document::text as document, content_hash
                        from methodology_version where status in ('PUBLISHED', 'RETIRED')""")
                .query(Stored.class)
                .list();
    }

    void insertPublished(String code, String version, String document, String contentHash) {
        jdbc.sql("""
                        insert into methodology_version (code, version, status, document, content_hash, published_at)
                        values (:code, :version, 'PUBLISHED', cast(:document as jsonb), :hash, now())""")
                .param("code", code)
                .param("version", version)
                .param("document", document)
                .param("hash", contentHash)
                .update();
    }
}
