import { formatCents, type Cents, type OrderTotals } from '../lib/money';

/** The order before it is bought: tickets, discount, gift and the total the platform will charge. */
export function OrderSummary({ totals, quantity, unit }: { totals: OrderTotals; quantity: number; unit: Cents }) {
  return (
    <dl className="totals" aria-label="Order summary">
      <div>
        <dt>
          Tickets: {quantity} × {formatCents(unit)}
        </dt>
        <dd>{formatCents(totals.base)}</dd>
      </div>
      {totals.discount > 0 && (
        <div className="discount">
          <dt>Discount</dt>
          <dd data-testid="order-discount">−{formatCents(totals.discount)}</dd>
        </div>
      )}
      {totals.donation > 0 && (
        <div>
          <dt>Gift</dt>
          <dd data-testid="order-gift">{formatCents(totals.donation)}</dd>
        </div>
      )}
      <div className="total">
        <dt>Total</dt>
        <dd data-testid="order-total">{formatCents(totals.total)}</dd>
      </div>
    </dl>
  );
}
