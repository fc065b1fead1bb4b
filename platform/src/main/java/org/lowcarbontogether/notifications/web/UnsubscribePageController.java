package org.lowcarbontogether.notifications.web;

import org.lowcarbontogether.notifications.Unsubscribe;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * One-click unsubscribe (RFC 8058), without signing in. A mail reader's POST (body {@code List-Unsubscribe=One-Click})
 * turns the kind's email off at once; a person who follows the link sees what it stops and a button that posts the
 * same. The token is the capability, so these two addresses need no session and no CSRF token; a token the platform
 * did not sign changes nothing and answers 404.
 */
@Controller
class UnsubscribePageController {

    private final Unsubscribe unsubscribe;

    UnsubscribePageController(Unsubscribe unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    @GetMapping("/unsubscribe/{token}")
    ModelAndView confirm(@PathVariable String token) {
        var target = unsubscribe.read(token);
        var page = new ModelAndView("notifications/unsubscribe");
        page.addObject("token", token);
        page.addObject("kind", target.map(t -> t.kind().name()).orElse(null));
        page.addObject("done", false);
        if (target.isEmpty()) {
            page.setStatus(HttpStatus.NOT_FOUND);
        }
        return page;
    }

    @PostMapping("/unsubscribe/{token}")
    ModelAndView unsubscribe(@PathVariable String token, Model model) {
        var target = unsubscribe.unsubscribe(token);
        var page = new ModelAndView("notifications/unsubscribe");
        page.addObject("token", token);
        page.addObject("kind", target.map(t -> t.kind().name()).orElse(null));
        page.addObject("done", target.isPresent());
        if (target.isEmpty()) {
            page.setStatus(HttpStatus.NOT_FOUND);
        }
        return page;
    }
}
