import type { Purchase, Ticket } from '../lib/types';

/** A valid seat numbered n. */
export const seat = (n: number, extra: Partial<Ticket> = {}): Ticket => ({
  id: `t${n}`,
  ticket_number: `EVT7K-00000${n}`,
  qr_code: `qr${n}`,
  guest_name: null,
  guest_email: null,
  checked_in_at: null,
  status: 'valid',
  ...extra,
});

/** A checkout purchase of one 100.00 table of three seats, nothing refunded or given. */
export const tablePurchase = (extra: Partial<Purchase> = {}): Purchase => ({
  id: 'p1',
  event_id: 'e1',
  package_id: 'k1',
  donor_id: 'd1',
  quantity: 1,
  unit_price: 100,
  base_price: 100,
  discount_amount: 0,
  total_price: 100,
  tax_deductible_amount: null,
  promo_code: null,
  option_responses: [],
  tickets: [seat(1), seat(2), seat(3)],
  created_at: '2026-11-24T10:15:30.123Z',
  status: 'active',
  channel: 'checkout',
  payment: 'platform',
  donation_amount: 0,
  refunded_amount: 0,
  email: 'ada@example.org',
  name: 'Ada',
  cancellations: [],
  ...extra,
});
