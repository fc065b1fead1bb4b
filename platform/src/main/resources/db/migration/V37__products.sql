-- Green products: enterprises' products (by GTIN) with their claims — labels held and footprint disclosures — reviewed
-- by accredited NGOs, challengeable by anyone signed in, and the only source of product-based credits.

-- The categories products are registered in, each with its functional unit and, where the methodology has one, the
-- emission factor that is the category's typical footprint (the baseline a disclosure is compared and credited against).
create table product_category (
    code                text    primary key,
    name_en             text    not null,
    name_zh             text    not null,
    functional_unit     text    not null check (functional_unit in ('kg')),
    -- a methodology factor id (kg CO2e per kg); null: the methodology has no baseline for the category
    baseline_factor_id  text,
    position            integer not null
);

-- The labels an enterprise may claim, maintained here: who issues each one and how anyone can verify a certificate.
create table product_label_scheme (
    code       text    primary key,
    name_en    text    not null,
    name_zh    text    not null,
    issuer_en  text    not null,
    issuer_zh  text    not null,
    verify_en  text    not null,
    verify_zh  text    not null,
    -- a graded label (the energy label's grades 1 to 5) states its grade
    graded     boolean not null default false,
    position   integer not null
);

-- Organisations the programme office accredited to review product claims.
create table product_review_accreditation (
    organisation_id uuid        primary key,
    accredited_by   uuid        not null,
    accredited_at   timestamptz not null
);

-- Conflicts a reviewer declared with an enterprise: they never review its claims.
create table product_review_conflict (
    reviewer_id   uuid        not null,
    enterprise_id uuid        not null,
    reason        text        not null,
    declared_at   timestamptz not null,
    primary key (reviewer_id, enterprise_id)
);

create table product (
    id             uuid        primary key,
    -- GTIN-14 (shorter GTINs left-padded with zeros), check digit verified
    gtin           text        not null unique check (gtin ~ '^[0-9]{14}$'),
    enterprise_id  uuid        not null,
    name           text        not null,
    brand          text        not null,
    category       text        not null references product_category (code),
    -- how many of the category's functional units one item is (0.5 kg of coffee)
    units_per_item numeric     not null check (units_per_item > 0),
    created_by     uuid        not null,
    created_at     timestamptz not null
);
create index product_enterprise on product (enterprise_id, created_at desc);
create index product_name on product (lower(name));

create table product_claim (
    id                       uuid        primary key,
    product_id               uuid        not null references product (id),
    kind                     text        not null check (kind in ('LABEL', 'FOOTPRINT')),
    status                   text        not null check (status in
                                 ('SUBMITTED', 'IN_REVIEW', 'VERIFIED', 'NEEDS_CHANGES', 'DISPUTED', 'REJECTED')),
    label_scheme             text        references product_label_scheme (code),
    certificate_number       text,
    grade                    integer     check (grade between 1 and 5),
    certificate_expires_on   date,
    -- kg CO2e per functional unit, as disclosed
    footprint_kg             numeric     check (footprint_kg >= 0),
    system_boundary          text        check (system_boundary in ('CRADLE_TO_GATE', 'CRADLE_TO_GRAVE')),
    standard                 text        check (standard in ('ISO_14067', 'PAS_2050', 'GHG_PROTOCOL_PRODUCT', 'OTHER')),
    data_year                integer,
    verifier                 text,
    submitted_by             uuid        not null,
    submitted_at             timestamptz not null,
    reviewer_id              uuid,
    reviewer_organisation_id uuid,
    verified_at              timestamptz,
    expires_at               timestamptz,
    updated_at               timestamptz not null,
    check ((kind = 'LABEL') = (label_scheme is not null)),
    check ((kind = 'FOOTPRINT') = (footprint_kg is not null))
);
create index product_claim_product on product_claim (product_id);
create index product_claim_queue on product_claim (status, submitted_at);

-- Evidence documents of a claim (certificates, verification statements): PDF or image, checked by content and size.
create table product_evidence (
    id           uuid        primary key,
    claim_id     uuid        not null references product_claim (id),
    file_name    text        not null,
    content_type text        not null,
    content      bytea       not null,
    uploaded_by  uuid        not null,
    uploaded_at  timestamptz not null
);
create index product_evidence_claim on product_evidence (claim_id);

-- Every step of a claim's review, in order: who moved it from which status to which, why, and what was checked.
create table product_review_step (
    id          bigserial   primary key,
    claim_id    uuid        not null references product_claim (id),
    at          timestamptz not null,
    actor_id    uuid        not null,
    organisation_id uuid,
    from_status text,
    to_status   text        not null,
    reasons     text,
    checklist   text[]      not null default '{}'
);
create index product_review_step_claim on product_review_step (claim_id, id);

-- Public challenges of a claim: a signed-in person's statement and evidence; the reviewing organisation answers in time.
create table product_challenge (
    id             uuid        primary key,
    claim_id       uuid        not null references product_claim (id),
    -- null once the person who filed it deleted their account (the challenge and its outcome stay public)
    filed_by       uuid,
    filed_at       timestamptz not null,
    statement      text        not null,
    evidence_url   text,
    document_name  text,
    document_type  text,
    document       bytea,
    due_at         timestamptz not null,
    status         text        not null check (status in ('OPEN', 'UPHELD', 'DISMISSED')),
    answer         text,
    answered_by    uuid,
    answered_at    timestamptz
);
create index product_challenge_claim on product_challenge (claim_id, filed_at);
create index product_challenge_open on product_challenge (status, due_at);

-- Purchases of registered products people recorded, with their receipt photo; the record itself is recording's.
create table product_purchase (
    id           uuid        primary key,
    user_id      uuid        not null,
    product_id   uuid        not null references product (id),
    claim_id     uuid        not null references product_claim (id),
    record_id    uuid        not null,
    receipt_type text        not null,
    receipt      bytea       not null,
    created_at   timestamptz not null
);
create index product_purchase_user on product_purchase (user_id, created_at);

insert into product_category (code, name_en, name_zh, functional_unit, baseline_factor_id, position) values
    ('CLOTHING', 'Clothing', '服装', 'kg', 'EF-CLOTHING-PRIMARY-GB-2025', 1),
    ('FOOD_AND_DRINK', 'Food and drink', '食品饮料', 'kg', 'EF-FOOD-DRINK-PRIMARY-GB-2025', 2),
    ('PAPER_PRODUCTS', 'Paper products', '纸制品', 'kg', 'EF-PAPER-PRIMARY-GB-2025', 3),
    ('SMALL_ELECTRICAL', 'Small electrical items', '小家电', 'kg', 'EF-ELECTRICAL-SMALL-PRIMARY-GB-2025', 4),
    ('IT_EQUIPMENT', 'IT equipment', '信息技术设备', 'kg', 'EF-ELECTRICAL-IT-PRIMARY-GB-2025', 5),
    ('HOUSEHOLD_APPLIANCES', 'Large household appliances', '大型家用电器', 'kg', null, 6),
    ('CLEANING_AND_PERSONAL_CARE', 'Cleaning and personal care', '清洁和个人护理用品', 'kg', null, 7);

insert into product_label_scheme (code, name_en, name_zh, issuer_en, issuer_zh, verify_en, verify_zh, graded, position) values
    ('CHINA_ENVIRONMENTAL_LABEL', 'China Environmental Labelling (Ten Rings)', '中国环境标志（十环）',
     'China Environmental United Certification Center (CEC), under the Ministry of Ecology and Environment',
     '中环联合（北京）认证中心（生态环境部下属）',
     'Search the certificate number in CEC''s certificate query at www.mepcec.com, or in CNCA''s certification information platform.',
     '在中环联合认证中心网站 www.mepcec.com 的证书查询中，或在国家认监委认证认可信息公共服务平台上查询证书编号。',
     false, 1),
    ('CHINA_ENERGY_LABEL', 'China Energy Label', '中国能效标识',
     'National Development and Reform Commission and State Administration for Market Regulation; filed with the China Energy Label Center',
     '国家发展改革委、国家市场监督管理总局；在中国能效标识管理中心备案',
     'Search the record number printed on the label at www.energylabel.com.cn; the grade (1 is best) must match.',
     '在 www.energylabel.com.cn 查询标识上的备案号，等级（1级最优）须一致。',
     true, 2),
    ('LOW_CARBON_PRODUCT_CERTIFICATION', 'Low-carbon product certification', '低碳产品认证',
     'Certification bodies approved by the Certification and Accreditation Administration (CNCA)',
     '经国家认证认可监督管理委员会批准的认证机构',
     'Search the certificate number in CNCA''s certification information platform (cx.cnca.cn).',
     '在国家认监委认证认可信息公共服务平台（cx.cnca.cn）查询证书编号。',
     false, 3),
    ('CHINA_GREEN_PRODUCT_CERTIFICATION', 'China green product certification', '中国绿色产品认证',
     'Certification bodies approved by CNCA under the unified green product scheme',
     '经国家认监委批准的统一绿色产品认证机构',
     'Search the certificate number in CNCA''s certification information platform (cx.cnca.cn).',
     '在国家认监委认证认可信息公共服务平台（cx.cnca.cn）查询证书编号。',
     false, 4),
    ('ENERGY_CONSERVATION_CERTIFICATION', 'Energy conservation certification', '节能产品认证',
     'China Quality Certification Centre (CQC) and other CNCA-approved bodies',
     '中国质量认证中心（CQC）等经国家认监委批准的机构',
     'Search the certificate number at www.cqc.com.cn or in CNCA''s certification information platform.',
     '在 www.cqc.com.cn 或国家认监委认证认可信息公共服务平台查询证书编号。',
     false, 5),
    ('WATER_EFFICIENCY_LABEL', 'China Water Efficiency Label', '中国水效标识',
     'National Development and Reform Commission and State Administration for Market Regulation',
     '国家发展改革委、国家市场监督管理总局',
     'Search the record number printed on the label in the water efficiency label filing system; the grade must match.',
     '在水效标识备案系统中查询标识上的备案号，等级须一致。',
     true, 6);
