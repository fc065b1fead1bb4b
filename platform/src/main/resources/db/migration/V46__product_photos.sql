-- Photos of a registered product, added by its enterprise: checked and re-encoded (platform.Photos), shown on the
-- public product page once the product is public. Who added one is in the audit log, not here.
create table product_photo (
    id           uuid        primary key,
    product_id   uuid        not null references product (id) on delete cascade,
    content_type text        not null,
    width        int         not null,
    height       int         not null,
    content      bytea       not null,
    sha256       text        not null,
    added_at     timestamptz not null
);
create index product_photo_product on product_photo (product_id, added_at);
