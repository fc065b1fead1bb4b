package org.lowcarbontogether.shared;

import java.util.Locale;
import org.jspecify.annotations.NullMarked;

/** A text in the platform's two languages: English and Simplified Chinese. */
@NullMarked
public record LocalizedText(String en, String zh) {

    public LocalizedText {
        if (en == null || en.isBlank()) {
            throw new IllegalArgumentException("An English text is required");
        }
        if (zh == null || zh.isBlank()) {
            throw new IllegalArgumentException("A Chinese text is required for: " + en);
        }
    }

    /** The text for a locale: Chinese for any zh locale, English otherwise. */
    public String in(Locale locale) {
        return isChinese(locale) ? zh : en;
    }

    public static boolean isChinese(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }
}
