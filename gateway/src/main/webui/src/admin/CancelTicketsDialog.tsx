import { useState, type FormEvent } from 'react';
import { ApiError, newIdempotencyKey } from '../lib/api';
import { explain } from '../lib/messages';
import {
  defaultRefund,
  formatCents,
  fromCents,
  isValidTicket,
  parseMoneyInput,
  refundable,
  ticketPart,
  toCents,
} from '../lib/money';
import type { Cancellation, Purchase, Ticket } from '../lib/types';
import { Alert } from '../components/Alert';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';

export interface CancellationBody {
  ticket_ids: string[];
  reason: string;
  refund_amount?: number;
}

/**
 * A coordinator cancels chosen seats of one purchase: a reason, and the refund shown before confirming — the default
 * pro-rata figure (what the server would decide itself) or an amount typed within 0..refundable.
 */
export function CancelTicketsDialog({
  purchase,
  tickets: chosen,
  onConfirm,
  onClose,
  onDone,
  onStale,
}: {
  purchase: Purchase;
  tickets: Ticket[];
  onConfirm: (body: CancellationBody, idempotencyKey: string) => Promise<Cancellation>;
  onClose: () => void;
  onDone: (cancellation: Cancellation) => void;
  onStale?: () => void;
}) {
  // The seats and figures are those the coordinator saw when opening; a reload behind the dialog never changes them.
  const [{ tickets, part, remaining, standard, lastSeats }] = useState(() => ({
    tickets: chosen,
    part: ticketPart(purchase),
    remaining: refundable(purchase),
    standard: defaultRefund(purchase, chosen.length),
    lastSeats: chosen.length >= purchase.tickets.filter(isValidTicket).length,
  }));
  // One key per dialog: a retry after a lost answer repeats the same cancellation instead of making a second one.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [reason, setReason] = useState('');
  const [refundText, setRefundText] = useState(fromCents(standard).toFixed(2));
  const [errors, setErrors] = useState<{ reason?: string; refund_amount?: string }>({});
  const [banner, setBanner] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const donation = toCents(purchase.donation_amount);
  const seats = tickets.length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    const trimmed = reason.trim();
    if (!trimmed) found.reason = 'Please give a reason; the buyer’s notice and the audit show it.';
    else if (trimmed.length > 500) found.reason = 'Please keep the reason under 500 characters.';
    const refund = parseMoneyInput(refundText);
    if (refund === null) found.refund_amount = 'Enter an amount like 25 or 25.50 (at most 2 decimals).';
    else if (refund > remaining) found.refund_amount = `The refund can be at most ${formatCents(remaining)}.`;
    setErrors(found);
    setBanner(null);
    if (Object.keys(found).length || refund === null) return;
    const body: CancellationBody = { ticket_ids: tickets.map((t) => t.id), reason: trimmed };
    if (refund !== standard) body.refund_amount = fromCents(refund);
    setBusy(true);
    try {
      onDone(await onConfirm(body, idempotencyKey));
    } catch (err) {
      setBanner(describeFailure(err, setErrors, onStale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Cancel ${seats} ticket${seats === 1 ? '' : 's'}`} onClose={onClose} busy={busy}>
      <form className="form" onSubmit={submit} noValidate>
        <p>
          Cancelling{' '}
          {tickets.map((t, i) => (
            <span key={t.id}>
              {i > 0 && ', '}
              <strong className="ticket-number">{t.ticket_number}</strong>
            </span>
          ))}
          . The seats become sellable again at once and cannot be checked in.
        </p>
        <Field label="Reason" error={errors.reason} hint="Required, up to 500 characters.">
          <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <Field
          label="Refund (USD)"
          error={errors.refund_amount}
          hint={
            <>
              {lastSeats
                ? `These are the last valid seats: the default refunds what remains, ${formatCents(standard)}.`
                : `Default, pro rata: ${formatCents(part)} × ${seats} of ${purchase.tickets.length} seats = ${formatCents(standard)}.`}{' '}
              Any amount from {formatCents(0)} to {formatCents(remaining)} may be refunded
              {donation > 0 ? `; the gift of ${formatCents(donation)} is never refunded here` : ''}.
            </>
          }
        >
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={refundText}
            onChange={(e) => setRefundText(e.target.value)}
          />
        </Field>
        <p className="refund-preview" aria-live="polite" data-testid="refund-preview">
          Refund on confirming: <strong>{formatCents(parseMoneyInput(refundText))}</strong>
        </p>
        {banner && (
          <Alert>
            {banner.length === 1 ? (
              banner[0]
            ) : (
              <ul className="plain">
                {banner.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Keep tickets
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {busy ? 'Cancelling…' : 'Confirm cancellation'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The lines to show for a refused cancellation; field errors go on their fields, a stale order is reloaded. */
function describeFailure(
  err: unknown,
  setErrors: (errors: { reason?: string; refund_amount?: string }) => void,
  onStale?: () => void,
): string[] {
  if (!(err instanceof ApiError)) return [explain(err)];
  switch (err.code) {
    case 'ticket_cancelled':
      onStale?.();
      return [
        'One of these tickets has been cancelled meanwhile. The order has been reloaded: close this and choose the seats again.',
      ];
    case 'already_checked_in':
      onStale?.();
      return [
        'One of these tickets has been checked in meanwhile, and a checked-in ticket cannot be cancelled. The order has been reloaded: close this and choose the seats again.',
      ];
    case 'idempotency_key_reused':
      return ['This cancellation was already sent with other details. Close this and reload the order first.'];
    case 'validation_failed': {
      const fields: { reason?: string; refund_amount?: string } = {};
      const other: string[] = [];
      for (const { field, message } of err.errors) {
        const name = field?.replace(/^body\./, '');
        if (name === 'reason' || name === 'refund_amount') fields[name] = message;
        else other.push(field ? `${field}: ${message}` : message);
      }
      setErrors(fields);
      return [explain(err), ...other];
    }
    default:
      return [explain(err)];
  }
}
