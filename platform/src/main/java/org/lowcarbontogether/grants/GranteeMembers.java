package org.lowcarbontogether.grants;

import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.training.GranteeDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells training who may take a grantees' course: the members of an organisation holding an award. */
@Component
class GranteeMembers implements GranteeDirectory {

    private final JdbcClient jdbc;
    private final Organisations organisations;

    GranteeMembers(JdbcClient jdbc, Organisations organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    @Override
    public boolean isGranteeMember(UUID userId) {
        var theirs = organisations.of(userId).stream()
                .map(Organisations.Organisation::id)
                .toList();
        return !theirs.isEmpty()
                && jdbc.sql("""
                                select exists (
                                    select 1 from grant_award w join grant_application a on a.id = w.application_id
                                    where a.organisation_id in (:orgs))""").param("orgs", theirs).query(Boolean.class).single();
    }
}
