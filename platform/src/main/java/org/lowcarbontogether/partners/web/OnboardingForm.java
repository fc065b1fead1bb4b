package org.lowcarbontogether.partners.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.partners.Partners;

/**
 * The onboarding page's form. Scenarios are typed one a line as {@code code | English label | 中文名称 | BEHAVIOUR,
 * BEHAVIOUR}; redirect addresses one a line. The service checks everything.
 */
class OnboardingForm {

    private @Nullable UUID organisationId;
    private String nameEn = "";
    private String nameZh = "";
    private List<String> behaviours = new ArrayList<>();
    private String scenarios = "";
    private String redirectUris = "";

    /** The form filled with a partner as it is, for changing it. */
    static OnboardingForm of(Partners.Partner partner) {
        var form = new OnboardingForm();
        form.organisationId = partner.organisationId();
        form.nameEn = partner.nameEn();
        form.nameZh = partner.nameZh();
        form.behaviours = new ArrayList<>(partner.behaviours());
        form.scenarios = String.join(
                "\n",
                partner.scenarios().stream()
                        .map(sc -> String.join(
                                " | ",
                                String.valueOf(sc.code()),
                                String.valueOf(sc.labelEn()),
                                String.valueOf(sc.labelZh()),
                                String.join(", ", sc.behaviours() == null ? List.of() : sc.behaviours())))
                        .toList());
        form.redirectUris = String.join("\n", partner.redirectUris());
        return form;
    }

    Partners.Onboarding onboarding() {
        var parsed = new ArrayList<Partners.Scenario>();
        for (String line : scenarios.lines().filter(l -> !l.isBlank()).toList()) {
            String[] cells = line.split("\\|", -1);
            parsed.add(new Partners.Scenario(
                    cell(cells, 0),
                    cell(cells, 1),
                    cell(cells, 2),
                    cells.length > 3
                            ? Arrays.stream(cells[3].split(","))
                                    .map(String::strip)
                                    .filter(s -> !s.isEmpty())
                                    .toList()
                            : List.of()));
        }
        return new Partners.Onboarding(
                organisationId,
                nameEn,
                nameZh,
                behaviours,
                parsed,
                redirectUris
                        .lines()
                        .filter(l -> !l.isBlank())
                        .map(String::strip)
                        .toList());
    }

    private static @Nullable String cell(String[] cells, int i) {
        return i < cells.length ? cells[i].strip() : null;
    }

    public @Nullable UUID getOrganisationId() {
        return organisationId;
    }

    public void setOrganisationId(@Nullable UUID organisationId) {
        this.organisationId = organisationId;
    }

    public String getNameEn() {
        return nameEn;
    }

    public void setNameEn(String nameEn) {
        this.nameEn = nameEn;
    }

    public String getNameZh() {
        return nameZh;
    }

    public void setNameZh(String nameZh) {
        this.nameZh = nameZh;
    }

    public List<String> getBehaviours() {
        return behaviours;
    }

    public void setBehaviours(List<String> behaviours) {
        this.behaviours = behaviours;
    }

    public String getScenarios() {
        return scenarios;
    }

    public void setScenarios(String scenarios) {
        this.scenarios = scenarios;
    }

    public String getRedirectUris() {
        return redirectUris;
    }

    public void setRedirectUris(String redirectUris) {
        this.redirectUris = redirectUris;
    }
}
