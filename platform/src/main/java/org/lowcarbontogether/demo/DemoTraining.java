package org.lowcarbontogether.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Organisations.MemberRole;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.lowcarbontogether.training.Attendance;
import org.lowcarbontogether.training.Courses;
import org.lowcarbontogether.training.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Demo training: the employer's low-carbon commuting course with two sessions 16 and 15 weeks ago and 40 trainees whose
 * recorded behaviour rises modestly afterwards (their colleagues who did not train keep their pace), an NGO
 * capacity-building course for grantees (self-paced, by quiz), and 15 resources in the library.
 */
@Component
@ConditionalOnBooleanProperty("lct.demo.enabled")
class DemoTraining {

    private static final Logger log = LoggerFactory.getLogger(DemoTraining.class);

    private final Registration registration;
    private final Organisations organisations;
    private final Recording recording;
    private final Courses courses;
    private final Attendance attendance;
    private final Resources resources;
    private final Clock clock;

    DemoTraining(
            Registration registration,
            Organisations organisations,
            Recording recording,
            Courses courses,
            Attendance attendance,
            Resources resources,
            Clock clock) {
        this.registration = registration;
        this.organisations = organisations;
        this.recording = recording;
        this.courses = courses;
        this.attendance = attendance;
        this.resources = resources;
        this.clock = clock;
    }

    void create(UUID organiserId, UUID employer, UUID ngo, Random random) {
        var organiser = Actor.of(organiserId, EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        var now = OffsetDateTime.now(clock.withZone(ProgrammeCalendar.ZONE))
                .withHour(14)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var first = now.minusWeeks(16);
        var second = now.minusWeeks(15);
        var quiz = List.of(
                new Courses.QuizQuestion("骑车通勤 10 公里，比开车大约少排放多少？", List.of("约 0.2 千克", "约 2 千克", "约 20 千克"), 1),
                new Courses.QuizQuestion("哪一项能最快减少办公室用电？", List.of("下班关闭显示器", "调低屏幕亮度"), 0));
        var course = courses.create(
                organiser,
                new Courses.CourseForm(
                        employer,
                        "低碳通勤与绿色办公",
                        "为 Bright Office 员工开设：通勤方式、办公室节能，以及如何在平台上记录自己的低碳行为。",
                        "EMPLOYEES",
                        "zh-CN",
                        60,
                        List.of(
                                new Courses.ModuleForm(
                                        "低碳通勤",
                                        "地铁、公交和骑行替代开车，每公里可减少约 0.2 千克二氧化碳当量。",
                                        "https://example.org/slides/commuting",
                                        quiz,
                                        50),
                                new Courses.ModuleForm("绿色办公", "下班关闭显示器和打印机；自带水杯。", null, null, null)),
                        List.of(
                                new Courses.SessionForm("IN_PERSON", first, first.plusHours(2), "三楼培训室", null, null),
                                new Courses.SessionForm(
                                        "IN_PERSON", second, second.plusHours(2), "三楼培训室", null, null))));
        var sessions = courses.get(course.id()).sessions();
        var trainees = new ArrayList<UUID>();
        for (int i = 0; i < 40; i++) {
            var person = registration.register(
                    new Registration.SignUp(
                            "trainee%02d@%s".formatted(i, DemoData.DOMAIN),
                            "Bright Office trainee " + (i + 1),
                            DemoData.PASSWORD),
                    EnumSet.of(Role.PARTICIPANT));
            organisations.addMember(employer, person.id(), MemberRole.MEMBER);
            var trainee = Actor.of(person.id(), Set.of(Role.PARTICIPANT));
            courses.enrol(trainee, course.id());
            attendance.fromSheet(organiser, sessions.get(i < 20 ? 0 : 1).id(), person.id());
            trainees.add(person.id());
        }
        // Before the course a trainee rides about once in three weeks; after it, about once in ten days.
        int records = 0;
        for (UUID trainee : trainees) {
            var start = trainees.indexOf(trainee) < 20 ? first : second;
            records += rides(trainee, start.minusWeeks(12), 12, 0.35, random);
            records += rides(trainee, start.plusHours(2), 14, 0.7, random);
        }
        var grantees = courses.create(
                Actor.of(organiserId, EnumSet.of(Role.PARTICIPANT, Role.ORGANISER)),
                new Courses.CourseForm(
                        ngo,
                        "受资助项目能力建设：用平台数据报告成效",
                        "面向小额资助项目：如何组织社群、活动签到，以及如何用平台数据填写项目报告。",
                        "GRANTEES",
                        "zh-CN",
                        null,
                        List.of(new Courses.ModuleForm(
                                "用数据讲述项目成效",
                                "项目的关键绩效指标来自平台记录：参与人数、低碳行为次数和直接减排量。",
                                "https://example.org/guides/grantee-reporting",
                                List.of(new Courses.QuizQuestion("项目报告中的减排量来自哪里？", List.of("平台记录的低碳行为", "项目自己估算"), 0)),
                                100)),
                        List.of(new Courses.SessionForm("SELF_PACED", null, null, null, null, 1))));
        var officer = Actor.of(organiserId, EnumSet.of(Role.PARTICIPANT, Role.PROGRAMME_OFFICER));
        String[][] library = {
            {"GUIDE", "员工低碳通勤指南", "commuting, employees", "EMPLOYEES", "zh-CN"},
            {"GUIDE", "Low-carbon commuting: a guide for employers", "commuting, employers", "EMPLOYEES", "en"},
            {"SLIDES", "绿色办公培训幻灯片", "office, energy", "EMPLOYEES", "zh-CN"},
            {"SLIDES", "Green office training slides", "office, energy", "EMPLOYEES", "en"},
            {"VIDEO", "三分钟了解个人碳账户", "carbon account", "PUBLIC", "zh-CN"},
            {"VIDEO", "Your carbon account in three minutes", "carbon account", "PUBLIC", "en"},
            {"CASE_STUDY", "高校二手书交换：一个学期的成效", "campus, reuse", "CAMPUS", "zh-CN"},
            {"CASE_STUDY", "A repair café in a residential compound", "repair, community", "PUBLIC", "en"},
            {"CASE_STUDY", "外卖不要餐具：社区倡导案例", "food delivery, cutlery", "PUBLIC", "zh-CN"},
            {"TEMPLATE", "活动签到与记录模板", "events, attendance", "GRANTEES", "zh-CN"},
            {"TEMPLATE", "Grantee quarterly report template", "reporting, grants", "GRANTEES", "en"},
            {"GUIDE", "社群组织者手册", "community, organisers", "GRANTEES", "zh-CN"},
            {"GUIDE", "Running a car-free week campaign", "campaigns, transport", "PUBLIC", "en"},
            {"SLIDES", "低碳饮食与减少食物浪费", "food, waste", "PUBLIC", "zh-CN"},
            {"TEMPLATE", "员工培训签到表", "training, attendance", "EMPLOYEES", "zh-CN"}
        };
        for (int i = 0; i < library.length; i++) {
            String[] r = library[i];
            var resource = resources.submit(
                    i < 12 ? officer : organiser,
                    new Resources.ResourceForm(
                            i < 12 ? null : ngo,
                            r[0],
                            r[1],
                            "",
                            "https://example.org/library/" + (i + 1),
                            r[4],
                            r[2],
                            r[3]));
            if (i >= 12 && i < 14) {
                resources.review(officer, resource.id(), true);
            }
        }
        log.info(
                "Demo training: courses {} and {}, 40 trainees, {} of their records, {} resources",
                course.id(),
                grantees.id(),
                records,
                library.length);
    }

    /** A ride to work in about {@code perWeek} of the {@code weeks} weeks from {@code from}, never after today. */
    private int rides(UUID person, OffsetDateTime from, int weeks, double perWeek, Random random) {
        int count = 0;
        for (int week = 0; week < weeks; week++) {
            if (random.nextDouble() >= perWeek) {
                continue;
            }
            var when = from.plusWeeks(week).plusDays(1 + random.nextInt(4)).withHour(8);
            if (when.isAfter(OffsetDateTime.now(clock))) {
                break;
            }
            var submission = new RecordSubmission(
                    "CYCLE_INSTEAD_OF_CAR",
                    BigDecimal.valueOf(4 + random.nextInt(8)),
                    "km",
                    when,
                    "CN-GD",
                    null,
                    null,
                    30,
                    null);
            try {
                recording.submitInTransaction(
                        person,
                        "demo-training-" + person + "-" + from + "-" + week,
                        submission,
                        Recording.Channel.IMPORT);
                count++;
            } catch (RuntimeException e) {
                log.debug("Demo training record skipped: {}", e.getMessage());
            }
        }
        return count;
    }
}
