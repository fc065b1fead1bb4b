package org.lowcarbontogether.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links every page needs about itself: the same page in the other language, its query kept (a filtered list stays
 * filtered when the reader switches language).
 */
@ControllerAdvice(annotations = Controller.class)
class PageLinks {

    /** The current page with {@code lang} set; what {@code switchLanguage.to('zh-CN')} gives a template. */
    record LanguageSwitch(String path, String query) {

        public String to(String language) {
            try {
                return UriComponentsBuilder.fromPath(path)
                        .query(query)
                        .replaceQueryParam("lang", language)
                        .build(true)
                        .toUriString();
            } catch (IllegalArgumentException notEncoded) {
                // A query the browser did not encode: the page without it, rather than no page.
                return UriComponentsBuilder.fromPath(path)
                        .queryParam("lang", language)
                        .build()
                        .encode()
                        .toUriString();
            }
        }
    }

    @ModelAttribute("switchLanguage")
    LanguageSwitch switchLanguage(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String f ? f : forwarded instanceof String p ? p : request.getRequestURI();
        return new LanguageSwitch(path, request.getQueryString() == null ? "" : request.getQueryString());
    }
}
