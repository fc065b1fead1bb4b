package org.lowcarbontogether.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts: checks the address, name and password, hashes the password and announces the new user. */
@Service
public class Registration {

    /** A practical address check: one @, a dotted domain, no spaces; at most 254 characters (RFC 5321). */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    static final int MAX_NAME = 60;

    private final Users users;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final EmailVerification verification;
    private final Consents consents;
    private final GuardianConsents guardians;

    Registration(
            Users users,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            Clock clock,
            EmailVerification verification,
            Consents consents,
            GuardianConsents guardians) {
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
        this.verification = verification;
        this.consents = consents;
        this.guardians = guardians;
    }

    /**
     * What someone types to sign up, and the language they use (the page's or the request's): mail to them is written in
     * it, {@code en} or {@code zh-CN}; English when absent. {@code under14}: whether they are under 14 — then
     * {@code guardianEmail} names the parent or guardian who must consent ({@link GuardianConsents}); {@code null} when
     * the person did not say (refused: the registration page asks), false for someone 14 or older.
     */
    public record SignUp(
            String email,
            String displayName,
            String password,
            @Nullable Locale language,
            @Nullable Boolean under14,
            @Nullable String guardianEmail) {

        /** Someone 14 or older, writing in {@code language}. */
        public SignUp(String email, String displayName, String password, @Nullable Locale language) {
            this(email, displayName, password, language, false, null);
        }

        /** Someone 14 or older. */
        public SignUp(String email, String displayName, String password) {
            this(email, displayName, password, null);
        }
    }

    /** A newly created account. */
    public record Registered(UUID id, String email, String displayName) {}

    /**
     * Registers a participant who signs up themselves and accepts the current privacy notice by registering; invalid
     * fields are reported together, a taken email as 409. The account works at once, and a link to verify the address
     * is sent to it ({@link EmailVerification}).
     */
    @Transactional
    public Registered register(SignUp signUp) {
        return register(signUp, Consents.How.REGISTRATION);
    }

    /** Registers a participant who signs up themselves and accepted the current privacy notice in the way {@code how} says. */
    @Transactional
    public Registered register(SignUp signUp, Consents.How how) {
        var registered = register(signUp, EnumSet.of(Role.PARTICIPANT), false);
        consents.record(registered.id(), how);
        return registered;
    }

    /**
     * Registers an account the platform's operator sets up — the first administrator, demo staff — with these roles: its
     * address counts as verified and no mail is sent. They have not seen the privacy notice: they are asked to accept it
     * when they first sign in.
     */
    @Transactional
    public Registered register(SignUp signUp, Set<Role> roles) {
        return register(signUp, roles, true);
    }

    private Registered register(SignUp signUp, Set<Role> roles, boolean verified) {
        String email = normalise(signUp.email());
        String name = signUp.displayName() == null ? "" : signUp.displayName().strip();
        String password = signUp.password() == null ? "" : signUp.password();
        List<Violation> violations = new ArrayList<>();
        if (email.isEmpty()) {
            violations.add(Violation.of("email", "email-required"));
        } else if (!wellFormed(email)) {
            violations.add(Violation.of("email", "email-malformed"));
        }
        if (name.isEmpty()) {
            violations.add(Violation.of("displayName", "display-name-required"));
        } else if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            violations.add(Violation.of("displayName", "display-name-invalid", MAX_NAME));
        }
        PasswordPolicy.problem(password, email, name)
                .ifPresent(code -> violations.add(
                        Violation.of("password", code, PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH)));
        String guardianEmail = normalise(signUp.guardianEmail());
        Boolean under14 = signUp.under14();
        if (under14 == null) {
            violations.add(Violation.of("under14", "age-required"));
        } else if (under14) {
            if (guardianEmail.isEmpty()) {
                violations.add(Violation.of("guardianEmail", "guardian-email-required"));
            } else if (!wellFormed(guardianEmail)) {
                violations.add(Violation.of("guardianEmail", "guardian-email-malformed"));
            } else if (guardianEmail.equals(email)) {
                violations.add(Violation.of("guardianEmail", "guardian-email-own"));
            }
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        var user = new Users.User(
                UUID.randomUUID(),
                email,
                name,
                Objects.requireNonNull(passwords.encode(password)),
                roles,
                clock.instant());
        String language = languageOf(signUp.language());
        if (!users.insert(user, language, verified)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "email-taken", "email");
        }
        if (!verified) {
            verification.start(user.id(), email, language, name);
        }
        if (Boolean.TRUE.equals(signUp.under14())) {
            // The account exists and signs in; nothing is recorded for it until the guardian consents.
            guardians.start(user.id(), guardianEmail, language, name);
        }
        events.publishEvent(new UserRegistered(user.id(), user.createdAt()));
        return new Registered(user.id(), email, name);
    }

    /** The person as a signed-in session holds them, for signing someone in who has just registered. */
    public Optional<AuthenticatedUser> principal(UUID id) {
        return users.findById(id)
                .map(u -> new AuthenticatedUser(
                        u.id(), u.email(), u.displayName(), u.roles(), null, u.credentialsVersion()));
    }

    /** Whether an account with this email exists. */
    public boolean isRegistered(String email) {
        return users.findByEmail(normalise(email)).isPresent();
    }

    /** The account with this email, if there is one. */
    public Optional<UUID> idOf(String email) {
        return users.findByEmail(normalise(email)).map(Users.User::id);
    }

    /** The person with this email as an actor (their id and roles), for work done on their behalf: demo data, jobs. */
    public Optional<Actor> actor(String email) {
        return users.findByEmail(normalise(email)).map(u -> Actor.of(u.id(), u.roles()));
    }

    /** Gives a person a role on the platform's own authority (audited without an actor); effective on their next request. */
    public void grantRole(UUID userId, Role role) {
        users.grantRole(userId, role, null, null);
    }

    /** The stored language for a locale: {@code zh-CN} for any Chinese, {@code en} otherwise. */
    static String languageOf(@Nullable Locale locale) {
        return locale != null && locale.getLanguage().equals("zh") ? "zh-CN" : "en";
    }

    /** Whether an address (already normalised) looks like one: one @, a dotted domain, no spaces, not too long. */
    static boolean wellFormed(String email) {
        return email.length() <= 254
                && EMAIL.matcher(email).matches()
                && email.chars().noneMatch(Character::isISOControl);
    }

    static String normalise(@Nullable String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
