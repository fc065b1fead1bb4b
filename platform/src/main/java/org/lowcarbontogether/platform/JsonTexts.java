package org.lowcarbontogether.platform;

import java.util.List;

/**
 * Many JSON texts sent to PostgreSQL as one statement parameter, one per row. A text array ({@code SqlArrayValue("text",
 * …)}) quotes and escapes every character of every text on the way in (PgJDBC, character by character — a tenth of the
 * record writer's time with a receipt per key); a JSON array is the texts joined as they are, and
 * {@code json_array_elements(cast(:texts as json)) with ordinality} hands each one back verbatim, in order, to join
 * with the other columns' {@code unnest(…) with ordinality}.
 */
public final class JsonTexts {

    private JsonTexts() {}

    /** The texts, each a JSON value, as one JSON array. */
    public static String array(List<String> texts) {
        return "[" + String.join(",", texts) + "]";
    }
}
