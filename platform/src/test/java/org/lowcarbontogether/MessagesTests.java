package org.lowcarbontogether;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The two languages say the same things: the same keys in both, and every message a valid pattern in each. */
class MessagesTests {

    private static final java.util.regex.Pattern ARGUMENT = java.util.regex.Pattern.compile("\\{\\d");

    private static Properties load(String name) throws IOException {
        var properties = new Properties();
        try (var in =
                new InputStreamReader(MessagesTests.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void everyMessageIsInBothLanguagesAndIsAValidPattern() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        var onlyEnglish = new TreeSet<>(en.stringPropertyNames());
        onlyEnglish.removeAll(zh.stringPropertyNames());
        var onlyChinese = new TreeSet<>(zh.stringPropertyNames());
        onlyChinese.removeAll(en.stringPropertyNames());
        assertThat(onlyEnglish).as("keys without a Chinese message").isEmpty();
        assertThat(onlyChinese).as("keys without an English message").isEmpty();

        List<String> broken = new ArrayList<>();
        for (Properties messages : List.of(en, zh)) {
            for (String key : messages.stringPropertyNames()) {
                String value = messages.getProperty(key);
                if (!ARGUMENT.matcher(value).find()) {
                    continue; // shown as written: Spring formats only messages given arguments
                }
                try {
                    new MessageFormat(value);
                } catch (IllegalArgumentException e) {
                    broken.add(key + "=" + value);
                }
            }
        }
        assertThat(broken).as("messages that are not valid patterns").isEmpty();
    }
}
