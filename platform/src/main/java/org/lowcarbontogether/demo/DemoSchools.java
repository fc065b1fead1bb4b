package org.lowcarbontogether.demo;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Organisations.Kind;
import org.lowcarbontogether.account.Organisations.MemberRole;
import org.lowcarbontogether.schools.ClassFigures;
import org.lowcarbontogether.schools.PupilRecords;
import org.lowcarbontogether.schools.SchoolBehaviours;
import org.lowcarbontogether.schools.Schools;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Two demo schools with three classes, taught by the demo organiser: in each class a few pupils whose guardians
 * consented on the school's paper form (entered by the teacher) and who recorded a few behaviours of their grade, one
 * pupil still waiting for the guardian's mailed link, and a class challenge for the next two weeks — all through the
 * schools module's services, as teachers and guardians would.
 */
@Component
@ConditionalOnBooleanProperty("lct.demo.enabled")
class DemoSchools {

    private static final Logger log = LoggerFactory.getLogger(DemoSchools.class);

    private static final String[] NICKNAMES = {
        "Xiaoming",
        "Lele",
        "Tiantian",
        "Doudou",
        "Yuanyuan",
        "Beibei",
        "Niuniu",
        "Guoguo",
        "Xiaoyu",
        "Mingming",
        "Huahua",
        "Dingding"
    };

    private final Organisations organisations;
    private final Schools schools;
    private final ClassFigures figures;
    private final PupilRecords records;
    private final java.time.Clock clock;

    DemoSchools(
            Organisations organisations,
            Schools schools,
            ClassFigures figures,
            PupilRecords records,
            java.time.Clock clock) {
        this.organisations = organisations;
        this.schools = schools;
        this.figures = figures;
        this.records = records;
        this.clock = clock;
    }

    void create(UUID organiserId, Random random) {
        var teacher = Actor.of(organiserId, EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        var sunflower = organisations.create("Sunflower Primary School", Kind.SCHOOL);
        var riverside = organisations.create("Riverside Middle School", Kind.SCHOOL);
        organisations.addMember(sunflower.id(), organiserId, MemberRole.ORGANISER);
        organisations.addMember(riverside.id(), organiserId, MemberRole.ORGANISER);
        int year = ProgrammeCalendar.today(clock).getMonthValue() >= 9
                ? ProgrammeCalendar.today(clock).getYear()
                : ProgrammeCalendar.today(clock).getYear() - 1;
        String schoolYear = year + "-" + (year + 1);
        var classes = List.of(
                schools.create(teacher, sunflower.id(), "二年级（1）班", 2, schoolYear),
                schools.create(teacher, sunflower.id(), "Class 5B", 5, schoolYear),
                schools.create(teacher, riverside.id(), "初二（3）班", 8, schoolYear));
        int pupils = 0;
        int nickname = 0;
        var today = ProgrammeCalendar.today(clock);
        for (var schoolClass : classes) {
            for (int i = 0; i < 4; i++) {
                String name = NICKNAMES[nickname++ % NICKNAMES.length];
                var joined = schools.joinOnPaper(
                        teacher,
                        schoolClass.id(),
                        new Schools.JoinForm(
                                "guardian.%s.%d@%s".formatted(name.toLowerCase(Locale.ROOT), i, DemoData.DOMAIN),
                                name,
                                schoolClass.grade() + 6,
                                true),
                        Locale.SIMPLIFIED_CHINESE);
                pupils++;
                var pupil = Actor.of(joined.pupilId(), EnumSet.of(Role.PARTICIPANT));
                var subset = SchoolBehaviours.forGrade(schoolClass.grade());
                int count = 2 + random.nextInt(4);
                for (int n = 0; n < count; n++) {
                    var behaviour = subset.get(random.nextInt(subset.size()));
                    records.record(
                            pupil,
                            behaviour.code(),
                            behaviour.usual().multiply(BigDecimal.valueOf(1 + random.nextInt(2))),
                            "demo-school-" + joined.pupilId() + "-" + n);
                }
            }
            // One pupil whose guardian signed up through the class code and has not followed the mailed link yet.
            schools.join(
                    schoolClass.code(),
                    new Schools.JoinForm(
                            "guardian.waiting.%s@%s".formatted(schoolClass.id(), DemoData.DOMAIN),
                            NICKNAMES[nickname++ % NICKNAMES.length],
                            schoolClass.grade() + 6,
                            true),
                    Locale.SIMPLIFIED_CHINESE);
            pupils++;
            figures.addChallenge(
                    teacher,
                    schoolClass.id(),
                    "ACTIONS",
                    (long) (20 + 10 * schoolClass.grade() / 4),
                    today.minusDays(2),
                    today.plusDays(12));
        }
        log.info("Demo schools: 2 schools, {} classes, {} pupils", classes.size(), pupils);
    }
}
