import { describe, expect, it } from 'vitest';
import type { Purchase, Ticket } from '../types';
import {
  defaultRefund,
  discountCents,
  orderTotals,
  parseDonation,
  parseMoneyInput,
  refundable,
  roundHalfUpDiv,
  taxDeductible,
  toCents,
} from '../money';

const ticket = (n: number, extra: Partial<Ticket> = {}): Ticket => ({
  id: `t${n}`,
  ticket_number: `EVT-00000${n}`,
  qr_code: 'qr',
  status: 'valid',
  ...extra,
});

const purchase = (extra: Partial<Purchase> = {}): Purchase => ({
  id: 'p1',
  event_id: 'e1',
  package_id: 'k1',
  quantity: 1,
  unit_price: 100,
  base_price: 100,
  discount_amount: 0,
  total_price: 100,
  promo_code: null,
  tickets: [ticket(1), ticket(2), ticket(3)],
  created_at: '2026-11-24T10:15:30.123Z',
  status: 'active',
  payment: 'platform',
  donation_amount: 0,
  refunded_amount: 0,
  ...extra,
});

/** The purchase after a cancellation of `ids` refunding `refund` cents, as the server would answer it. */
const after = (p: Purchase, ids: string[], refund: number): Purchase => ({
  ...p,
  refunded_amount: (toCents(p.refunded_amount) + refund) / 100,
  tickets: p.tickets.map((t) => (ids.includes(t.id) ? { ...t, status: 'cancelled' } : t)),
});

describe('money in cents', () => {
  it('reads JSON amounts and typed amounts exactly', () => {
    expect(toCents(33.33)).toBe(3333);
    expect(toCents(0.29)).toBe(29); // 0.29 × 100 is 28.999… as a float
    expect(toCents(null)).toBe(0);
    expect(parseMoneyInput('12')).toBe(1200);
    expect(parseMoneyInput(' 12.5 ')).toBe(1250);
    expect(parseMoneyInput('0.07')).toBe(7);
    expect(parseMoneyInput('1.005')).toBeNull();
    expect(parseMoneyInput('-1')).toBeNull();
    expect(parseMoneyInput('1e3')).toBeNull();
  });

  it('rounds HALF_UP like BigDecimal', () => {
    expect(roundHalfUpDiv(10000, 3)).toBe(3333);
    expect(roundHalfUpDiv(5, 2)).toBe(3);
    expect(roundHalfUpDiv(7, 2)).toBe(4);
    expect(roundHalfUpDiv(20000, 3)).toBe(6667);
  });
});

describe('default pro-rata refund', () => {
  it('splits 100.00 over three seats as 33.33, 33.33 and the remaining 33.34', () => {
    let p = purchase();
    const first = defaultRefund(p, 1);
    expect(first).toBe(3333);
    p = after(p, ['t1'], first);
    const second = defaultRefund(p, 1);
    expect(second).toBe(3333);
    p = after(p, ['t2'], second);
    const last = defaultRefund(p, 1);
    expect(last).toBe(3334);
    expect(first + second + last).toBe(10000);
    expect(refundable(after(p, ['t3'], last))).toBe(0);
  });

  it('refunds what remains when the last valid seats go, and never more than that', () => {
    const p = after(purchase(), ['t1'], 3333);
    expect(defaultRefund(p, 2)).toBe(6667);
    // A coordinator refunded more than pro rata before: the next share is capped by what remains.
    const generous = after(purchase(), ['t1'], 9000);
    expect(defaultRefund(generous, 1)).toBe(1000);
  });

  it('refunds only the ticket part after a discount, never the donation', () => {
    const p = purchase({ discount_amount: 40, donation_amount: 50, total_price: 110 });
    expect(refundable(p)).toBe(6000);
    expect(defaultRefund(p, 1)).toBe(2000);
    expect(defaultRefund(p, 3)).toBe(6000);
  });

  it('is 0 for a complimentary order', () => {
    const p = purchase({ unit_price: 0, base_price: 0, total_price: 0, payment: 'complimentary' });
    expect(defaultRefund(p, 1)).toBe(0);
  });
});

describe('tax-deductible amount after a release', () => {
  const table = { fair_market_value: 30, seats_per_package: 3 };

  it('takes the fair market value of the valid seats off the ticket part, then adds the donation', () => {
    const p = purchase({ donation_amount: 50, total_price: 150 });
    expect(taxDeductible(p, table, 3)).toBe(12000); // 100 − 30 + 50
    expect(taxDeductible(p, table, 2)).toBe(13000); // one seat released: 100 − 20 + 50
    expect(taxDeductible(p, table, 0)).toBe(15000);
  });

  it('subtracts refunds and rounds fmv per seat × seats HALF_UP', () => {
    const p = purchase();
    expect(taxDeductible(p, { fair_market_value: 10, seats_per_package: 3 }, 2)).toBe(9333); // 100 − 6.67
    expect(taxDeductible({ ...p, refunded_amount: 33.33 }, { fair_market_value: 10, seats_per_package: 3 }, 2)).toBe(
      6000,
    );
    expect(taxDeductible(p, { fair_market_value: 100, seats_per_package: 3 }, 3)).toBe(0); // never below 0
  });

  it('is the donation (or null) without a fair market value, and 0 when complimentary', () => {
    expect(taxDeductible(purchase(), { fair_market_value: null }, 2)).toBeNull();
    expect(taxDeductible(purchase({ donation_amount: 25 }), undefined, 2)).toBe(2500);
    expect(taxDeductible(purchase({ payment: 'complimentary' }), table, 2)).toBe(0);
  });

  it('derives seats per package from the purchase when the package is not listed', () => {
    const p = purchase({ quantity: 1 });
    expect(taxDeductible(p, { fair_market_value: 30 }, 2)).toBe(8000);
  });
});

describe('checkout total', () => {
  it('2 × 100.00 with a 20 % code and a 50.00 gift: discount 40.00, total 210.00', () => {
    const discount = discountCents(2 * 10000, 'percentage', 20);
    expect(discount).toBe(4000);
    expect(orderTotals(10000, 2, discount, 5000)).toEqual({
      base: 20000,
      discount: 4000,
      donation: 5000,
      total: 21000,
    });
  });

  it('never discounts below 0 nor the gift', () => {
    const discount = discountCents(2500, 'fixed_amount', 40);
    expect(discount).toBe(2500);
    expect(orderTotals(2500, 1, discount, 1000).total).toBe(1000);
    expect(discountCents(999, 'percentage', 12.5)).toBe(125); // 124.875 → 125
  });

  it('accepts gifts from 0 to 100,000.00 with two decimals', () => {
    expect(parseDonation('')).toEqual({ cents: 0 });
    expect(parseDonation('100000.00')).toEqual({ cents: 10_000_000 });
    expect(parseDonation('100000.01').error).toMatch(/at most 2 decimals/);
    expect(parseDonation('5.555').error).toBeDefined();
    expect(parseDonation('abc').error).toBeDefined();
  });
});
