package org.lowcarbontogether.ledger.web;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Consents;
import org.lowcarbontogether.account.EmailVerification;
import org.lowcarbontogether.account.GuardianConsents;
import org.lowcarbontogether.account.OrganisationApplications;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.Equivalents;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.LocalizedText;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "My account": the balance and every entry with its provenance — version, factors, sources and the arithmetic. */
@Controller
class CarbonAccountPageController {

    private final Ledger ledger;
    private final Methodology methodology;
    private final Organisations organisations;
    private final OrganisationApplications applications;
    private final Equivalents equivalents;
    private final EmailVerification verification;
    private final GuardianConsents guardians;
    private final Consents consents;

    CarbonAccountPageController(
            Ledger ledger,
            Methodology methodology,
            Organisations organisations,
            OrganisationApplications applications,
            Equivalents equivalents,
            EmailVerification verification,
            GuardianConsents guardians,
            Consents consents) {
        this.ledger = ledger;
        this.methodology = methodology;
        this.organisations = organisations;
        this.applications = applications;
        this.equivalents = equivalents;
        this.verification = verification;
        this.guardians = guardians;
        this.consents = consents;
    }

    @GetMapping("/account")
    String account(
            @AuthenticationPrincipal Actor me, @RequestParam(required = false) @Nullable UUID credited, Model model) {
        var statement = ledger.statement(me.id(), 200);
        model.addAttribute("me", me);
        model.addAttribute("names", behaviourNames());
        model.addAttribute("statement", statement);
        var entry = credited == null ? null : ledger.entry(me.id(), credited).orElse(null);
        model.addAttribute("credited", entry);
        model.addAttribute(
                "equivalent",
                entry == null ? null : equivalents.drivingKm(entry.grams()).orElse(null));
        model.addAttribute("invitations", organisations.invitations(me.id()).size());
        model.addAttribute("applications", applications.mine(me.id()));
        model.addAttribute("unverified", !verification.isVerified(me.id()));
        model.addAttribute("guardianPending", guardians.pending(me.id()).orElse(null));
        model.addAttribute("consent", consents.latest(me.id()).orElse(null));
        return "ledger/account";
    }

    /** "Verify my ledger" as a page: the chain recomputed from the stored rows, and what that means. */
    @GetMapping("/account/verify")
    String verify(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("verification", ledger.verify(me.id()));
        return "ledger/verify";
    }

    /** Behaviour names across all published versions, the newest wording winning. */
    private Map<String, LocalizedText> behaviourNames() {
        Map<String, LocalizedText> names = new HashMap<>();
        for (var version : methodology.publishedVersions()) {
            version.behaviours().forEach(b -> names.putIfAbsent(b.code(), b.name()));
        }
        return names;
    }
}
