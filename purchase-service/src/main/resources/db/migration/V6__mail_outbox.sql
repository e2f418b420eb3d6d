-- Tickets by email (API.md, ARCHITECTURE.md "Email"): every mail is a row of this outbox, written in the
-- transaction that causes it and sent afterwards by the mail relay over SMTP with back-off. The row's id is
-- derived from what the mail is about where that is one thing (a purchase's confirmation, a cancellation's
-- notice), and it is the Message-ID's local part, so a send repeated after a crash is recognisable.
CREATE TABLE mails (
    id               uuid          NOT NULL,
    seq              bigserial     NOT NULL,
    purchase_id      uuid          NOT NULL,
    ticket_id        uuid,
    cancellation_id  uuid,
    kind             varchar(20)   NOT NULL,
    to_address       varchar(320)  NOT NULL,
    status           varchar(10)   NOT NULL DEFAULT 'queued',
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL DEFAULT now(),
    -- a relay sending the mail holds it until then; a relay that died frees it by letting it pass
    lease_until      timestamptz,
    last_error       varchar(500),
    created_at       timestamptz   NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    CONSTRAINT pk_mails PRIMARY KEY (id),
    CONSTRAINT fk_mails_purchase FOREIGN KEY (purchase_id) REFERENCES purchases (id) ON DELETE CASCADE,
    CONSTRAINT ck_mails_kind CHECK (kind IN ('confirmation', 'guest_ticket', 'cancellation', 'resend')),
    CONSTRAINT ck_mails_status CHECK (status IN ('queued', 'sent', 'failed')),
    CONSTRAINT ck_mails_ticket CHECK (kind NOT IN ('guest_ticket', 'resend') OR ticket_id IS NOT NULL)
);
CREATE INDEX ix_mails_due ON mails (next_attempt_at, seq) WHERE status = 'queued';
CREATE INDEX ix_mails_purchase ON mails (purchase_id, seq);
CREATE INDEX ix_mails_ticket_resends ON mails (ticket_id, created_at) WHERE kind = 'resend';
-- the metric of mails given up counts them without reading the sent ones
CREATE INDEX ix_mails_failed ON mails (seq) WHERE status = 'failed';
