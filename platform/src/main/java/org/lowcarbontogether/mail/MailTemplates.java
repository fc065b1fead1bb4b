package org.lowcarbontogether.mail;

import java.util.HashMap;
import java.util.Locale;
import org.lowcarbontogether.platform.PublicUrl;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes a message in its recipient's language: the subject from {@code messages*.properties}, the plain text from
 * {@code templates/mail/<template>.txt} and the HTML from {@code templates/mail/<template>.html}. Its own template
 * engines, not beans, so the pages' engine stays Spring Boot's; they share the pages' messages.
 */
@Component
class MailTemplates {

    /** A message as it will be sent. */
    record Written(String subject, String text, String html) {}

    private final MessageSource messages;
    private final SpringTemplateEngine html;
    private final SpringTemplateEngine text;
    private final String publicUrl;

    MailTemplates(MessageSource messages, PublicUrl publicUrl) {
        this.messages = messages;
        this.html = engine(messages, TemplateMode.HTML, ".html");
        this.text = engine(messages, TemplateMode.TEXT, ".txt");
        this.publicUrl = publicUrl.base();
    }

    Written write(Message message, Locale language) {
        String subject = messages.getMessage(
                message.subjectKey(), message.subjectArguments().toArray(), language);
        var variables = new HashMap<String, Object>(message.model());
        variables.put("subject", subject);
        variables.put("publicUrl", publicUrl);
        var context = new Context(language, variables);
        return new Written(
                subject.replaceAll("\\s+", " ").strip(),
                text.process(message.template(), context),
                html.process(message.template(), context));
    }

    private static SpringTemplateEngine engine(MessageSource messages, TemplateMode mode, String suffix) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        var engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }
}
