-- Ticket packages of an event, their custom options (at most 4), the immutable audit log,
-- the live sales projection built from purchase.sales, and the outbox of catalog.packages.

CREATE TABLE ticket_packages (
    id                 uuid          NOT NULL,
    event_id           uuid          NOT NULL,
    name               varchar(100)  NOT NULL,
    description        varchar(2000),
    price              numeric(12,2) NOT NULL,
    quantity_limit     integer,
    display_order      integer       NOT NULL,
    is_enabled         boolean       NOT NULL DEFAULT true,
    seats_per_package  integer       NOT NULL DEFAULT 1,
    fair_market_value  numeric(12,2),
    image_url          text,
    -- highest media.images version applied; image changes never bump "version"
    image_version      bigint        NOT NULL DEFAULT 0,
    -- counts coordinators' changes to the package and its options (If-Match)
    version            bigint        NOT NULL DEFAULT 1,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,
    CONSTRAINT pk_ticket_packages PRIMARY KEY (id),
    CONSTRAINT ck_package_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
    CONSTRAINT ck_package_price_range CHECK (price >= 0 AND price <= 1000000),
    CONSTRAINT ck_package_quantity_limit_range CHECK (quantity_limit IS NULL OR quantity_limit BETWEEN 1 AND 100000),
    CONSTRAINT ck_package_display_order_nonnegative CHECK (display_order >= 0),
    CONSTRAINT ck_package_seats_range CHECK (seats_per_package BETWEEN 1 AND 50),
    CONSTRAINT ck_package_fair_market_value_range CHECK (fair_market_value IS NULL OR (fair_market_value >= 0 AND fair_market_value <= price)),
    CONSTRAINT ck_package_version_positive CHECK (version >= 1)
);
CREATE INDEX ix_ticket_packages_event_order ON ticket_packages (event_id, display_order, created_at);

CREATE TABLE custom_ticket_options (
    id             uuid         NOT NULL,
    package_id     uuid         NOT NULL,
    -- one of four slots: the unique (package_id, slot) makes a fifth option impossible in the database
    slot           smallint     NOT NULL,
    label          varchar(200) NOT NULL,
    option_type    varchar(20)  NOT NULL,
    choices        jsonb,
    is_required    boolean      NOT NULL DEFAULT false,
    display_order  integer      NOT NULL,
    max_length     integer,
    created_at     timestamptz  NOT NULL,
    CONSTRAINT pk_custom_ticket_options PRIMARY KEY (id),
    CONSTRAINT fk_option_package FOREIGN KEY (package_id) REFERENCES ticket_packages (id) ON DELETE CASCADE,
    CONSTRAINT uq_option_package_slot UNIQUE (package_id, slot),
    CONSTRAINT ck_option_slot_range CHECK (slot BETWEEN 1 AND 4),
    CONSTRAINT ck_option_label_length CHECK (char_length(btrim(label)) BETWEEN 1 AND 200),
    CONSTRAINT ck_option_type CHECK (option_type IN ('boolean', 'single_select', 'multi_select', 'text_input')),
    CONSTRAINT ck_option_choices_for_selects CHECK (
        (option_type IN ('single_select', 'multi_select') AND jsonb_typeof(choices) = 'array'
            AND jsonb_array_length(choices) BETWEEN 2 AND 20)
        OR (option_type IN ('boolean', 'text_input') AND choices IS NULL)),
    CONSTRAINT ck_option_max_length CHECK (
        (option_type = 'text_input' AND max_length BETWEEN 1 AND 1000)
        OR (option_type <> 'text_input' AND max_length IS NULL)),
    CONSTRAINT ck_option_display_order_nonnegative CHECK (display_order >= 0)
);
CREATE INDEX ix_custom_ticket_options_package ON custom_ticket_options (package_id, display_order);

-- Append-only: the trigger below rejects UPDATE and DELETE. No foreign key, so entries outlive what they describe.
CREATE TABLE audit_log (
    id           uuid          NOT NULL,
    seq          bigserial     NOT NULL,
    event_id     uuid          NOT NULL,
    package_id   uuid          NOT NULL,
    entity_type  varchar(20)   NOT NULL,
    entity_id    uuid          NOT NULL,
    action       varchar(20)   NOT NULL,
    field_name   varchar(50),
    old_value    text,
    new_value    text,
    user_id      uuid          NOT NULL,
    created_at   timestamptz   NOT NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (id),
    CONSTRAINT uq_audit_log_seq UNIQUE (seq),
    CONSTRAINT ck_audit_entity_type CHECK (entity_type IN ('ticket_package', 'custom_option')),
    CONSTRAINT ck_audit_action CHECK (action IN ('updated', 'enabled', 'disabled', 'option_added', 'option_updated', 'option_removed'))
);
CREATE INDEX ix_audit_log_package ON audit_log (package_id, seq DESC);
CREATE INDEX ix_audit_log_event ON audit_log (event_id);

CREATE FUNCTION reject_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION reject_audit_log_change();
CREATE TRIGGER tr_audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_log_change();

-- Live sales per package, built from purchase.sales (order-tolerant: highest sold_count_after wins).
CREATE TABLE sales_projection (
    package_id        uuid          NOT NULL,
    event_id          uuid          NOT NULL,
    sold_count        integer       NOT NULL DEFAULT 0,
    tickets_sold      integer       NOT NULL DEFAULT 0,
    revenue           numeric(14,2) NOT NULL DEFAULT 0,
    inventory_version bigint        NOT NULL DEFAULT 0,
    updated_at        timestamptz   NOT NULL,
    CONSTRAINT pk_sales_projection PRIMARY KEY (package_id),
    CONSTRAINT ck_sales_projection_nonnegative CHECK (sold_count >= 0 AND tickets_sold >= 0 AND revenue >= 0)
);
CREATE INDEX ix_sales_projection_event ON sales_projection (event_id);

-- Each sale is counted once: its purchase id is recorded in the transaction that counts it.
CREATE TABLE sales_projection_purchases (
    purchase_id  uuid          NOT NULL,
    package_id   uuid          NOT NULL,
    event_id     uuid          NOT NULL,
    quantity     integer       NOT NULL,
    tickets      integer       NOT NULL,
    total_price  numeric(14,2) NOT NULL,
    occurred_at  timestamptz   NOT NULL,
    CONSTRAINT pk_sales_projection_purchases PRIMARY KEY (purchase_id)
);
CREATE INDEX ix_sales_projection_purchases_package ON sales_projection_purchases (package_id);

-- Transactional outbox of catalog.packages snapshots.
CREATE TABLE outbox (
    id            bigserial    NOT NULL,
    topic         varchar(100) NOT NULL,
    message_key   varchar(100) NOT NULL,
    payload       jsonb        NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    published_at  timestamptz,
    CONSTRAINT pk_outbox PRIMARY KEY (id)
);
CREATE INDEX ix_outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
