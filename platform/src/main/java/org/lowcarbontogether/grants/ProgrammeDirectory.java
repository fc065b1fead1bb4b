package org.lowcarbontogether.grants;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lowcarbontogether.account.ProgrammeScopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells the accounts module which programmes a role can be scoped to, and who their officers are. */
@Component
class ProgrammeDirectory implements ProgrammeScopes {

    private final JdbcClient jdbc;

    ProgrammeDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Programme> programmes() {
        return jdbc.sql("select id, name from programme order by name")
                .query((rs, n) -> new Programme(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    @Override
    public Optional<String> name(UUID programmeId) {
        return jdbc.sql("select name from programme where id = :id")
                .param("id", programmeId)
                .query(String.class)
                .optional();
    }

    @Override
    public boolean isOfficer(UUID userId, UUID programmeId) {
        return jdbc.sql("select count(*) from programme_officer where programme_id = :p and user_id = :u")
                        .param("p", programmeId)
                        .param("u", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
