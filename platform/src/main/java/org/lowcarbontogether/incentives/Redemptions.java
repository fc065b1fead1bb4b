package org.lowcarbontogether.incentives;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lowcarbontogether.account.EmailVerification;
import org.lowcarbontogether.platform.CsvCells;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.platform.Pdfs;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redemption that can never overspend. One transaction, once per idempotency key: lock the person's points account,
 * check the reward's validity and the person's eligibility and balance, take one from the stock with a conditional
 * update ({@code stock > 0}), take a voucher code with {@code for update skip locked}, append the points entry (the
 * balance has a {@code >= 0} constraint as a last guard) and store the redemption. Any refusal rolls everything back.
 * <p>
 * Cancelling returns the points with a REFUNDED entry and the stock — except a voucher's: its code was shown and is
 * never issued again, so the stock (the number of unissued codes) stays as it is.
 */
@Service
public class Redemptions {

    static final String REDEEM = "REDEMPTION";
    static final String CANCEL = "REDEMPTION_CANCEL";
    private static final char[] REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    /** The result of a redemption request and whether it replays an earlier request with the same key. */
    public record Outcome(Redemption redemption, boolean replayed) {}

    /** What an idempotency key is bound to: redeeming this reward. */
    record Request(String operation, UUID rewardId) {}

    private final JdbcClient jdbc;
    private final Points points;
    private final Rewards rewards;
    private final Idempotency idempotency;
    private final Pdfs pdfs;
    private final MessageSource messages;
    private final Clock clock;
    private final Duration cancelWindow;
    private final EmailVerification verification;
    private final SecureRandom random = new SecureRandom();

    Redemptions(
            JdbcClient jdbc,
            Points points,
            Rewards rewards,
            Idempotency idempotency,
            Clock clock,
            @Value("${lct.incentives.cancel-window:PT24H}") Duration cancelWindow,
            Pdfs pdfs,
            MessageSource messages,
            EmailVerification verification) {
        this.verification = verification;
        this.pdfs = pdfs;
        this.messages = messages;
        this.jdbc = jdbc;
        this.points = points;
        this.rewards = rewards;
        this.idempotency = idempotency;
        this.clock = clock;
        this.cancelWindow = cancelWindow;
    }

    public Duration cancelWindow() {
        return cancelWindow;
    }

    /** Redeems a reward for points; only with a verified address (403 {@code email-unverified}). */
    @Transactional
    public Outcome redeem(UUID userId, String holderName, UUID rewardId, String idempotencyKey) {
        Idempotency.checkKey(idempotencyKey);
        // Before the key is used: once the address is verified, the same request may be sent again and succeed.
        verification.requireVerified(userId);
        var outcome = idempotency.execute(
                "user:" + userId + "/redemptions",
                idempotencyKey,
                new Request("redeem", rewardId),
                Redemption.class,
                () -> redeemOnce(userId, holderName, rewardId));
        return new Outcome(outcome.response(), outcome.replayed());
    }

    private Redemption redeemOnce(UUID userId, String holderName, UUID rewardId) {
        var account = points.lock(userId);
        var reward = rewards.find(rewardId).orElseThrow(() -> Rewards.unknown(rewardId));
        var participant = rewards.participant(userId, account.lifetimeEarned(), account.balance());
        rewards.ineligibility(reward, participant, rewards.today()).ifPresent(ineligible -> {
            throw ineligible.refusal();
        });
        if (reward.stock() != null) {
            int taken = jdbc.sql("update reward set stock = stock - 1 where id = :id and stock > 0")
                    .param("id", rewardId)
                    .update();
            if (taken == 0) {
                throw new Rewards.Ineligibility("out-of-stock", Refusal.Kind.CONFLICT, List.of()).refusal();
            }
        }
        UUID redemptionId = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String code = null;
        if (reward.kind() == Rewards.Kind.VOUCHER) {
            // Skip locked: two redemptions never wait for, or get, the same code.
            code = jdbc.sql("""
                            update voucher_code set issued_to = :user, redemption_id = :redemption, issued_at = :now
                            where reward_id = :reward and id = (
                                select id from voucher_code where reward_id = :reward and issued_to is null
                                order by upload_order limit 1 for update skip locked)
                            returning code""")
                    .param("user", userId)
                    .param("redemption", redemptionId)
                    .param("now", Timestamp.from(now))
                    .param("reward", rewardId)
                    .query(String.class)
                    .optional()
                    .orElseThrow(() ->
                            new Rewards.Ineligibility("out-of-stock", Refusal.Kind.CONFLICT, List.of()).refusal());
        }
        var entry = points.append(
                userId,
                PointsEntry.Kind.REDEEMED,
                -reward.costPoints(),
                0,
                REDEEM,
                redemptionId,
                null,
                null,
                null,
                PointsReason.redemption(rewardId, reward.name().en(), redemptionId, null));
        var redemption = new Redemption(
                redemptionId,
                userId,
                rewardId,
                reward.kind(),
                reward.name(),
                reward.costPoints(),
                Redemption.Status.ISSUED,
                reference(),
                holderName,
                code,
                reward.kind().isDonation() ? reward.donationAmount() : null,
                reward.kind().isDonation() ? reward.donationRecipient() : null,
                entry.id(),
                null,
                now,
                null,
                account.balance() - reward.costPoints());
        jdbc.sql("""
                        insert into redemption (user_id, id, reward_id, organisation_id, kind, reward_name_en, reward_name_zh, cost_points,
                            status, reference, holder_name, voucher_code, donation_amount, donation_recipient, points_entry_id, created_at)
                        values (:user, :id, :reward, :org, :kind, :nameEn, :nameZh, :cost, 'ISSUED', :reference, :holder, :code,
                            :amount, :recipient, :entry, :now)""")
                .param("user", userId)
                .param("id", redemptionId)
                .param("reward", rewardId)
                .param("org", reward.organisationId())
                .param("kind", reward.kind().name())
                .param("nameEn", reward.name().en())
                .param("nameZh", reward.name().zh())
                .param("cost", reward.costPoints())
                .param("reference", redemption.reference())
                .param("holder", holderName)
                .param("code", code)
                .param("amount", redemption.donationAmount())
                .param("recipient", redemption.donationRecipient())
                .param("entry", entry.id())
                .param("now", Timestamp.from(now))
                .update();
        return redemption;
    }

    /** The participant cancels within the cancellation window. */
    @Transactional
    public Redemption cancelByParticipant(UUID userId, UUID redemptionId) {
        return cancel(userId, redemptionId, userId, false);
    }

    /** The sponsor cancels a redemption of one of their rewards, at any time (e.g. goods that cannot be delivered). */
    @Transactional
    public Redemption cancelBySponsor(UUID actorId, UUID rewardId, UUID userId, UUID redemptionId) {
        rewards.sponsored(actorId, rewardId);
        var redemption = locked(userId, redemptionId)
                .filter(r -> r.rewardId().equals(rewardId))
                .orElseThrow(() -> unknownRedemption(redemptionId));
        return cancel(redemption.userId(), redemptionId, actorId, true);
    }

    private Redemption cancel(UUID userId, UUID redemptionId, UUID actorId, boolean bySponsor) {
        var redemption = locked(userId, redemptionId).orElseThrow(() -> unknownRedemption(redemptionId));
        if (redemption.status() != Redemption.Status.ISSUED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "redemption-not-cancellable", (String) null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // A voucher code has been shown and a donation made on the participant's behalf: neither can be taken back by
        // the
        // participant, or points could buy them for free. Their sponsor may still cancel (and then refunds).
        if (!bySponsor && PARTICIPANT_FINAL.contains(redemption.kind())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "redemption-final", (String) null);
        }
        if (!bySponsor && redemption.createdAt().plus(cancelWindow).isBefore(now)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "cancel-window-passed", (String) null, cancelWindow.toHours());
        }
        points.lock(userId);
        var refund = points.append(
                userId,
                PointsEntry.Kind.REFUNDED,
                redemption.costPoints(),
                0,
                CANCEL,
                redemptionId,
                null,
                null,
                null,
                PointsReason.redemption(
                        redemption.rewardId(),
                        redemption.rewardName().en(),
                        redemptionId,
                        bySponsor
                                ? PointsReason.Note.CANCELLED_BY_SPONSOR
                                : PointsReason.Note.CANCELLED_BY_PARTICIPANT));
        if (redemption.kind() != Rewards.Kind.VOUCHER) {
            jdbc.sql("update reward set stock = stock + 1 where id = :id and stock is not null")
                    .param("id", redemption.rewardId())
                    .update();
        }
        jdbc.sql("""
                        update redemption set status = 'CANCELLED', cancelled_at = :now, cancelled_by = :actor, refund_entry_id = :refund
                        where user_id = :user and id = :id""")
                .param("now", Timestamp.from(now))
                .param("actor", actorId)
                .param("refund", refund.id())
                .param("user", userId)
                .param("id", redemptionId)
                .update();
        return find(userId, redemptionId).orElseThrow();
    }

    static final Set<Rewards.Kind> PARTICIPANT_FINAL =
            EnumSet.of(Rewards.Kind.VOUCHER, Rewards.Kind.DONATION, Rewards.Kind.TREE_PLANTING);

    private static Refusal unknownRedemption(UUID redemptionId) {
        return new Refusal(Refusal.Kind.NOT_FOUND, "redemption-unknown", (String) null, redemptionId);
    }

    private static final String COLUMNS = """
            user_id, id, reward_id, kind, reward_name_en, reward_name_zh, cost_points, status, reference, holder_name, voucher_code,
            donation_amount, donation_recipient, points_entry_id, refund_entry_id, created_at, cancelled_at""";

    private Optional<Redemption> locked(UUID userId, UUID redemptionId) {
        return jdbc.sql("select " + COLUMNS + " from redemption where user_id = :user and id = :id for update")
                .param("user", userId)
                .param("id", redemptionId)
                .query(Redemptions::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<Redemption> find(UUID userId, UUID redemptionId) {
        return jdbc.sql("select " + COLUMNS + " from redemption where user_id = :user and id = :id")
                .param("user", userId)
                .param("id", redemptionId)
                .query(Redemptions::map)
                .optional();
    }

    /** A person's redemptions, newest first. */
    @Transactional(readOnly = true)
    public List<Redemption> of(UUID userId) {
        return jdbc.sql("select " + COLUMNS + " from redemption where user_id = :user order by created_at desc")
                .param("user", userId)
                .query(Redemptions::map)
                .list();
    }

    /** The redemptions of a reward, for its sponsor only, newest first. */
    @Transactional(readOnly = true)
    public List<Redemption> ofReward(UUID actorId, UUID rewardId) {
        rewards.sponsored(actorId, rewardId);
        return jdbc.sql("select " + COLUMNS + " from redemption where reward_id = :reward order by created_at desc")
                .param("reward", rewardId)
                .query(Redemptions::map)
                .list();
    }

    /** The sponsor's export of a reward's redemptions (CSV, UTF-8). */
    @Transactional(readOnly = true)
    public String csv(UUID actorId, UUID rewardId) {
        var rows = ofReward(actorId, rewardId);
        var out = new StringWriter();
        try (var printer = new CSVPrinter(
                out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(
                    "reference",
                    "redeemed_at",
                    "status",
                    "reward",
                    "holder",
                    "cost_points",
                    "voucher_code",
                    "donation_amount_cny",
                    "donation_recipient",
                    "cancelled_at");
            for (var r : rows) {
                printer.printRecord(CsvCells.safe(
                        r.reference(),
                        r.createdAt(),
                        r.status(),
                        r.rewardName().en(),
                        r.holderName(),
                        r.costPoints(),
                        r.voucherCode() == null ? "" : r.voucherCode(),
                        r.donationAmount() == null ? "" : r.donationAmount().toPlainString(),
                        r.donationRecipient() == null ? "" : r.donationRecipient(),
                        r.cancelledAt() == null ? "" : r.cancelledAt()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A certificate redemption found by its verification code (for anyone checking a certificate). */
    @Transactional(readOnly = true)
    public Optional<Redemption> certificate(String reference) {
        return jdbc
                .sql("select " + COLUMNS + " from redemption where reference = :reference and kind = 'CERTIFICATE'")
                .param("reference", reference.strip().toUpperCase(Locale.ROOT))
                .query(Redemptions::map)
                .list()
                .stream()
                .findFirst();
    }

    /** The certificate of one of the person's certificate redemptions, as a PDF with its verification code. */
    @Transactional(readOnly = true)
    /** A certificate's PDF in the reader's language, with its verification code and where to check it. */
    public byte[] certificatePdf(UUID userId, UUID redemptionId, String verificationUrl, Locale locale) {
        var redemption = find(userId, redemptionId)
                .filter(r -> r.kind() == Rewards.Kind.CERTIFICATE && r.status() == Redemption.Status.ISSUED)
                .orElseThrow(() -> unknownRedemption(redemptionId));
        String sponsor = rewards.find(redemption.rewardId())
                .map(Rewards.Reward::organisationName)
                .orElse("");
        var bytes = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4.rotate(), 60, 60, 60, 60);
        var writer = PdfWriter.getInstance(document, bytes);
        String title = messages.getMessage("certificate.pdf.title", null, locale);
        document.addTitle(title);
        document.open();
        // A green frame, as the certificate page shows it.
        var frame = writer.getDirectContentUnder();
        frame.setColorStroke(Pdfs.GREEN);
        frame.setLineWidth(3);
        frame.rectangle(
                30,
                30,
                document.getPageSize().getWidth() - 60,
                document.getPageSize().getHeight() - 60);
        frame.stroke();
        Font body = pdfs.font(14);
        String day =
                DateTimeFormatter.ISO_LOCAL_DATE.format(redemption.createdAt().atZone(ProgrammeCalendar.ZONE));
        document.add(centred(messages.getMessage("app.name", null, locale), pdfs.green(16)));
        document.add(centred(title, pdfs.bold(30)));
        document.add(centred(" ", body));
        document.add(centred(messages.getMessage("certificate.pdf.certifies", null, locale), body));
        document.add(centred(redemption.holderName(), pdfs.bold(24)));
        document.add(centred(
                messages.getMessage(
                        "certificate.pdf.earned",
                        new Object[] {redemption.rewardName().in(locale)},
                        locale),
                body));
        if (!sponsor.isEmpty()) {
            document.add(
                    centred(messages.getMessage("certificate.pdf.awardedBy", new Object[] {sponsor}, locale), body));
        }
        document.add(centred(messages.getMessage("certificate.pdf.on", new Object[] {day}, locale), body));
        document.add(centred(" ", body));
        document.add(centred(
                messages.getMessage("certificate.pdf.code", new Object[] {redemption.reference()}, locale),
                pdfs.font(11)));
        document.add(centred(
                messages.getMessage("certificate.pdf.verifyAt", new Object[] {verificationUrl}, locale),
                pdfs.muted(10)));
        document.close();
        return bytes.toByteArray();
    }

    private static Paragraph centred(String text, Font font) {
        var paragraph = new Paragraph(text, font);
        paragraph.setAlignment(Element.ALIGN_CENTER);
        paragraph.setSpacingAfter(8);
        return paragraph;
    }

    /** Ten characters of Crockford's base32 (50 random bits): short enough to read out, long enough not to guess. */
    private String reference() {
        var chars = new char[10];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = REFERENCE_ALPHABET[random.nextInt(REFERENCE_ALPHABET.length)];
        }
        return new String(chars);
    }

    private static Redemption map(ResultSet rs, int row) throws SQLException {
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        return new Redemption(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("reward_id", UUID.class),
                Rewards.Kind.valueOf(rs.getString("kind")),
                new LocalizedText(rs.getString("reward_name_en"), rs.getString("reward_name_zh")),
                rs.getLong("cost_points"),
                Redemption.Status.valueOf(rs.getString("status")),
                rs.getString("reference"),
                rs.getString("holder_name"),
                rs.getString("voucher_code"),
                rs.getBigDecimal("donation_amount"),
                rs.getString("donation_recipient"),
                rs.getObject("points_entry_id", UUID.class),
                rs.getObject("refund_entry_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                cancelled == null ? null : cancelled.toInstant(),
                null);
    }
}
