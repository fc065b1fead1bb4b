package org.lowcarbontogether.campaigns.web;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.FormNumber;

/** A Green Graduation item as its giver lists it; the service checks the category, title and weight. */
class ItemInput {

    private String category = "";
    private String title = "";
    private String description = "";

    @FormNumber
    private @Nullable BigDecimal weightKg;

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public @Nullable BigDecimal getWeightKg() {
        return weightKg;
    }

    public void setWeightKg(@Nullable BigDecimal weightKg) {
        this.weightKg = weightKg;
    }
}
