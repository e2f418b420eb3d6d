import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateTime, formatMoney } from '../lib/format';
import { explain } from '../lib/messages';
import { formatCents, isCancellable, isValidTicket, refundable, toCents } from '../lib/money';
import { resendAddress } from '../lib/tickets';
import type { Cancellation, Purchase, PurchaseEmail } from '../lib/types';
import { Alert } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { ResendTicket } from '../components/ResendTicket';
import { CancelTicketsDialog, type CancellationBody } from './CancelTicketsDialog';
import { adminBase, useAdminApi, usePackages } from './hooks';
import { OriginBadges, StatusBadge } from './OrderBadges';
import { describeAnswer, orderKey, ordersBase, ordersKey, useOrder } from './orders';

/** One order: its buyer, amounts, answers, seats (select and cancel them), cancellations and emails. */
export default function OrderDetailPage() {
  const { eventId = '', purchaseId = '' } = useParams();
  const location = useLocation();
  const order = useOrder(eventId, purchaseId);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? 'Order created.' : null,
  );
  return (
    <>
      <Link className="back" to={`/admin/events/${eventId}/orders`}>
        ← All orders
      </Link>
      <PageTitle title="Order">Order</PageTitle>
      {notice && <Alert tone="success">{notice}</Alert>}
      {order.isPending && <p role="status">Loading the order…</p>}
      {order.isError && <Alert>{explain(order.error)}</Alert>}
      {order.data && <OrderView eventId={eventId} purchase={order.data} onNotice={setNotice} />}
    </>
  );
}

function OrderView({
  eventId,
  purchase,
  onNotice,
}: {
  eventId: string;
  purchase: Purchase;
  onNotice: (text: string | null) => void;
}) {
  const call = useAdminApi();
  const queryClient = useQueryClient();
  const packages = usePackages(eventId);
  const pkg = packages.data?.find((p) => p.id === purchase.package_id);
  const [selected, setSelected] = useState<string[]>([]);
  const [cancelling, setCancelling] = useState(false);
  const cancellable = purchase.tickets.filter(isCancellable);
  // Seats cancelled or checked in since they were ticked drop out of the selection.
  const chosen = purchase.tickets.filter((t) => selected.includes(t.id) && isCancellable(t));
  const numberOf = (id: string) => purchase.tickets.find((t) => t.id === id)?.ticket_number ?? id;
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: orderKey(eventId, purchase.id) }),
      queryClient.invalidateQueries({ queryKey: ordersKey(eventId) }),
    ]);

  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const allChosen = cancellable.length > 0 && chosen.length === cancellable.length;
  const donation = toCents(purchase.donation_amount);
  const emails = purchase.emails ?? [];
  const failed = emails.filter((m) => m.status === 'failed').length;
  // The newest mail about each seat (emails are oldest first), to flag a seat whose last mail bounced.
  const lastMail = new Map<string, PurchaseEmail>();
  for (const m of emails) if (m.ticket_id) lastMail.set(m.ticket_id, m);

  return (
    <div className="stack">
      <section className="card" aria-labelledby="order-summary">
        <div className="section-head">
          <h2 id="order-summary">Summary</h2>
          <span className="badges">
            <StatusBadge status={purchase.status ?? 'active'} />
            <OriginBadges purchase={purchase} />
          </span>
        </div>
        <dl className="facts">
          <div>
            <dt>Buyer</dt>
            <dd>{purchase.name ?? '—'}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{purchase.email ?? '—'}</dd>
          </div>
          <div>
            <dt>Donor id</dt>
            <dd>{purchase.donor_id ? <code>{purchase.donor_id}</code> : '—'}</dd>
          </div>
          <div>
            <dt>Package</dt>
            <dd>{pkg?.name ?? <code>{purchase.package_id}</code>}</dd>
          </div>
          <div>
            <dt>Placed</dt>
            <dd>{formatDateTime(purchase.created_at)}</dd>
          </div>
          <div>
            <dt>Promo code</dt>
            <dd>{purchase.promo_code ? <code>{purchase.promo_code}</code> : '—'}</dd>
          </div>
          {purchase.note && (
            <div className="wide">
              <dt>Note</dt>
              <dd>{purchase.note}</dd>
            </div>
          )}
          <div className="wide">
            <dt>Order id</dt>
            <dd>
              <code>{purchase.id}</code>
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="order-amounts">
        <h2 id="order-amounts">Amounts</h2>
        <dl className="totals" data-testid="order-amounts">
          <div>
            <dt>
              {purchase.quantity} × {formatMoney(purchase.unit_price)}
            </dt>
            <dd>{formatMoney(purchase.base_price)}</dd>
          </div>
          {toCents(purchase.discount_amount) > 0 && (
            <div className="discount">
              <dt>Discount{purchase.promo_code ? ` (${purchase.promo_code})` : ''}</dt>
              <dd>−{formatMoney(purchase.discount_amount)}</dd>
            </div>
          )}
          <div>
            <dt>Gift</dt>
            <dd>{formatCents(donation)}</dd>
          </div>
          <div className="total">
            <dt>Total</dt>
            <dd data-testid="order-total">{formatMoney(purchase.total_price)}</dd>
          </div>
          <div>
            <dt>Refunded</dt>
            <dd data-testid="order-refunded">{formatMoney(purchase.refunded_amount ?? 0)}</dd>
          </div>
          <div>
            <dt>Still refundable</dt>
            <dd>{formatCents(refundable(purchase))}</dd>
          </div>
          <div>
            <dt>Tax-deductible</dt>
            <dd>{formatMoney(purchase.tax_deductible_amount)}</dd>
          </div>
        </dl>
      </section>

      {!!purchase.option_responses?.length && (
        <section className="card" aria-labelledby="order-answers">
          <h2 id="order-answers">Answers</h2>
          <dl className="facts">
            {purchase.option_responses.map((r) => (
              <div key={r.option_id}>
                <dt>{r.label}</dt>
                <dd>{describeAnswer(r.value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section className="card" aria-labelledby="order-tickets">
        <div className="section-head">
          <h2 id="order-tickets">Tickets</h2>
          <button
            type="button"
            className="btn btn-danger"
            disabled={chosen.length === 0}
            onClick={() => {
              onNotice(null);
              setCancelling(true);
            }}
          >
            Cancel selected{chosen.length ? ` (${chosen.length})` : ''}
          </button>
        </div>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all cancellable tickets"
                    checked={allChosen}
                    disabled={cancellable.length === 0}
                    onChange={(e) => setSelected(e.target.checked ? cancellable.map((t) => t.id) : [])}
                  />
                </th>
                <th scope="col">Ticket</th>
                <th scope="col">Guest</th>
                <th scope="col">Status</th>
                <th scope="col">Checked in</th>
                <th scope="col">Email</th>
              </tr>
            </thead>
            <tbody>
              {purchase.tickets.map((t) => (
                <tr key={t.id} data-testid="order-ticket">
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ticket ${t.ticket_number}`}
                      checked={chosen.some((c) => c.id === t.id)}
                      disabled={!isCancellable(t)}
                      onChange={(e) => toggle(t.id, e.target.checked)}
                    />
                  </td>
                  <th scope="row" className="ticket-number">
                    {t.ticket_number}
                  </th>
                  <td>
                    {t.guest_name ?? <span className="muted">—</span>}
                    {t.guest_email && <div className="muted small">{t.guest_email}</div>}
                  </td>
                  <td>
                    <StatusBadge status={t.status ?? 'valid'} />
                  </td>
                  <td>{t.checked_in_at ? formatDateTime(t.checked_in_at) : '—'}</td>
                  <td>
                    {isValidTicket(t) ? (
                      <ResendTicket
                        label="Resend ticket"
                        audience="coordinator"
                        to={resendAddress(t, purchase.email)}
                        onResend={() =>
                          call(`${adminBase(eventId)}/tickets/${encodeURIComponent(t.id)}/resend`, { method: 'POST' })
                        }
                        onSent={reload}
                        onStale={reload}
                      />
                    ) : (
                      <span className="muted">—</span>
                    )}
                    {lastMail.get(t.id)?.status === 'failed' && (
                      <div className="small">
                        <span className="badge badge-danger">Last email failed</span>{' '}
                        <span className="muted">to {lastMail.get(t.id)!.to}</span>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">Checked-in and cancelled tickets cannot be selected.</p>
      </section>

      <section className="card" aria-labelledby="order-cancellations">
        <h2 id="order-cancellations">Cancellations</h2>
        {purchase.cancellations?.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Tickets</th>
                  <th scope="col" className="num">
                    Packages returned
                  </th>
                  <th scope="col" className="num">
                    Refund
                  </th>
                  <th scope="col">Reason</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {purchase.cancellations.map((c) => (
                  <tr key={c.id} data-testid="cancellation">
                    <td>{formatDateTime(c.created_at)}</td>
                    <td>
                      {c.kind === 'release' ? (
                        <span className="badge badge-info">Released by donor</span>
                      ) : (
                        <span className="badge">Refund</span>
                      )}
                    </td>
                    <td className="ticket-number">{c.ticket_ids.map(numberOf).join(', ')}</td>
                    <td className="num">{c.packages_returned}</td>
                    <td className="num">{formatMoney(c.refund_amount)}</td>
                    <td>{c.reason ?? '—'}</td>
                    <td>{c.created_by ? <code>{c.created_by}</code> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No cancellations.</p>
        )}
      </section>

      <section className="card" aria-labelledby="order-emails">
        <h2 id="order-emails">Emails</h2>
        {failed > 0 && (
          <Alert tone="warning">
            {failed === 1 ? '1 email could not be delivered' : `${failed} emails could not be delivered`} — check the
            address; the donor can correct a guest email, then resend the ticket.
          </Alert>
        )}
        {emails.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">To</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Sent</th>
                </tr>
              </thead>
              <tbody>
                {emails.map((m, i) => (
                  <tr
                    key={`${m.kind}-${m.to}-${i}`}
                    data-testid="order-email"
                    data-status={m.status}
                    className={m.status === 'failed' ? 'email-failed' : undefined}
                  >
                    <td>{m.kind.replace(/_/g, ' ')}</td>
                    <td>{m.to}</td>
                    <td>
                      <span
                        className={
                          m.status === 'sent'
                            ? 'badge badge-ok'
                            : m.status === 'failed'
                              ? 'badge badge-danger'
                              : 'badge'
                        }
                      >
                        {m.status === 'failed' ? 'failed — not delivered' : m.status}
                      </span>
                    </td>
                    <td className="num">{m.attempts}</td>
                    <td>
                      {m.sent_at || m.updated_at
                        ? formatDateTime(m.sent_at ?? m.updated_at)
                        : m.queued_at
                          ? `queued ${formatDateTime(m.queued_at)}`
                          : '—'}
                      {m.ticket_id && <div className="muted small ticket-number">{numberOf(m.ticket_id)}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No emails for this order.</p>
        )}
      </section>

      {cancelling && (
        <CancelTicketsDialog
          purchase={purchase}
          tickets={chosen}
          onClose={() => setCancelling(false)}
          onStale={reload}
          onConfirm={(body: CancellationBody, key: string) =>
            call<Cancellation>(`${ordersBase(eventId)}/${purchase.id}/cancellations`, {
              method: 'POST',
              body,
              headers: { 'Idempotency-Key': key },
            })
          }
          onDone={async (c) => {
            setCancelling(false);
            setSelected([]);
            const seats = c.ticket_ids.length;
            onNotice(
              `Cancelled ${seats} ticket${seats === 1 ? '' : 's'}; refund of ${formatMoney(c.refund_amount)} recorded.`,
            );
            await reload();
          }}
        />
      )}
    </div>
  );
}
