package org.lowcarbontogether.account;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.PersonalData;
import org.lowcarbontogether.platform.Rows;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person deletes their account. Their password is asked again (counted like a sign-in attempt); then, in one
 * transaction, every module erases what it holds about them as it declares ({@link PersonalData}): personal data is
 * deleted or cleared, while the ledger, the records and the figures built from them stay under the account's id — a
 * pseudonym once the account no longer names anyone — so every hash chain still verifies and no programme total
 * changes. The person chooses whether their published stories are unpublished (deleted) or kept without their name.
 * The last organiser of an organisation hands it over first, as when leaving it.
 */
@Service
public class AccountDeletion {

    private final Passwords passwords;
    private final List<PersonalData> modules;
    private final JdbcClient jdbc;
    private final Clock clock;

    AccountDeletion(Passwords passwords, List<PersonalData> modules, JdbcClient jdbc, Clock clock) {
        this.passwords = passwords;
        this.modules = modules;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Deletes the account of {@code me}, asked from {@code address} with their password; 400 for a wrong password, 409
     * when they are the last organiser of an organisation (its names in the problem).
     */
    @Transactional
    public void delete(AuthenticatedUser me, String address, @Nullable String password, boolean keepPublishedStories) {
        passwords.confirm(me, address, password, "password");
        List<String> organisations = Rows.present(
                jdbc.sql("""
                        select o.name from membership m join organisation o on o.id = m.organisation_id
                        where m.user_id = :person and m.role = 'ORGANISER'
                          and not exists (select 1 from membership other where other.organisation_id = m.organisation_id
                                          and other.role = 'ORGANISER' and other.user_id <> :person)
                        order by o.name""").param("person", me.id()).query(String.class).list());
        if (!organisations.isEmpty()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "account-last-organiser", null, organisations);
        }
        erase(me.id(), keepPublishedStories);
        SecurityEvents.record(
                "account-deleted",
                me.id(),
                "published-stories=" + (keepPublishedStories ? "anonymised" : "unpublished"));
    }

    /**
     * Deletes the account of a person under 14 whose guardian refused consent ({@link GuardianConsents}), in the
     * caller's transaction: as the person's own deletion does, without a password. Nothing was recorded for them, and
     * nothing they wrote is kept.
     */
    void eraseRefusedByGuardian(UUID person) {
        erase(person, false);
        SecurityEvents.record("account-deleted", person, "guardian-refused");
    }

    /**
     * Deletes a pupil's account ({@link Pupils#erase}), in the caller's transaction: as a person's own deletion does,
     * without a password (a pupil has none they know). Nothing they wrote was ever shown to others.
     */
    void erasePupil(UUID person) {
        erase(person, false);
        SecurityEvents.record("account-deleted", person, "pupil");
    }

    private void erase(UUID person, boolean keepPublishedStories) {
        String email = Objects.requireNonNull(jdbc.sql("select email from app_user where id = :person")
                .param("person", person)
                .query(String.class)
                .single());
        var erasure = new PersonalData.Erasure(person, email, clock.instant(), keepPublishedStories);
        modules.forEach(module -> module.erase(erasure));
    }
}
