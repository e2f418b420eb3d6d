import { formatMoney } from '../lib/format';
import { formatInstant, type Pricing } from '../lib/salesRules';

/** The price in force, and while an early price holds: its name, its end and the regular price struck through. */
export function PriceTag({ pricing }: { pricing: Pricing }) {
  const { price, regular, tier } = pricing;
  return (
    <span className="price-tag" data-testid="price">
      <strong>{formatMoney(price)}</strong>
      {tier && price !== regular && (
        <s className="regular-price">
          <span className="visually-hidden">Regular price </span>
          {formatMoney(regular)}
        </s>
      )}
      {tier && (
        <span className="tier-note" data-testid="price-tier">
          {tier.label} · until {formatInstant(tier.ends_at)}
        </span>
      )}
    </span>
  );
}
