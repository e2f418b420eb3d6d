import { useState, type FormEvent } from 'react';
import { ApiError, newIdempotencyKey } from '../lib/api';
import { explain } from '../lib/messages';
import { formatCents, isCancellable, isValidTicket, taxDeductible } from '../lib/money';
import type { Cancellation, Purchase, TicketPackage } from '../lib/types';
import { Alert } from '../components/Alert';
import { Dialog } from '../components/Dialog';

/**
 * The donor gives seats back to the charity: no refund, and the value of the seats becomes part of the gift —
 * shown as the deductible amount before and after, by the receipt's own rule, before anything is sent.
 */
export function ReleaseSeatsDialog({
  purchase,
  pkg,
  onConfirm,
  onClose,
  onDone,
  onStale,
}: {
  purchase: Purchase;
  pkg?: Pick<TicketPackage, 'fair_market_value' | 'seats_per_package'>;
  onConfirm: (ticketIds: string[], idempotencyKey: string) => Promise<Cancellation>;
  onClose: () => void;
  onDone: (cancellation: Cancellation) => void;
  onStale?: () => void;
}) {
  const [seats] = useState(() =>
    purchase.tickets.map((t, i) => ({ ticket: t, seat: i + 1 })).filter((s) => isCancellable(s.ticket)),
  );
  const [chosen, setChosen] = useState<string[]>(() => (seats.length === 1 ? [seats[0].ticket.id] : []));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = purchase.tickets.filter(isValidTicket).length;
  const before = taxDeductible(purchase, pkg, valid);
  const after = taxDeductible(purchase, pkg, valid - chosen.length);
  const count = chosen.length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!count) return setError('Choose at least one seat to give back.');
    setError(null);
    setBusy(true);
    try {
      // In the purchase's seat order, whatever order they were ticked in.
      onDone(
        await onConfirm(
          seats.filter((s) => chosen.includes(s.ticket.id)).map((s) => s.ticket.id),
          idempotencyKey,
        ),
      );
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'ticket_cancelled' || err.code === 'already_checked_in')) {
        onStale?.();
        setError(
          err.code === 'ticket_cancelled'
            ? 'One of these seats has been cancelled meanwhile. Your tickets have been reloaded: close this and choose again.'
            : 'One of these seats has been checked in meanwhile, so it cannot be given back. Your tickets have been reloaded: close this and choose again.',
        );
      } else setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  let effect: string;
  if (purchase.payment === 'complimentary')
    effect = 'These seats were complimentary: you get no refund, and the seats go back to the charity.';
  else if (pkg?.fair_market_value == null || before === null || after === null)
    effect =
      'You get no refund; the seats go back to the charity. This package states no fair market value, so we cannot show how your tax-deductible amount changes; your corrected receipt will show it.';
  else if (after === before)
    effect = `You get no refund; the seats go back to the charity. Your tax-deductible amount stays at ${formatCents(before)}.`;
  else
    effect = `You get no refund; the value of these seats becomes a tax-deductible gift: your deductible amount rises from ${formatCents(before)} to ${formatCents(after)}.`;

  return (
    <Dialog title="Give seats back" onClose={onClose} busy={busy}>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend>Seats to give back</legend>
          <div className="seat-choices">
            {seats.map(({ ticket, seat }) => (
              <label key={ticket.id} className="inline">
                <input
                  type="checkbox"
                  checked={chosen.includes(ticket.id)}
                  onChange={(e) =>
                    setChosen((c) => (e.target.checked ? [...c, ticket.id] : c.filter((id) => id !== ticket.id)))
                  }
                />{' '}
                Seat {seat} · <span className="ticket-number">{ticket.ticket_number}</span>
                {ticket.guest_name && <span className="muted"> ({ticket.guest_name})</span>}
              </label>
            ))}
          </div>
        </fieldset>
        <div aria-live="polite" data-testid="release-effect">
          {count > 0 ? (
            <Alert tone="info">
              <p className="flush">{effect}</p>
              <p className="flush">Given-back seats cannot be used or checked in, and this cannot be undone.</p>
            </Alert>
          ) : (
            <p className="hint">Tick the seats you will not use.</p>
          )}
        </div>
        {error && <Alert>{error}</Alert>}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Keep my seats
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || count === 0}>
            {busy ? 'Giving back…' : count ? `Give ${count} seat${count === 1 ? '' : 's'} back` : 'Give seats back'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
