import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api';
import { explain } from '../../lib/messages';
import { useAdminApi } from '../hooks';
import { ticketsBase, type DoorDesk, type UndoResult } from './desk';
import { formatDoorTime } from './results';
import type { Attendee, AttendeePage } from './types';

interface Row extends Attendee {
  /** Admitted on this device offline, not uploaded yet. */
  localAt?: string | null;
}

/**
 * Finds a guest by name or ticket number (GET .../attendees?q=, or the local door list when offline) and checks
 * them in by hand with their ticket's signed code, or undoes a check-in.
 */
export function GuestSearch({
  eventId,
  desk,
  online,
  query,
  onQuery,
  version,
  onCheckIn,
  onUndo,
}: {
  eventId: string;
  desk: DoorDesk | null;
  online: boolean;
  /** The search text (the page sets it when a ticket number is typed into the code field). */
  query: string;
  onQuery: (q: string) => void;
  /** Bumped by the page after every scan, so the rows shown follow. */
  version: number;
  onCheckIn: (qrCode: string) => Promise<void>;
  onUndo: (ticketId: string) => Promise<UndoResult>;
}) {
  const call = useAdminApi();
  const [typed, setTyped] = useState(query);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [offlineResults, setOfflineResults] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});

  // The page may set the query (a ticket number typed into the code field): the field shows it.
  const [shownQuery, setShownQuery] = useState(query);
  if (shownQuery !== query) {
    setShownQuery(query);
    setTyped(query);
  }

  const load = useCallback(
    async (q: string) => {
      const local = async () => (desk ? desk.search(q) : []);
      if (online) {
        try {
          const page = await call<AttendeePage>(
            `${ticketsBase(eventId)}/attendees?${new URLSearchParams({ q, size: '20' })}`,
          );
          // Rows without a code take the door list's, which the offline sync keeps.
          const withCodes = await Promise.all(
            page.attendees.map(async (a): Promise<Row> => {
              const known = await desk?.ticket(a.ticket_id);
              return { ...a, qr_code: a.qr_code ?? known?.qr_code ?? null, localAt: known?.local_admitted_at ?? null };
            }),
          );
          return { rows: withCodes, offline: false };
        } catch (failure) {
          if (!(failure instanceof ApiError) || failure.status !== 0) throw failure;
        }
      }
      const found = await local();
      return {
        rows: found.map((t): Row => ({
          ticket_id: t.ticket_id,
          ticket_number: t.ticket_number,
          package_name: t.package_name,
          guest_name: t.guest_name,
          status: t.status,
          checked_in_at: t.checked_in_at,
          qr_code: t.qr_code,
          localAt: t.local_admitted_at,
        })),
        offline: true,
      };
    },
    [call, desk, eventId, online],
  );

  useEffect(() => {
    if (query.length < 1) return;
    let stale = false;
    load(query)
      .then((found) => {
        if (stale) return;
        setRows(found.rows);
        setOfflineResults(found.offline);
        setError(null);
      })
      .catch((failure) => !stale && setError(explain(failure)));
    return () => {
      stale = true;
    };
  }, [query, load, version]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const q = typed.trim().slice(0, 100);
    setNotes({});
    onQuery(q);
  };

  const checkIn = async (row: Row) => {
    if (!row.qr_code) return;
    setBusy(row.ticket_id);
    try {
      await onCheckIn(row.qr_code);
    } finally {
      setBusy(null);
    }
  };
  const undo = async (row: Row) => {
    setBusy(row.ticket_id);
    try {
      const result = await onUndo(row.ticket_id);
      setNotes((n) => ({ ...n, [row.ticket_id]: result.ok ? 'Check-in undone.' : result.message }));
    } finally {
      setBusy(null);
    }
  };

  const shown = query ? rows : null;
  return (
    <section className="card door-search" aria-labelledby="door-search-title">
      <h2 id="door-search-title">Find a guest</h2>
      <form className="door-search-form" role="search" onSubmit={search}>
        <label htmlFor="door-search" className="visually-hidden">
          Guest name or ticket number
        </label>
        <input
          id="door-search"
          type="search"
          placeholder="Guest name or ticket number"
          maxLength={100}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="btn btn-primary" disabled={!typed.trim()}>
          Search
        </button>
      </form>
      {error && <p className="field-error">{error}</p>}
      {shown && offlineResults && <p className="muted small">Offline: searched this device’s door list.</p>}
      {shown && shown.length === 0 && <p className="muted">No ticket matches “{query}”.</p>}
      {shown && shown.length > 0 && (
        <ul className="door-attendees">
          {shown.map((row) => {
            const inAt = row.localAt ?? row.checked_in_at;
            const cancelled = row.status === 'cancelled';
            return (
              <li key={row.ticket_id} className="door-attendee" data-testid="attendee">
                <div className="door-attendee-who">
                  <strong>{row.guest_name ?? 'No guest name'}</strong>
                  <span className="ticket-number">{row.ticket_number}</span>
                  {row.package_name && <span className="muted small">{row.package_name}</span>}
                </div>
                <div className="door-attendee-state">
                  {cancelled ? (
                    <span className="badge badge-danger">Cancelled</span>
                  ) : inAt ? (
                    <span className="badge badge-ok">In since {formatDoorTime(inAt)}</span>
                  ) : (
                    <span className="badge">Not in yet</span>
                  )}
                  {!cancelled && !inAt && row.qr_code && (
                    <button
                      type="button"
                      className="btn btn-primary"
                      disabled={busy === row.ticket_id}
                      onClick={() => checkIn(row)}
                      aria-label={`Check in ${row.guest_name ?? row.ticket_number}`}
                    >
                      Check in
                    </button>
                  )}
                  {!cancelled && !inAt && !row.qr_code && (
                    <span className="muted small">No code on file here: scan their ticket.</span>
                  )}
                  {!cancelled && inAt && (
                    <button
                      type="button"
                      className="btn"
                      disabled={busy === row.ticket_id}
                      onClick={() => undo(row)}
                      aria-label={`Undo check-in of ${row.guest_name ?? row.ticket_number}`}
                    >
                      Undo
                    </button>
                  )}
                </div>
                {notes[row.ticket_id] && (
                  <p className="small" role="status">
                    {notes[row.ticket_id]}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
