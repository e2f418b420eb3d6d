import { useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { explain } from '../lib/messages';
import type { Ticket } from '../lib/types';
import { PageTitle } from '../components/PageTitle';
import { adminBase, useAdminApi } from './hooks';

type Result = { tone: 'success' | 'warning' | 'error'; title: string; detail?: string };

/** Door check-in: a scanner "types" the code and Enter; the field is ready again right after. */
export default function CheckInPage() {
  const { eventId = '' } = useParams();
  const call = useAdminApi();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const qr = code.trim();
    if (!qr || busy) return;
    setBusy(true);
    try {
      const ticket = await call<Ticket>(`${adminBase(eventId)}/tickets/check-in`, {
        method: 'POST',
        body: { qr_code: qr },
      });
      setResult({
        tone: 'success',
        title: `Welcome! Ticket ${ticket.ticket_number} checked in.`,
        detail: ticket.guest_name ? `Guest: ${ticket.guest_name}` : 'No guest name on this seat.',
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_checked_in') {
        const at = err.body.checked_in_at as string | undefined;
        setResult({
          tone: 'warning',
          title: 'Already checked in',
          detail: at ? `This ticket was checked in at ${formatDateTime(at)}.` : 'This ticket was checked in before.',
        });
      } else if (err instanceof ApiError && err.code === 'invalid_ticket_code') {
        setResult({
          tone: 'error',
          title: 'Not a valid ticket',
          detail: 'This code is not a ticket for this event. Ask to see the ticket or the receipt.',
        });
      } else {
        setResult({ tone: 'error', title: 'Could not check in', detail: explain(err) });
      }
    } finally {
      setBusy(false);
      setCode('');
      input.current?.focus();
    }
  };

  return (
    <>
      <PageTitle>Door check-in</PageTitle>
      <form className="card checkin" onSubmit={submit}>
        <label htmlFor="qr">Scan or type the ticket code, then press Enter</label>
        <input
          id="qr"
          ref={input}
          type="text"
          autoComplete="off"
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          spellCheck={false}
        />
        <button type="submit" className="btn btn-primary" disabled={busy || !code.trim()}>
          {busy ? 'Checking…' : 'Check in'}
        </button>
      </form>
      <div aria-live="assertive" data-testid="checkin-result">
        {result && (
          <div className={`checkin-result ${result.tone}`}>
            <strong>{result.title}</strong>
            {result.detail && <p>{result.detail}</p>}
          </div>
        )}
      </div>
    </>
  );
}
