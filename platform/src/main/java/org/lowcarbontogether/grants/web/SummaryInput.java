package org.lowcarbontogether.grants.web;

import org.jspecify.annotations.Nullable;

/** What an officer writes into the executive summary: its key findings and policy recommendations. */
class SummaryInput {

    private @Nullable String keyFindings;
    private @Nullable String recommendations;

    public @Nullable String getKeyFindings() {
        return keyFindings;
    }

    public void setKeyFindings(@Nullable String keyFindings) {
        this.keyFindings = keyFindings;
    }

    public @Nullable String getRecommendations() {
        return recommendations;
    }

    public void setRecommendations(@Nullable String recommendations) {
        this.recommendations = recommendations;
    }
}
