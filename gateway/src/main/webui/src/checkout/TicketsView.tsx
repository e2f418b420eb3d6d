import { useEffect, useState, type FormEvent } from 'react';
import { api, downloadFile, fetchBlob } from '../lib/api';
import { useDonorAuth } from '../lib/auth';
import { Link } from 'react-router';
import { formatDateTime, formatMoney } from '../lib/format';
import { formatCents, isCancellable, isValidTicket, seatsPerPackage, toCents } from '../lib/money';
import { explain } from '../lib/messages';
import { resendAddress } from '../lib/tickets';
import type { Cancellation, Purchase, Ticket, TicketPackage } from '../lib/types';
import { Alert } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { ResendTicket } from '../components/ResendTicket';
import { ReleaseSeatsDialog } from './ReleaseSeatsDialog';

/** The tickets just bought: a thank-you above the purchase itself. */
export function TicketsView({
  purchase,
  pkg,
  onBuyMore,
  onChanged,
  myTicketsHref,
}: {
  purchase: Purchase;
  pkg?: TicketPackage;
  onBuyMore: () => void;
  onChanged: () => Promise<unknown>;
  myTicketsHref: string;
}) {
  return (
    <div className="stack">
      <PageTitle title="Your tickets">Thank you! Your tickets are ready</PageTitle>
      <PurchaseTickets purchase={purchase} pkg={pkg} onChanged={onChanged} />
      <div className="form-actions start">
        <button type="button" className="btn" onClick={onBuyMore}>
          Buy more tickets
        </button>
        <Link className="btn" to={myTicketsHref}>
          All my tickets
        </Link>
      </div>
    </div>
  );
}

/** One purchase for its donor: amounts, status, receipt, the seats (guests, QR codes) and giving seats back. */
export function PurchaseTickets({
  purchase,
  pkg,
  onChanged,
}: {
  purchase: Purchase;
  pkg?: TicketPackage;
  onChanged: () => Promise<unknown>;
}) {
  const token = useDonorAuth((s) => s.token);
  const [receiptError, setReceiptError] = useState<string | null>(null);
  const [releasing, setReleasing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const table = seatsPerPackage(purchase, pkg) > 1;
  const cancelled = purchase.status === 'cancelled';
  const releasable = purchase.tickets.some(isCancellable);
  const donation = toCents(purchase.donation_amount);
  const refunded = toCents(purchase.refunded_amount);
  return (
    <section
      className="stack purchase"
      data-testid="purchase"
      aria-label={`Purchase of ${formatDateTime(purchase.created_at)}`}
    >
      <div className="card summary">
        <div className="section-head">
          <h2>
            {purchase.quantity} × {pkg?.name ?? 'package'}
          </h2>
          {cancelled ? (
            <span className="badge badge-danger">Cancelled</span>
          ) : (
            <span className="badge badge-ok">Active</span>
          )}
        </div>
        <p>
          <strong>{formatMoney(purchase.total_price)}</strong>
          {purchase.discount_amount > 0 && (
            <span className="muted">
              {' '}
              (saved {formatMoney(purchase.discount_amount)} with {purchase.promo_code})
            </span>
          )}
          {donation > 0 && <span className="muted"> · including your gift of {formatCents(donation)}</span>}
        </p>
        {refunded > 0 && <p className="muted">Refunded: {formatCents(refunded)}</p>}
        {purchase.tax_deductible_amount != null && (
          <p className="muted">
            Tax-deductible amount:{' '}
            <span data-testid="tax-deductible">{formatMoney(purchase.tax_deductible_amount)}</span>
          </p>
        )}
        {notice && <Alert tone="success">{notice}</Alert>}
        <div className="form-actions start">
          <button
            type="button"
            className="btn"
            onClick={() =>
              downloadFile(
                `/api/v1/me/tickets/purchases/${purchase.id}/receipt.pdf`,
                token,
                `receipt-${purchase.id}.pdf`,
              ).catch((e) => setReceiptError(explain(e)))
            }
          >
            Download receipt (PDF)
          </button>
          {releasable && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setNotice(null);
                setReleasing(true);
              }}
            >
              Give seats back
            </button>
          )}
        </div>
        {receiptError && <Alert>{receiptError}</Alert>}
      </div>
      {table && !cancelled && (
        <p className="hint">This is a table: add each guest’s name and email so we can welcome them at the door.</p>
      )}
      <ul className="tickets">
        {purchase.tickets.map((ticket, i) => (
          <TicketCard
            key={ticket.id}
            ticket={ticket}
            seat={i + 1}
            withGuest={table}
            purchaseEmail={purchase.email}
            onStale={onChanged}
          />
        ))}
      </ul>
      {releasing && (
        <ReleaseSeatsDialog
          purchase={purchase}
          pkg={pkg}
          onClose={() => setReleasing(false)}
          onStale={onChanged}
          onConfirm={(ticketIds, key) =>
            api<Cancellation>(`/api/v1/me/tickets/purchases/${purchase.id}/release`, {
              method: 'POST',
              token,
              body: { ticket_ids: ticketIds },
              headers: { 'Idempotency-Key': key },
            })
          }
          onDone={async (c) => {
            setReleasing(false);
            const seats = c.ticket_ids.length;
            setNotice(`Thank you! ${seats} seat${seats === 1 ? ' was' : 's were'} given back to the charity.`);
            await onChanged();
          }}
        />
      )}
    </section>
  );
}

function TicketCard({
  ticket,
  seat,
  withGuest,
  purchaseEmail,
  onStale,
}: {
  ticket: Ticket;
  seat: number;
  withGuest: boolean;
  purchaseEmail?: string | null;
  onStale: () => Promise<unknown>;
}) {
  const token = useDonorAuth((s) => s.token);
  // A guest email saved on this page since the purchase was loaded: a resend goes there, until a reload of the
  // purchase brings the server's (then the same or newer) value.
  const [saved, setSaved] = useState<{ value: string | null; over: string | null } | null>(null);
  const loadedGuestEmail = ticket.guest_email ?? null;
  const guestEmail = saved && saved.over === loadedGuestEmail ? saved.value : loadedGuestEmail;
  const [qr, setQr] = useState<string | null>(null);
  const [qrError, setQrError] = useState(false);
  const valid = isValidTicket(ticket);
  useEffect(() => {
    if (!valid) return; // a cancelled ticket's QR code answers 410: there is nothing to show
    let url: string | null = null;
    let cancelled = false;
    fetchBlob(`/api/v1/me/tickets/${ticket.id}/qr.png`, token)
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setQr(url);
      })
      .catch(() => !cancelled && setQrError(true));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [ticket.id, token, valid]);
  return (
    <li className={`ticket card ${valid ? '' : 'cancelled'}`} data-testid="ticket">
      <div className="qr">
        {!valid ? (
          <span className="muted">No longer valid</span>
        ) : qr ? (
          <img src={qr} alt={`QR code of ticket ${ticket.ticket_number}`} width={160} height={160} />
        ) : qrError ? (
          <span className="muted">QR code unavailable</span>
        ) : (
          <span className="muted">Loading QR…</span>
        )}
      </div>
      <div className="ticket-body">
        <strong className="ticket-number">{ticket.ticket_number}</strong>
        {withGuest && <span className="muted">Seat {seat}</span>}
        {!valid ? (
          <span className="badge badge-danger" data-testid="ticket-status">
            Cancelled
          </span>
        ) : ticket.checked_in_at ? (
          <span className="badge badge-ok" data-testid="ticket-status">
            Checked in
          </span>
        ) : null}
        <ResendTicket
          label="Resend"
          audience="donor"
          to={resendAddress({ guest_email: guestEmail }, purchaseEmail)}
          disabledReason={valid ? undefined : 'Cancelled tickets cannot be resent.'}
          onResend={() => api(`/api/v1/me/tickets/${encodeURIComponent(ticket.id)}/resend`, { method: 'POST', token })}
          onStale={onStale}
        />
        {withGuest && valid && !ticket.checked_in_at && (
          <GuestForm ticket={ticket} onSaved={(value) => setSaved({ value, over: loadedGuestEmail })} />
        )}
      </div>
    </li>
  );
}

function GuestForm({ ticket, onSaved }: { ticket: Ticket; onSaved: (guestEmail: string | null) => void }) {
  const token = useDonorAuth((s) => s.token);
  const [name, setName] = useState(ticket.guest_name ?? '');
  const [email, setEmail] = useState(ticket.guest_email ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.guest_name = 'Please enter the guest’s name';
    else if (name.trim().length > 200) found.guest_name = 'Please keep the name under 200 characters';
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      found.guest_email = 'Please enter a valid email address';
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await api(`/api/v1/me/tickets/${ticket.id}`, {
        method: 'PATCH',
        token,
        body: { guest_name: name.trim(), guest_email: email.trim() || null },
      });
      setStatus('Saved');
      onSaved(email.trim() || null);
    } catch (err) {
      const mapped: Record<string, string> = {};
      for (const e of (err as { errors?: { field: string; message: string }[] }).errors ?? [])
        mapped[e.field] = e.message;
      setErrors(mapped);
      setStatus(Object.keys(mapped).length ? null : explain(err));
    }
  };
  const id = ticket.id;
  return (
    <form className="guest-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`gn-${id}`}>Guest name</label>
        <input
          id={`gn-${id}`}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setStatus(null);
          }}
          autoComplete="off"
          aria-invalid={!!errors.guest_name || undefined}
          aria-describedby={errors.guest_name ? `gn-${id}-e` : undefined}
        />
        {errors.guest_name && (
          <p id={`gn-${id}-e`} className="field-error">
            {errors.guest_name}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`ge-${id}`}>
          Guest email <span className="muted">(optional)</span>
        </label>
        <input
          id={`ge-${id}`}
          type="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            setStatus(null);
          }}
          autoComplete="off"
          aria-invalid={!!errors.guest_email || undefined}
          aria-describedby={errors.guest_email ? `ge-${id}-e` : undefined}
        />
        {errors.guest_email && (
          <p id={`ge-${id}-e`} className="field-error">
            {errors.guest_email}
          </p>
        )}
      </div>
      <div className="form-actions start">
        <button type="submit" className="btn btn-small">
          Save guest
        </button>
        <span role="status" className="muted">
          {status}
        </span>
      </div>
    </form>
  );
}
