package org.lowcarbontogether.account;

import java.util.EnumSet;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/** Creates the administrator named in configuration, once; an existing account with that email is made admin. */
@Component
@Order(0)
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final AdminProperties properties;
    private final Registration registration;
    private final Users users;

    FirstAdministrator(AdminProperties properties, Registration registration, Users users) {
        this.properties = properties;
        this.registration = registration;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = properties.email();
        String password = properties.password();
        if (!StringUtils.hasText(email) || !StringUtils.hasText(password)) {
            return;
        }
        var existing = users.findByEmail(Registration.normalise(email));
        if (existing.isPresent()) {
            var roles = EnumSet.copyOf(existing.get().roles());
            if (roles.add(Role.ADMIN)) {
                users.setRoles(existing.get().id(), roles, null);
                log.info("Granted the administrator role to {}", email);
            }
            return;
        }
        try {
            registration.register(
                    new Registration.SignUp(email, "Administrator", password),
                    EnumSet.of(Role.ADMIN, Role.PARTICIPANT));
        } catch (Refusal e) {
            throw new IllegalStateException(
                    "The configured first administrator (lct.admin.email / lct.admin.password) " + "is not acceptable: "
                            + e.violations().stream()
                                    .map(v -> v.field() + " " + v.code())
                                    .toList(),
                    e);
        }
        log.info("Created the first administrator {}", email);
    }
}
