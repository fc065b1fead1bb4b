package org.lowcarbontogether.stories;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.platform.ReportingReads;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programme's reach — its "hits": views and shares of published stories, each counted once per visitor per story
 * per day (Asia/Shanghai). A visitor is a signed-in person, or a browser carrying the visitor cookie a real story page
 * gave it at least {@link #READING_TIME} before (signed, so it cannot be made up). Requests with neither — scripts
 * replaying the API, clients that keep no cookies, known bots — are not counted. Only a hash salted with that day's
 * random salt is stored, and salts are deleted after three days.
 */
@Service
public class Reach {

    public enum Kind {
        VIEW,
        SHARE
    }

    /** Views and shares of the published stories in a scope, over a period. */
    public record Figures(long stories, long views, long shares) {
        public long hits() {
            return views + shares;
        }
    }

    private final JdbcClient jdbc;
    /** Reach figures are reports: read on a replica when there is one. */
    private final ReportingReads reads;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final ClusterJobs jobs;

    Reach(JdbcClient jdbc, ReportingReads reads, Clock clock, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** How long a browser must have had the story page before its cookie counts: a request straight after is a script. */
    public static final Duration READING_TIME = Duration.ofSeconds(3);

    /** A visitor cookie this platform issued: the browser's random id and when the cookie was given. */
    public record VisitorCookie(String id, Instant issuedAt) {}

    /** Counts a view or share of a published story; true when this visitor had not been counted for it today. */
    @Transactional
    public boolean count(UUID storyId, Kind kind, String visitor) {
        LocalDate day = ProgrammeCalendar.today(clock);
        String salt = HexFormat.of().formatHex(salt(day));
        String hashed = Hashes.sha256(salt + "|" + storyId + "|" + visitor);
        String column = kind == Kind.VIEW ? "views" : "shares";
        return jdbc.sql("""
                        with visit as (
                            insert into story_reach_visit (story_id, day, kind, visitor)
                            select s.id, :day, :kind, :visitor from story s where s.id = :story and s.status = 'PUBLISHED'
                            on conflict do nothing returning story_id
                        )
                        insert into story_reach_daily (story_id, day, %1$s) select story_id, :day, 1 from visit
                        on conflict (story_id, day) do update set %1$s = story_reach_daily.%1$s + 1""".formatted(column))
                        .param("day", Date.valueOf(day))
                        .param("kind", kind.name())
                        .param("visitor", hashed)
                        .param("story", storyId)
                        .update()
                > 0;
    }

    private volatile byte @Nullable [] cookieKey;

    /**
     * A visitor cookie's value: a random id, when it was issued, and a signature over both, so that made-up or
     * back-dated cookies do not count as visitors.
     */
    public String issueVisitor() {
        String signed = UUID.randomUUID() + "." + clock.instant().getEpochSecond();
        return signed + "." + signature(signed);
    }

    /** The visitor of a cookie this platform issued, or null for anything else. */
    public @Nullable VisitorCookie verifiedVisitor(@Nullable String cookie) {
        if (cookie == null || cookie.length() > 120) {
            return null;
        }
        int last = cookie.lastIndexOf('.');
        int first = cookie.indexOf('.');
        if (first < 0 || last == first) {
            return null;
        }
        String signed = cookie.substring(0, last);
        if (!MessageDigest.isEqual(
                signature(signed).getBytes(StandardCharsets.US_ASCII),
                cookie.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        try {
            return new VisitorCookie(
                    cookie.substring(0, first),
                    Instant.ofEpochSecond(Long.parseLong(cookie.substring(first + 1, last))));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether a cookie has been with its browser long enough for the page to have been read. */
    public boolean read(VisitorCookie cookie) {
        return !cookie.issuedAt().plus(READING_TIME).isAfter(clock.instant());
    }

    private String signature(String id) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cookieKey(), "HmacSHA256"));
            byte[] sig = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sig, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key, made once and kept in the database, so cookies stay valid across restarts and instances. */
    private byte[] cookieKey() {
        byte[] key = cookieKey;
        if (key == null) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            jdbc.sql("insert into reach_key (id, secret) values (1, :secret) on conflict do nothing")
                    .param("secret", fresh)
                    .update();
            key = jdbc.sql("select secret from reach_key where id = 1")
                    .query(byte[].class)
                    .single();
            cookieKey = key;
        }
        return key;
    }

    private byte[] salt(LocalDate day) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        jdbc.sql("insert into reach_salt (day, salt) values (:day, :salt) on conflict do nothing")
                .param("day", Date.valueOf(day))
                .param("salt", fresh)
                .update();
        return jdbc.sql("select salt from reach_salt where day = :day")
                .param("day", Date.valueOf(day))
                .query(byte[].class)
                .single();
    }

    /** Forgets old salts and the per-visitor rows they protected; the daily counts stay. */
    /** The nightly forgetting, once across instances (each delete its own statement). */
    @Scheduled(cron = "0 17 3 * * *", zone = ProgrammeCalendar.ZONE_ID)
    void forgetOnSchedule() {
        jobs.once("reach-forget-visitors", Duration.ofHours(1), this::forgetVisitors);
    }

    @Transactional
    public void forgetVisitors() {
        LocalDate cutoff = ProgrammeCalendar.today(clock).minusDays(3);
        jdbc.sql("delete from story_reach_visit where day < :cutoff")
                .param("cutoff", Date.valueOf(cutoff))
                .update();
        jdbc.sql("delete from reach_salt where day < :cutoff")
                .param("cutoff", Date.valueOf(cutoff))
                .update();
    }

    /** Reach of the published stories of any of these communities and campaigns over a period. */
    public Figures of(List<UUID> communities, List<UUID> campaigns, LocalDate from, LocalDate to) {
        if (communities.isEmpty() && campaigns.isEmpty()) {
            return new Figures(0, 0, 0);
        }
        return reads.jdbc()
                .sql("""
                        select count(distinct s.id) as stories, coalesce(sum(r.views), 0) as views, coalesce(sum(r.shares), 0) as shares
                        from story s left join story_reach_daily r on r.story_id = s.id and r.day between :from and :to
                        where s.status = 'PUBLISHED'
                          and (s.community_id = any(cast(:communities as uuid[])) or s.campaign_id = any(cast(:campaigns as uuid[])))""")
                .param("communities", communities.toArray(UUID[]::new))
                .param("campaigns", campaigns.toArray(UUID[]::new))
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new Figures(rs.getLong("stories"), rs.getLong("views"), rs.getLong("shares")))
                .single();
    }

    /**
     * Reach of published stories over a period: of one community, one campaign, one organisation, or (all null) the
     * whole platform.
     */
    public Figures of(
            @Nullable UUID communityId,
            @Nullable UUID campaignId,
            @Nullable UUID organisationId,
            LocalDate from,
            LocalDate to) {
        return reads.jdbc()
                .sql("""
                        select count(distinct s.id) as stories, coalesce(sum(r.views), 0) as views, coalesce(sum(r.shares), 0) as shares
                        from story s left join story_reach_daily r on r.story_id = s.id and r.day between :from and :to
                        where s.status = 'PUBLISHED'
                          and (cast(:community as uuid) is null or s.community_id = :community)
                          and (cast(:campaign as uuid) is null or s.campaign_id = :campaign)
                          and (cast(:org as uuid) is null or s.organisation_id = :org)""")
                .param("community", communityId)
                .param("campaign", campaignId)
                .param("org", organisationId)
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new Figures(rs.getLong("stories"), rs.getLong("views"), rs.getLong("shares")))
                .single();
    }
}
