package org.lowcarbontogether.platform;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Objects;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Errors Tomcat answers before any servlet runs — a request line or path it refuses (an encoded NUL or slash, a bad
 * escape) — in the platform's terms instead of Tomcat's English HTML: an RFC 9457 problem under {@code /api}, a short
 * page in the reader's language elsewhere. Replaces the error report valve Spring Boot puts on the host.
 */
@Component
class ContainerErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final MessageSource messages;

    ContainerErrorReports(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve(messages));
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** Tomcat's error report, as a problem or a page in the caller's language. */
    public static class ProblemReportValve extends ErrorReportValve {

        private final @Nullable MessageSource messages;

        /** For Tomcat, which may make one by class name; it then answers in English. */
        public ProblemReportValve() {
            this(null);
        }

        ProblemReportValve(@Nullable MessageSource messages) {
            this.messages = messages;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            if (status == null) {
                status = HttpStatus.BAD_REQUEST;
            }
            Locale locale = locale(request.getHeader("Accept-Language"));
            String problem = ErrorPages.problemCode(status);
            String title = message("problem." + problem + ".title", locale, status.getReasonPhrase());
            String detail = message("problem." + problem + ".detail", locale, "");
            // The path as sent: it may not decode, which is often why Tomcat refused it.
            boolean api = request.getCoyoteRequest().requestURI().toString().startsWith("/api/");
            try {
                String body;
                if (api) {
                    response.setContentType("application/problem+json");
                    body = "{\"type\":\"/problems/" + problem + "\",\"title\":\"" + json(title) + "\",\"status\":"
                            + code + ",\"detail\":\"" + json(detail) + "\"}";
                } else {
                    response.setContentType("text/html");
                    body = "<!DOCTYPE html><html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                            + HtmlUtils.htmlEscape(title)
                            + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>"
                            + HtmlUtils.htmlEscape(detail)
                            + "</p><p><a href=\"/\">" + HtmlUtils.htmlEscape(message("nav.home", locale, "Home"))
                            + "</a></p></body></html>";
                }
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer == null) {
                    return;
                }
                writer.write(body);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The connection is gone or the response already started: nothing more can be said.
            }
        }

        private String message(String key, Locale locale, String fallback) {
            return messages == null
                    ? fallback
                    : Objects.requireNonNull(messages.getMessage(key, null, fallback, locale));
        }

        private static Locale locale(@Nullable String acceptLanguage) {
            return acceptLanguage != null
                            && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("zh")
                    ? Locale.SIMPLIFIED_CHINESE
                    : Locale.ENGLISH;
        }

        private static String json(String text) {
            var out = new StringBuilder();
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }
    }
}
