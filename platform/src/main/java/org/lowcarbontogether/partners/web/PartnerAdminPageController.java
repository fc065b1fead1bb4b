package org.lowcarbontogether.partners.web;

import java.util.Locale;
import java.util.UUID;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.partners.PartnerClients;
import org.lowcarbontogether.partners.PartnerReports;
import org.lowcarbontogether.partners.PartnerSigningKeys;
import org.lowcarbontogether.partners.PartnerWebhooks;
import org.lowcarbontogether.partners.Partners;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Programme officers' partner pages: the list (with the keys that sign partner tokens, and their rotation), onboarding,
 * and each partner's page — credentials per mode (a new secret shown once), the previous secret's overlap, suspension,
 * and the partner's figures.
 */
@Controller
class PartnerAdminPageController {

    private final Partners partners;
    private final PartnerReports reports;
    private final ProblemWriter problems;
    private final PartnerWebhooks webhooks;
    private final PartnerSigningKeys signingKeys;

    PartnerAdminPageController(
            Partners partners,
            PartnerReports reports,
            ProblemWriter problems,
            PartnerWebhooks webhooks,
            PartnerSigningKeys signingKeys) {
        this.partners = partners;
        this.reports = reports;
        this.problems = problems;
        this.webhooks = webhooks;
        this.signingKeys = signingKeys;
    }

    @GetMapping("/admin/partners")
    String all(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("partners", partners.all(me));
        model.addAttribute("signing", signingKeys.overview(me));
        return "partners/admin-list";
    }

    /** A new key that signs partner tokens: after the publishing period, or at once. */
    @PostMapping("/admin/partners/signing-keys/rotation")
    String rotateSigningKey(
            @AuthenticationPrincipal AuthenticatedUser me, @RequestParam(defaultValue = "false") boolean immediately) {
        signingKeys.rotate(me, immediately);
        return "redirect:/admin/partners#signing-keys";
    }

    @GetMapping("/admin/partners/new")
    String onboarding(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        return form(me, new OnboardingForm(), model);
    }

    private String form(AuthenticatedUser me, OnboardingForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("organisations", partners.partnerOrganisations(me));
        model.addAttribute("behaviours", partners.creditableBehaviours());
        return "partners/admin-new";
    }

    @PostMapping("/admin/partners")
    String onboard(
            @AuthenticationPrincipal AuthenticatedUser me,
            @ModelAttribute("form") OnboardingForm form,
            Model model,
            Locale locale) {
        try {
            var partner = partners.onboard(me, form.onboarding());
            return "redirect:/admin/partners/" + partner.id();
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute(
                    "problems", problems.fieldMessages(refusal, locale).values());
            return form(me, form, model);
        }
    }

    @GetMapping("/admin/partners/{id}")
    String partner(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("partner", partners.get(me, id));
        var clients = new java.util.HashMap<String, PartnerClients.Client>();
        partners.clients(me, id).forEach(c -> clients.put(c.mode().name(), c));
        model.addAttribute("clients", clients);
        model.addAttribute("report", reports.summary(me, id));
        model.addAttribute("endpoints", webhooks.endpoints(me, id));
        model.addAttribute("deliveries", webhooks.recentDeliveries(me, id));
        return "partners/admin-partner";
    }

    @GetMapping("/admin/partners/{id}/edit")
    String changing(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, Model model) {
        var partner = partners.get(me, id);
        model.addAttribute("partner", partner);
        return form(me, OnboardingForm.of(partner), model);
    }

    @PostMapping("/admin/partners/{id}")
    String change(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @ModelAttribute("form") OnboardingForm form,
            Model model,
            Locale locale) {
        try {
            partners.change(me, id, form.onboarding());
            return "redirect:/admin/partners/" + id;
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("partner", partners.get(me, id));
            model.addAttribute(
                    "problems", problems.fieldMessages(refusal, locale).values());
            return form(me, form, model);
        }
    }

    @PostMapping("/admin/partners/{id}/credentials/{mode}")
    String credentials(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @PathVariable Partners.Mode mode,
            Model model) {
        // Shown on this answer only: the secret is kept as a hash.
        model.addAttribute("issued", partners.issueCredentials(me, id, mode));
        return partner(me, id, model);
    }

    @PostMapping("/admin/partners/{id}/credentials/{mode}/previous")
    String endPrevious(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @PathVariable Partners.Mode mode) {
        partners.endPreviousSecret(me, id, mode);
        return "redirect:/admin/partners/" + id;
    }

    @PostMapping("/admin/partners/{id}/suspension")
    String suspend(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        partners.suspend(me, id);
        return "redirect:/admin/partners/" + id;
    }

    @PostMapping("/admin/partners/{id}/reactivation")
    String reactivate(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        partners.reactivate(me, id);
        return "redirect:/admin/partners/" + id;
    }

    @PostMapping("/admin/partners/{id}/webhooks/deliveries/{message}/redelivery")
    String redeliver(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @PathVariable UUID message) {
        webhooks.redeliver(me, id, message);
        return "redirect:/admin/partners/" + id + "#deliveries";
    }
}
