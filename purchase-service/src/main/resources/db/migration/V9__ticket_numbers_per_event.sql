-- Ticket numbers count per event (issue: a shared sequence let one event's numbers reveal the volumes of every
-- other event with the same prefix). One sequence per event, created on its first sale: a sequence is outside
-- transactions, so concurrent claims of the event's packages never wait on each other for a number (a counter row
-- would serialise them). Numbers are unique within the event (uq_tickets_event_number), increasing, and may have
-- gaps where a claim rolled back.
CREATE FUNCTION ticket_sequence(p_event uuid) RETURNS regclass LANGUAGE plpgsql AS $$
DECLARE
    sequence_name text := 'ticket_seq_' || replace(p_event::text, '-', '');
    first_number  bigint;
BEGIN
    IF to_regclass(sequence_name) IS NULL THEN
        -- An event that already has tickets (numbered from the shared sequence before) goes on after its highest.
        SELECT coalesce(max(substring(ticket_number FROM '-([0-9]+)$')::bigint), 0) + 1 INTO first_number
          FROM tickets WHERE event_id = p_event;
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START WITH %s', sequence_name, first_number);
        EXCEPTION WHEN unique_violation OR duplicate_table THEN
            NULL; -- another session created it meanwhile
        END;
    END IF;
    RETURN sequence_name::regclass;
END $$;
