package org.lowcarbontogether.incentives.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.incentives.PointsEntry;
import org.lowcarbontogether.incentives.PointsReason;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** "Why you got these points": an entry's stored reason as localized sentences, one per step of the arithmetic. */
@Component
class WhyText {

    private final MessageSource messages;

    WhyText(MessageSource messages) {
        this.messages = messages;
    }

    List<String> lines(PointsEntry entry, Locale locale) {
        PointsReason r = entry.reason();
        List<String> lines = new ArrayList<>();
        switch (entry.kind()) {
            case EARNED -> {
                if (r.note() == PointsReason.Note.REVERSED_BEFORE_EARNING) {
                    lines.add(text("incentives.why.reversedBeforeEarning", locale));
                    break;
                }
                lines.add(text("incentives.why.base", locale, r.basePoints(), r.kgPoints(), kg(r.grams())));
                lines.add(text(
                        "incentives.why.evidence",
                        locale,
                        plain(Objects.requireNonNull(r.evidenceFactor(), "an earning has an evidence factor")),
                        text("incentives.evidence." + r.evidence(), locale)));
                if (r.campaignMultiplier() != null) {
                    lines.add(text("incentives.why.campaign", locale, plain(r.campaignMultiplier()), r.campaignName()));
                }
                if (r.newcomerMultiplier() != null) {
                    lines.add(text("incentives.why.newcomer", locale, plain(r.newcomerMultiplier())));
                }
                if (r.cap() != null) {
                    lines.add(text(
                            "incentives.why.cap",
                            locale,
                            r.computed(),
                            entry.points(),
                            r.capLimit(),
                            text("incentives.cap." + r.cap(), locale)));
                } else {
                    lines.add(text("incentives.why.total", locale, entry.points()));
                }
                lines.add(text("incentives.why.rules", locale, r.rulesVersion()));
            }
            case CLAWBACK -> {
                if (r.note() == PointsReason.Note.REVERSAL_BEFORE_CREDIT) {
                    lines.add(text("incentives.why.reversalBeforeCredit", locale));
                } else if (r.note() == PointsReason.Note.PARTLY_SPENT) {
                    lines.add(text("incentives.why.partlySpent", locale, r.earnedPoints(), -entry.points()));
                } else {
                    lines.add(text("incentives.why.clawback", locale, r.earnedPoints()));
                }
            }
            case REDEEMED -> lines.add(text("incentives.why.redeemed", locale, r.rewardName()));
            case REFUNDED ->
                lines.add(text(
                        "incentives.why.refunded",
                        locale,
                        r.rewardName(),
                        text("incentives.note." + r.note(), locale)));
        }
        return lines;
    }

    String sentence(PointsEntry entry, Locale locale) {
        return String.join(" ", lines(entry, locale));
    }

    // MessageSource passes a null argument on to MessageFormat (shown as "null"), but declares the elements non-null
    @SuppressWarnings("NullAway")
    private String text(String key, Locale locale, @Nullable Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String kg(@Nullable Long grams) {
        return BigDecimal.valueOf(grams == null ? 0 : grams, 3)
                .stripTrailingZeros()
                .toPlainString();
    }
}
