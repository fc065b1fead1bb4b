package org.lowcarbontogether.platform;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The security log: sign-ins that succeed or fail, refused requests (401, 403, 429), token and password changes — who
 * (a person's id, or a pseudonym of the account's email: the first 12 hex digits of its SHA-256, which an operator can
 * compute for an address they are asked about), from where, what, when (the log's UTC timestamp). Never a password, a token or an email address. Logger {@code
 * lct.security}, so operators can route it apart.
 */
@Component
public class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger("lct.security");

    /** A person-level event from a module: a token issued or revoked, a password changed, a role granted. */
    public static void record(String event, Object who, String detail) {
        log.info("event={} who={} {}", event, who, detail);
    }

    /** A request refused for who it came from: unauthenticated, forbidden, or over its budget. */
    static void refused(int status, String method, String path, @Nullable String who, String address, String code) {
        log.warn(
                "event=refused status={} code={} method={} path={} who={} address={}",
                status,
                code,
                method,
                path,
                who == null ? "anonymous" : who,
                address);
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        log.warn(
                "event=sign-in-failed account={} address={} reason={}",
                pseudonym(event.getAuthentication().getName()),
                address(event.getAuthentication().getDetails()),
                event.getException().getClass().getSimpleName());
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        log.info(
                "event=sign-in account={} address={}",
                pseudonym(event.getAuthentication().getName()),
                address(event.getAuthentication().getDetails()));
    }

    /** Whoever is signed in on this request, as a pseudonym; {@code null} when nobody is. */
    static @Nullable String current() {
        var who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken
                ? null
                : pseudonym(who.getName());
    }

    static String pseudonym(@Nullable String account) {
        return account == null
                ? "none"
                : Hashes.sha256(account.strip().toLowerCase(Locale.ROOT)).substring(0, 12);
    }

    private static String address(@Nullable Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress()
                : "unknown";
    }
}
