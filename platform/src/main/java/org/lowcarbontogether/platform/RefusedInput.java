package org.lowcarbontogether.platform;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A value in a JSON body that the input boundary refuses (a text that deceives, a date out of range): answered 422 with
 * the field's path and the rule it broke, never stored.
 */
class RefusedInput extends InvalidFormatException {

    private final String code;

    RefusedInput(JsonParser parser, String code, Object value, Class<?> type) {
        super(parser, code, value, type);
        this.code = code;
    }

    String code() {
        return code;
    }
}
