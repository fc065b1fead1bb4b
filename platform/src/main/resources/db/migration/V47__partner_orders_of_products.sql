-- A partner's order of a registered green product (partner-verified evidence) is kept beside receipt purchases, so the
-- office's figures count both: it has the partner and its reference instead of a receipt photo.
alter table product_purchase alter column receipt_type drop not null;
alter table product_purchase alter column receipt drop not null;
alter table product_purchase add column partner_id uuid;
alter table product_purchase add column partner_reference text;
alter table product_purchase add constraint product_purchase_evidence
    check ((receipt is not null and receipt_type is not null) or (partner_id is not null and partner_reference is not null));
create unique index product_purchase_partner_order on product_purchase (partner_id, partner_reference)
    where partner_id is not null;
