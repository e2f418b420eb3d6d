import type { Purchase, PurchaseChannel, PurchasePayment, Ticket } from '../lib/types';

const CHANNEL: Record<PurchaseChannel, string> = { checkout: 'Checkout', admin: 'Coordinator' };
const PAYMENT: Record<PurchasePayment, string> = {
  platform: 'Paid online',
  complimentary: 'Complimentary',
  offline: 'Paid offline',
};

export function StatusBadge({ status }: { status: Purchase['status'] | Ticket['status'] }) {
  if (status === 'cancelled') return <span className="badge badge-danger">Cancelled</span>;
  return <span className="badge badge-ok">{status === 'valid' ? 'Valid' : 'Active'}</span>;
}

/** How the order came about: the channel and the payment, as two small badges. */
export function OriginBadges({ purchase }: { purchase: Purchase }) {
  const channel = purchase.channel ?? 'checkout';
  const payment = purchase.payment ?? 'platform';
  return (
    <span className="badges">
      <span className="badge">{CHANNEL[channel] ?? channel}</span>
      <span className={payment === 'platform' ? 'badge' : 'badge badge-info'}>{PAYMENT[payment] ?? payment}</span>
    </span>
  );
}
