package org.lowcarbontogether.shared;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * The rules every text typed into the platform meets: normalised to NFC, and free of what deceives a reader or breaks
 * storage — control characters (NUL included), bidirectional overrides and isolates, unpaired surrogates and
 * noncharacters, runs of more than {@value #MAX_COMBINING_RUN} combining marks, and a non-empty text with nothing
 * visible in it (blank text is left to the caller, which treats it as absent).
 */
public final class Texts {

    /** Scripts that stack marks (Thai, Devanagari, Vietnamese) need at most three or four; more is decoration. */
    public static final int MAX_COMBINING_RUN = 4;

    /** Why a text is refused. */
    public enum Problem {
        CONTROL,
        BIDI,
        INVISIBLE,
        MARKS
    }

    private Texts() {}

    public static String normalise(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** What is wrong with a text, or null when it may be kept. */
    public static @Nullable Problem problem(String text) {
        int run = 0;
        boolean visible = false;
        boolean onlySpace = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isSurrogate(text.charAt(i)) && Character.charCount(c) == 1) {
                return Problem.CONTROL;
            }
            i += Character.charCount(c);
            if (c == '\t' || c == '\n' || c == '\r') {
                run = 0;
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) {
                return Problem.CONTROL;
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return Problem.BIDI;
            }
            boolean space = Character.isWhitespace(c) || type == Character.SPACE_SEPARATOR;
            onlySpace &= space;
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                if (++run > MAX_COMBINING_RUN) {
                    return Problem.MARKS;
                }
                continue;
            }
            run = 0;
            if (!space && type != Character.FORMAT) {
                visible = true;
            }
        }
        // Blank text is the caller's to treat as absent; text made only of invisible characters passes for a value.
        return !onlySpace && !visible ? Problem.INVISIBLE : null;
    }
}
