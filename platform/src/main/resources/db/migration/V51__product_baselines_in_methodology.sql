-- Product category baselines are part of the methodology from version 1.3.0 (its productBaselines section): the
-- products module reads the baseline of the version in effect on the day of purchase, never a column of the registry.
-- The column that pointed at 1.2.0 factors goes; credited purchases keep their citation in their record's externalRef.
alter table product_category drop column baseline_factor_id;
