import { describe, expect, it } from 'vitest';
import type { PriceTier, TicketPackage } from '../types';
import {
  describeStart,
  describeTier,
  nextChange,
  notOnSaleText,
  onSaleFrom,
  pricing,
  quantityHint,
  quantityRange,
  saleState,
  tierInForce,
  tierProblems,
  windowAndLimitProblems,
  type TierRow,
} from '../salesRules';

const at = (iso: string) => Date.parse(iso);
const tiers: PriceTier[] = [
  { label: 'Early bird', price: 100, ends_at: '2026-12-04T09:00:00.000Z' },
  { label: 'Advance', price: 125, ends_at: '2026-12-11T09:00:00.000Z' },
];
const pkg = (extra: Partial<TicketPackage> = {}) =>
  ({
    is_enabled: true,
    price: 150,
    sales_start_at: null,
    sales_end_at: null,
    price_tiers: [],
    on_sale: true,
    current_price: 150,
    ...extra,
  }) as TicketPackage;

describe('the tier in force', () => {
  it('is the first tier whose end is still ahead, then none', () => {
    expect(tierInForce(tiers, at('2026-12-01T00:00:00Z'))?.label).toBe('Early bird');
    expect(tierInForce(tiers, at('2026-12-05T00:00:00Z'))?.label).toBe('Advance');
    expect(tierInForce(tiers, at('2026-12-12T00:00:00Z'))).toBeNull();
    expect(tierInForce([], at('2026-12-01T00:00:00Z'))).toBeNull();
  });

  it('ends at its ends_at exactly (the server’s ends_at > now)', () => {
    expect(tierInForce(tiers, at('2026-12-04T08:59:59.999Z'))?.label).toBe('Early bird');
    expect(tierInForce(tiers, at('2026-12-04T09:00:00.000Z'))?.label).toBe('Advance');
  });

  it('sets the price: the tier’s, else the regular one; a server without tiers is taken at its word', () => {
    expect(pricing(pkg({ price_tiers: tiers }), at('2026-12-01T00:00:00Z'))).toEqual({
      price: 100,
      regular: 150,
      tier: tiers[0],
    });
    expect(pricing(pkg({ price_tiers: tiers }), at('2026-12-20T00:00:00Z'))).toEqual({
      price: 150,
      regular: 150,
      tier: null,
    });
    expect(pricing(pkg({ price_tiers: undefined, current_price: 90 }), 0)).toEqual({
      price: 90,
      regular: 150,
      tier: null,
    });
  });
});

describe('the sales window', () => {
  const window = { sales_start_at: '2026-12-04T09:00:00.000Z', sales_end_at: '2026-12-24T18:00:00.000Z' };

  it('opens at its start and closes at its end exactly', () => {
    expect(saleState(pkg(window), at('2026-12-04T08:59:59.999Z'))).toEqual({
      kind: 'upcoming',
      startsAt: window.sales_start_at,
    });
    expect(saleState(pkg(window), at('2026-12-04T09:00:00.000Z'))).toEqual({ kind: 'on_sale' });
    expect(saleState(pkg(window), at('2026-12-24T17:59:59.999Z'))).toEqual({ kind: 'on_sale' });
    expect(saleState(pkg(window), at('2026-12-24T18:00:00.000Z'))).toEqual({ kind: 'ended' });
  });

  it('is unbounded where empty, and nothing sells while the package is disabled', () => {
    expect(saleState(pkg(), at('1999-01-01T00:00:00Z'))).toEqual({ kind: 'on_sale' });
    expect(saleState(pkg({ ...window, is_enabled: false }), at('2026-12-10T00:00:00Z'))).toEqual({ kind: 'disabled' });
  });

  it('believes the server’s on_sale when it sends no window', () => {
    const old = pkg({ sales_start_at: undefined, sales_end_at: undefined, on_sale: false });
    expect(saleState(old, 0)).toEqual({ kind: 'off_sale' });
    expect(notOnSaleText(saleState(old, 0), 0)).toBe('Not on sale');
  });

  it('knows the next moment the page must change', () => {
    const p = pkg({ ...window, price_tiers: tiers });
    expect(nextChange(p, at('2026-12-01T00:00:00Z'))).toBe(at('2026-12-04T09:00:00Z'));
    expect(nextChange(p, at('2026-12-04T09:00:00Z'))).toBe(at('2026-12-11T09:00:00Z'));
    expect(nextChange(p, at('2026-12-24T18:00:00Z'))).toBeNull();
  });
});

describe('"On sale Friday 10:00"', () => {
  const paris = { locale: 'en-GB', timeZone: 'Europe/Paris' };
  const wednesday = at('2026-12-02T12:00:00Z');

  it('names the weekday and the time within the coming week', () => {
    expect(onSaleFrom('2026-12-04T09:00:00Z', wednesday, paris)).toBe('On sale Friday 10:00');
    expect(onSaleFrom('2026-12-08T17:30:00Z', wednesday, paris)).toBe('On sale Tuesday 18:30');
  });

  it('says today for today', () => {
    expect(onSaleFrom('2026-12-02T19:00:00Z', wednesday, paris)).toBe('On sale today 20:00');
  });

  it('gives a date from a week away, with the year when it is another', () => {
    expect(onSaleFrom('2026-12-09T09:00:00Z', wednesday, paris)).toBe('On sale 9 Dec 10:00');
    expect(onSaleFrom('2027-01-05T09:00:00Z', wednesday, paris)).toBe('On sale 5 Jan 2027 10:00');
  });

  it('counts days and reads the clock in the donor’s zone', () => {
    // 23:30Z on Friday is already Saturday in Paris, still Friday afternoon in New York.
    expect(describeStart('2026-12-04T23:30:00Z', wednesday, paris)).toBe('Saturday 00:30');
    expect(describeStart('2026-12-04T23:30:00Z', wednesday, { locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      'Friday 6:30 PM',
    );
  });

  it('speaks the donor’s language', () => {
    expect(describeStart('2026-12-04T09:00:00Z', wednesday, { locale: 'fr-FR', timeZone: 'Europe/Paris' })).toBe(
      'vendredi 10:00',
    );
  });

  it('and after the window: "Sales ended"', () => {
    expect(notOnSaleText({ kind: 'ended' }, wednesday)).toBe('Sales ended');
    expect(notOnSaleText({ kind: 'on_sale' }, wednesday)).toBeNull();
  });

  it('shows a tier with its price and end for the coordinator', () => {
    expect(describeTier(tiers[0], paris)).toBe('Early bird — $100.00 until 4 Dec 2026, 10:00');
  });
});

describe('per-order limits', () => {
  it('words the rule', () => {
    expect(quantityHint(2, 2)).toBe('Sold in pairs');
    expect(quantityHint(2, 4)).toBe('2–4 per order');
    expect(quantityHint(1, 6)).toBe('Up to 6 per order');
    expect(quantityHint(3, 100)).toBe('At least 3 per order');
    expect(quantityHint(4, 4)).toBe('Exactly 4 per order');
    expect(quantityHint(1, 1)).toBe('One per order');
    expect(quantityHint(1, 100)).toBeNull();
    expect(quantityHint(undefined, undefined)).toBeNull();
  });

  it('bounds the quantity by the limits and the stock left', () => {
    expect(quantityRange({ min_per_order: 2, max_per_order: 4, available: null })).toEqual({
      min: 2,
      max: 4,
      tooFewLeft: false,
    });
    expect(quantityRange({ min_per_order: 2, max_per_order: 4, available: 3 })).toEqual({
      min: 2,
      max: 3,
      tooFewLeft: false,
    });
    expect(quantityRange({ min_per_order: 2, max_per_order: 4, available: 1 })).toEqual({
      min: 2,
      max: 2,
      tooFewLeft: true,
    });
    expect(quantityRange({ available: null })).toEqual({ min: 1, max: 100, tooFewLeft: false });
  });
});

describe('the coordinator’s tiers, checked like the server does', () => {
  const row = (label: string, price: string, ends_at: string): TierRow => ({ label, price, ends_at });
  const fields = (rows: TierRow[]) => tierProblems(rows, 'Europe/Paris').map((p) => p.field);

  it('accepts up to five named, priced tiers ending in order', () => {
    expect(
      tierProblems(
        [row('Early bird', '100', '2026-12-04T10:00'), row(' Advance ', '125.50', '2026-12-11T10:00')],
        'Europe/Paris',
      ),
    ).toEqual([]);
    expect(tierProblems([], 'UTC')).toEqual([]);
  });

  it('wants each end strictly after the one above, in the chosen zone', () => {
    const problems = tierProblems(
      [row('A', '1', '2026-12-04T10:00'), row('B', '2', '2026-12-04T10:00'), row('C', '3', '2026-12-03T10:00')],
      'Europe/Paris',
    );
    expect(problems).toEqual([
      { field: 'price_tiers.1.ends_at', message: 'Must end after tier 1 ends' },
      { field: 'price_tiers.2.ends_at', message: 'Must end after tier 2 ends' },
    ]);
  });

  it('names the label, price and end that break a rule', () => {
    expect(fields([row('', '1', '2026-12-04T10:00')])).toEqual(['price_tiers.0.label']);
    expect(fields([row('x'.repeat(51), '1', '2026-12-04T10:00')])).toEqual(['price_tiers.0.label']);
    expect(fields([row('x'.repeat(50), '1', '2026-12-04T10:00')])).toEqual([]);
    expect(fields([row('Tab\there', '1', '2026-12-04T10:00')])).toEqual(['price_tiers.0.label']);
    expect(fields([row('A', '', '2026-12-04T10:00')])).toEqual(['price_tiers.0.price']);
    expect(fields([row('A', '10.123', '2026-12-04T10:00')])).toEqual(['price_tiers.0.price']);
    expect(fields([row('A', '-1', '2026-12-04T10:00')])).toEqual(['price_tiers.0.price']);
    expect(fields([row('A', '1000000.01', '2026-12-04T10:00')])).toEqual(['price_tiers.0.price']);
    expect(fields([row('A', '1', '')])).toEqual(['price_tiers.0.ends_at']);
    expect(fields([row('A', '1', '1999-12-31T10:00')])).toEqual(['price_tiers.0.ends_at']);
    expect(tierProblems([row('A', '10.123', '')], 'UTC').map((p) => p.message)).toEqual([
      'Tier price must have at most 2 decimals',
      'Say when this price ends',
    ]);
  });

  it('allows no sixth tier', () => {
    const six = Array.from({ length: 6 }, (_, i) => row(`T${i}`, '1', `2026-12-0${i + 1}T10:00`));
    expect(fields(six)).toEqual(['price_tiers']);
  });
});

describe('the window and the limits, checked like the server does', () => {
  const values = { sales_start_at: '', sales_end_at: '', min_per_order: '1', max_per_order: '100' };
  const fields = (extra: Partial<typeof values>) =>
    windowAndLimitProblems({ ...values, ...extra }, 'Europe/Paris').map((p) => `${p.field}: ${p.message}`);

  it('accepts the defaults and an open end or start', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ sales_start_at: '2026-12-04T10:00' })).toEqual([]);
    expect(fields({ sales_end_at: '2026-12-04T10:00' })).toEqual([]);
  });

  it('wants the end after the start', () => {
    expect(fields({ sales_start_at: '2026-12-04T10:00', sales_end_at: '2026-12-04T10:00' })).toEqual([
      'sales_end_at: The sale must end after it starts',
    ]);
    expect(fields({ sales_start_at: '2026-12-04T10:00', sales_end_at: '2026-12-04T10:01' })).toEqual([]);
    expect(fields({ sales_end_at: '10000-01-01T00:00' })).toEqual(['sales_end_at: Enter a date and time']);
    expect(fields({ sales_start_at: '1999-12-31T23:59' })).toEqual(['sales_start_at: Use a year from 2000 to 9999']);
  });

  it('wants whole numbers 1–100 with the maximum at least the minimum', () => {
    expect(fields({ min_per_order: '4', max_per_order: '2' })).toEqual([
      'max_per_order: Maximum cannot be less than the minimum',
    ]);
    expect(fields({ min_per_order: '0', max_per_order: '101' })).toEqual([
      'min_per_order: Minimum must be a whole number from 1 to 100',
      'max_per_order: Maximum must be a whole number from 1 to 100',
    ]);
    expect(fields({ min_per_order: '1.5', max_per_order: '' })).toHaveLength(2);
    expect(fields({ min_per_order: '2', max_per_order: '2' })).toEqual([]);
  });
});
