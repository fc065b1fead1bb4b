package org.lowcarbontogether.account.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security's form login checks what it sends. */
@Controller
class SignInPageController {

    @GetMapping("/login")
    String login() {
        return "account/login";
    }
}
