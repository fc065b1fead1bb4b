package org.lowcarbontogether.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The language a piece of content is written in, for its element's {@code lang} ({@code th:lang="${@text.language(
 * community.name)}"}): people write names, descriptions and stories in the language they choose, and a reader of the
 * other language (and their screen reader) is told which one it is. Chinese when Han characters carry the text (each
 * standing for about two Latin letters), English when Latin letters do; nothing when the text has neither.
 */
@Component("text")
public class TextLanguage {

    /**
     * Content to put inside a message (by {@code th:utext}): escaped, and marked with its language — "由<span
     * lang="en">Green Campus</span>提供". The message around it is the platform's own text.
     */
    public String wrap(@Nullable Object content) {
        String text = content == null ? "" : HtmlUtils.htmlEscape(content.toString());
        String language = language(content);
        return language == null ? text : "<span lang=\"" + language + "\">" + text + "</span>";
    }

    public @Nullable String language(@Nullable Object content) {
        if (!(content instanceof CharSequence text)) {
            return null;
        }
        long han = text.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                .count();
        long latin = text.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN)
                .count();
        if (han == 0 && latin == 0) {
            return null;
        }
        return han * 2 >= latin ? "zh-CN" : "en";
    }
}
