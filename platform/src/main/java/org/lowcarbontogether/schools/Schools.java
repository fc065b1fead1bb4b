package org.lowcarbontogether.schools;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.PersonalAccessTokens;
import org.lowcarbontogether.account.Pupils;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schools, their classes and their pupils. A school is an organisation of kind {@code SCHOOL}; its organisers are its
 * teachers, and every one of them may see and run every class of the school (nobody else may: each call checks the
 * class's school against the caller). A class has an unguessable code (10 characters from 31, about 49 bits) that a
 * teacher rotates at will; a pupil joins through it, their guardian giving their own address, the pupil's nickname and
 * age and consenting — the pupil's account has no address of its own and waits for the guardian's mailed consent
 * before anything of theirs is recorded ({@link Pupils}). The guardian is given the pupil's code (6 characters), with
 * which and the class code the pupil signs in.
 */
@Service
public class Schools {

    /** A class as its teachers see it (its code included). */
    public record SchoolClass(
            UUID id, UUID schoolId, String schoolName, String name, int grade, String schoolYear, String code) {

        public SchoolBehaviours.Band band() {
            return SchoolBehaviours.Band.of(grade);
        }
    }

    /** What the join page shows about a class from its code: no pupil, no teacher. */
    public record Joining(String schoolName, String className, int grade) {}

    /** A pupil who joined: their account and the pupil code given once, to the guardian. */
    public record Joined(UUID pupilId, String nickname, String pupilCode) {}

    /** What a join asks for; the guardian's consent must be given ({@code consent}). */
    public record JoinForm(
            @Nullable String guardianEmail,
            @Nullable String nickname,
            @Nullable Integer age,
            boolean consent) {}

    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int CLASS_CODE_LENGTH = 10;
    private static final int PUPIL_CODE_LENGTH = 6;
    private static final Pattern YEAR = Pattern.compile("^(\\d{4})-(\\d{4})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final Pupils pupils;
    private final Clock clock;

    Schools(JdbcClient jdbc, Organisations organisations, Pupils pupils, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.pupils = pupils;
        this.clock = clock;
    }

    /** The schools the caller teaches at (organises). */
    public List<Organisations.Organisation> schoolsOf(Actor me) {
        return organisations.organisedBy(me.id()).stream()
                .filter(o -> o.kind() == Organisations.Kind.SCHOOL)
                .toList();
    }

    /** The classes of the schools the caller teaches at, newest school year first. */
    public List<SchoolClass> classesOf(Actor me) {
        var schools = schoolsOf(me).stream().map(Organisations.Organisation::id).toList();
        if (schools.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where c.school_id = any(:schools) order by c.school_year desc, c.grade, c.name")
                .param("schools", schools.toArray(UUID[]::new))
                .query((rs, n) -> map(rs))
                .list();
    }

    /** A class, for one of its school's teachers; 404 for anyone else (a class's existence is not told). */
    public SchoolClass get(Actor me, UUID classId) {
        var found = find(classId).orElseThrow(() -> Refusal.notFound("class-not-found", null));
        if (!organisations.isOrganiser(me.id(), found.schoolId())) {
            throw Refusal.notFound("class-not-found", null);
        }
        return found;
    }

    java.util.Optional<SchoolClass> find(UUID classId) {
        return jdbc.sql(SELECT + " where c.id = :id")
                .param("id", classId)
                .query((rs, n) -> map(rs))
                .optional();
    }

    /**
     * A teacher of the school creates a class: a name (1–80 characters), a grade (1–12) and a school year
     * ({@code 2026-2027}); invalid fields are reported together. 403 for anyone not organising the school, 422 when
     * the organisation is not a school.
     */
    @Transactional
    public SchoolClass create(
            Actor me, UUID schoolId, @Nullable String name, @Nullable Integer grade, @Nullable String schoolYear) {
        organisations.requireOrganiser(me, schoolId);
        if (organisations.get(schoolId).kind() != Organisations.Kind.SCHOOL) {
            throw Refusal.unacceptable("organisation-not-school", "schoolId");
        }
        String trimmed = name == null ? "" : name.strip();
        String year = schoolYear == null ? "" : schoolYear.strip();
        var violations = new ArrayList<Violation>();
        if (trimmed.isEmpty() || trimmed.length() > 80) {
            violations.add(Violation.of("name", "class-name-invalid", 80));
        }
        if (grade == null || grade < 1 || grade > 12) {
            violations.add(Violation.of("grade", "class-grade-invalid"));
        }
        var matcher = YEAR.matcher(year);
        if (!matcher.matches() || Integer.parseInt(matcher.group(2)) != Integer.parseInt(matcher.group(1)) + 1) {
            violations.add(Violation.of("schoolYear", "school-year-invalid"));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into school_class (id, school_id, name, grade, school_year, code, code_rotated_at,
                            created_by, created_at)
                        values (:id, :school, :name, :grade, :year, :code, :now, :by, :now)""")
                .param("id", id)
                .param("school", schoolId)
                .param("name", trimmed)
                .param("grade", grade)
                .param("year", year)
                .param("code", code(CLASS_CODE_LENGTH))
                .param("now", Timestamp.from(now))
                .param("by", me.id())
                .update();
        return get(me, id);
    }

    /** A teacher gives the class a new code; the old one stops working at once (pupils already in stay). */
    @Transactional
    public SchoolClass rotateCode(Actor me, UUID classId) {
        get(me, classId);
        jdbc.sql("update school_class set code = :code, code_rotated_at = :now where id = :id")
                .param("code", code(CLASS_CODE_LENGTH))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", classId)
                .update();
        return get(me, classId);
    }

    /** What the join page shows for a class code; 404 {@code class-code-unknown} for a wrong or rotated code. */
    public Joining joining(@Nullable String classCode) {
        var found = byCode(classCode);
        return new Joining(found.schoolName(), found.name(), found.grade());
    }

    SchoolClass byCode(@Nullable String classCode) {
        String code = normalise(classCode);
        return jdbc.sql(SELECT + " where c.code = :code")
                .param("code", code)
                .query((rs, n) -> map(rs))
                .optional()
                .orElseThrow(() -> Refusal.notFound("class-code-unknown", "classCode"));
    }

    /**
     * A guardian signs a pupil up for the class: their own address, the pupil's nickname (1–40 characters) and age
     * (5–19), and their consent; fields are checked together. The pupil's account opens waiting for the guardian's
     * consent by the mailed link; the pupil's code is returned once, for the guardian to give the pupil.
     */
    @Transactional
    public Joined join(@Nullable String classCode, JoinForm form, @Nullable Locale locale) {
        var schoolClass = byCode(classCode);
        String nickname = checked(form);
        return place(schoolClass, form, pupils.open(nickname, locale, form.guardianEmail()));
    }

    /**
     * A teacher of the class enters a pupil whose guardian consented on a signed paper form the school keeps (same
     * fields as the join page, the consent box standing for the form): the pupil does not wait for a mailed link. The
     * pupil's code is returned once, for the teacher to hand to the guardian.
     */
    @Transactional
    public Joined joinOnPaper(Actor me, UUID classId, JoinForm form, @Nullable Locale locale) {
        var schoolClass = get(me, classId);
        String nickname = checked(form);
        return place(schoolClass, form, pupils.openWithPaperConsent(nickname, locale, form.guardianEmail(), me.id()));
    }

    private static String checked(JoinForm form) {
        String nickname = form.nickname() == null ? "" : form.nickname().strip();
        var violations = new ArrayList<Violation>();
        if (nickname.isEmpty() || nickname.length() > 40 || nickname.chars().anyMatch(Character::isISOControl)) {
            violations.add(Violation.of("nickname", "pupil-nickname-invalid", 40));
        }
        if (form.age() == null || form.age() < 5 || form.age() > 19) {
            violations.add(Violation.of("age", "pupil-age-invalid"));
        }
        if (!form.consent()) {
            violations.add(Violation.of("consent", "guardian-consent-missing"));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        return nickname;
    }

    private Joined place(SchoolClass schoolClass, JoinForm form, UUID pupil) {
        String nickname = checked(form);
        for (int attempt = 0; ; attempt++) {
            String pupilCode = code(PUPIL_CODE_LENGTH);
            try {
                jdbc.sql("""
                                insert into school_pupil (user_id, class_id, nickname, age, pupil_code_hash, joined_at)
                                values (:user, :class, :nickname, :age, :hash, :now)""")
                        .param("user", pupil)
                        .param("class", schoolClass.id())
                        .param("nickname", nickname)
                        .param("age", form.age())
                        .param("hash", hash(schoolClass.id(), pupilCode))
                        .param("now", Timestamp.from(clock.instant()))
                        .update();
                return new Joined(pupil, nickname, pupilCode);
            } catch (DuplicateKeyException taken) {
                if (attempt == 5) {
                    throw taken;
                }
            }
        }
    }

    /** The pupil whose class code and pupil code these are; 404 {@code pupil-code-unknown} for either wrong. */
    public UUID pupilSignIn(@Nullable String classCode, @Nullable String pupilCode) {
        SchoolClass schoolClass;
        try {
            schoolClass = byCode(classCode);
        } catch (Refusal unknown) {
            throw Refusal.notFound("pupil-code-unknown", "pupilCode");
        }
        return jdbc.sql("""
                        select user_id from school_pupil
                        where class_id = :class and pupil_code_hash = :hash and left_at is null""")
                .param("class", schoolClass.id())
                .param("hash", hash(schoolClass.id(), normalise(pupilCode)))
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> Refusal.notFound("pupil-code-unknown", "pupilCode"));
    }

    /** Signs a pupil in (for the session the page opens): the pupil as a caller; 404 for a wrong code. */
    public AuthenticatedUser signInPupil(@Nullable String classCode, @Nullable String pupilCode) {
        return pupils.signedIn(pupilSignIn(classCode, pupilCode));
    }

    /** An API token for a pupil (the app records with it); 404 for a wrong code. */
    public PersonalAccessTokens.IssuedToken pupilToken(@Nullable String classCode, @Nullable String pupilCode) {
        return pupils.token(pupilSignIn(classCode, pupilCode));
    }

    /** Whether the caller is a pupil. */
    public boolean isPupil(Actor me) {
        return pupils.isPupil(me.id());
    }

    /** A pupil deletes their own account (their guardian may ask the teacher instead). */
    @Transactional
    public void leave(Actor me) {
        classOfPupil(me);
        pupils.erase(me.id());
    }

    /** The class a pupil is in; 404 for anyone who is not a pupil in a class. */
    public SchoolClass classOfPupil(Actor me) {
        return jdbc.sql(SELECT
                        + " join school_pupil p on p.class_id = c.id where p.user_id = :me and p.left_at is null")
                .param("me", me.id())
                .query((rs, n) -> map(rs))
                .optional()
                .orElseThrow(() -> Refusal.notFound("pupil-not-found", null));
    }

    /**
     * A teacher removes a pupil from the class at the guardian's request: the pupil's account is erased as a person's
     * own deletion erases it (their records stay in the ledger under the id, which names no one any more).
     */
    @Transactional
    public void erasePupil(Actor me, UUID classId, UUID pupil) {
        get(me, classId);
        boolean inClass = jdbc.sql("select count(*) from school_pupil where class_id = :class and user_id = :pupil")
                        .param("class", classId)
                        .param("pupil", pupil)
                        .query(Long.class)
                        .single()
                > 0;
        if (!inClass) {
            throw Refusal.notFound("pupil-not-found", null);
        }
        pupils.erase(pupil);
    }

    static String normalise(@Nullable String code) {
        return code == null
                ? ""
                : code.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
    }

    private static String code(int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    static String hash(UUID classId, String pupilCode) {
        return Hashes.sha256(classId + ":" + pupilCode);
    }

    /** Today in China time, for a page's default challenge period. */
    public LocalDate today() {
        return org.lowcarbontogether.shared.ProgrammeCalendar.today(clock);
    }

    private static final String SELECT = """
            select c.id, c.school_id, c.name, c.grade, c.school_year, c.code from school_class c""";

    /** A class, its school named by the account module (which owns organisations). */
    private SchoolClass map(java.sql.ResultSet rs) throws java.sql.SQLException {
        UUID school = rs.getObject("school_id", UUID.class);
        return new SchoolClass(
                rs.getObject("id", UUID.class),
                school,
                organisations.get(school).name(),
                rs.getString("name"),
                rs.getInt("grade"),
                rs.getString("school_year"),
                rs.getString("code"));
    }
}
