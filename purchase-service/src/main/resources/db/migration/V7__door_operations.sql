-- Door operations (API.md): the check-in log, offline scans idempotent per (device_id, nonce), and the door
-- list's delta sync.

-- Every ticket row remembers the transaction that last wrote it. The door list returns rows whose writer is older
-- than the oldest transaction still running (pg_snapshot_xmin), in (change_xid, id) order: a cursor past them can
-- never skip a row whose transaction commits later, which a sequence number taken before commit could.
ALTER TABLE tickets ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE FUNCTION tickets_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER tickets_touch BEFORE UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_touch();
CREATE INDEX ix_tickets_event_change ON tickets (event_id, change_xid, id);
CREATE INDEX ix_tickets_event_guest ON tickets (event_id, guest_name, ticket_number);

-- Who checked a ticket in or undid it, when, from which device.
CREATE TABLE check_in_log (
    id          bigserial    NOT NULL,
    event_id    uuid         NOT NULL,
    ticket_id   uuid         NOT NULL,
    action      varchar(10)  NOT NULL,
    by_user     uuid         NOT NULL,
    device_id   varchar(100),
    at          timestamptz  NOT NULL,
    CONSTRAINT pk_check_in_log PRIMARY KEY (id),
    CONSTRAINT fk_check_in_log_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE,
    CONSTRAINT ck_check_in_log_action CHECK (action IN ('check_in', 'undo'))
);
CREATE INDEX ix_check_in_log_event ON check_in_log (event_id, id DESC);

-- One row per offline scan uploaded: a repeated upload (same device, same nonce) is answered what the first got.
CREATE TABLE door_scans (
    event_id       uuid          NOT NULL,
    device_id      varchar(100)  NOT NULL,
    nonce          varchar(100)  NOT NULL,
    result         varchar(20)   NOT NULL,
    ticket_id      uuid,
    checked_in_at  timestamptz,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pk_door_scans PRIMARY KEY (event_id, device_id, nonce),
    CONSTRAINT ck_door_scans_result CHECK (result IN ('pending', 'checked_in', 'already_checked_in', 'cancelled',
        'invalid'))
);
