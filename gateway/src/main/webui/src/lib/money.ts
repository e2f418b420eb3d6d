import { formatMoney } from './format';
import type { Purchase, Ticket, TicketPackage } from './types';

/**
 * The order lifecycle's money rules (API.md, "Order lifecycle"), in integer cents so no float sum ever drifts.
 * The server decides; these show the donor and the coordinator the same figures before they confirm.
 */
export type Cents = number;

/** A JSON money number (two decimals) in cents; null/undefined count as 0. */
export const toCents = (value: number | string | null | undefined): Cents =>
  value === null || value === undefined || value === '' ? 0 : Math.round(Number(value) * 100);

/** Cents as the JSON number the API expects (e.g. 3333 → 33.33). */
export const fromCents = (cents: Cents): number => cents / 100;

export const formatCents = (cents: Cents | null): string => (cents === null ? '—' : formatMoney(fromCents(cents)));

const MONEY_INPUT = /^\d{1,9}(\.\d{1,2})?$/;

/** What a person typed as an amount ("12", "12.5", "12.50"), in cents; null when it is not such an amount. */
export function parseMoneyInput(text: string): Cents | null {
  const trimmed = text.trim();
  if (!MONEY_INPUT.test(trimmed)) return null;
  const [whole, fraction = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Why a typed money amount breaks API.md's money rule (≥ 0, at most `max`, at most 2 decimals), in words naming the
 * field (`label`); null when it is fine (or empty and not required).
 */
export function moneyProblem(label: string, raw: string, { required, max }: { required: boolean; max?: number }) {
  const value = raw.trim();
  if (!value) return required ? `${label} is required` : null;
  if (!DECIMAL.test(value)) return `${label} must be a number`;
  if (Number(value) < 0) return `${label} cannot be negative`;
  if (max !== undefined && Number(value) > max) return `${label} must be at most ${max.toLocaleString('en-US')}.00`;
  if ((value.split('.')[1] ?? '').length > 2) return `${label} must have at most 2 decimals`;
  return null;
}

/** numerator / denominator rounded HALF_UP, for non-negative integers (BigDecimal's HALF_UP on cents). */
export function roundHalfUpDiv(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

// ---- checkout ----

export const MAX_DONATION_CENTS: Cents = 10_000_000; // 100,000.00

/** The gift's cents, or an error for the donor: 0 to 100,000.00 with at most two decimals; empty means no gift. */
export function parseDonation(
  text: string,
): { cents: Cents; error?: undefined } | { cents?: undefined; error: string } {
  if (!text.trim()) return { cents: 0 };
  const cents = parseMoneyInput(text);
  if (cents === null || cents > MAX_DONATION_CENTS)
    return { error: `A gift is an amount from $0.00 to ${formatCents(MAX_DONATION_CENTS)} with at most 2 decimals.` };
  return { cents };
}

/** A promo code's discount on a base price: percentage HALF_UP to cents, fixed amount capped at the base. */
export function discountCents(base: Cents, discountType: string, discountValue: number): Cents {
  if (discountType === 'percentage') return Math.min(base, roundHalfUpDiv(base * toCents(discountValue), 10_000));
  if (discountType === 'fixed_amount') return Math.min(base, toCents(discountValue));
  return 0;
}

export interface OrderTotals {
  base: Cents;
  discount: Cents;
  donation: Cents;
  total: Cents;
}

/** total = max(0, base − discount) + donation; the gift is never discounted. */
export function orderTotals(unitPrice: Cents, quantity: number, discount: Cents, donation: Cents): OrderTotals {
  const base = unitPrice * quantity;
  const applied = Math.min(Math.max(0, discount), base);
  return { base, discount: applied, donation, total: base - applied + donation };
}

// ---- cancellations and releases ----

export const isValidTicket = (ticket: Ticket): boolean => (ticket.status ?? 'valid') === 'valid';

/** A seat that may still be cancelled or given back: valid and not checked in. */
export const isCancellable = (ticket: Ticket): boolean => isValidTicket(ticket) && !ticket.checked_in_at;

/** The ticket part of a purchase, max(0, base − discount): what refunds come out of (a donation never is). */
export const ticketPart = (purchase: Purchase): Cents =>
  Math.max(0, toCents(purchase.base_price) - toCents(purchase.discount_amount));

/** What can still be refunded: the ticket part minus the refunds already recorded. */
export const refundable = (purchase: Purchase): Cents =>
  Math.max(0, ticketPart(purchase) - toCents(purchase.refunded_amount));

/**
 * The default refund of cancelling `cancelling` tickets now: pro rata over all the purchase's seats, HALF_UP;
 * the cancellation that cancels the last valid ticket refunds exactly what remains; never above what remains.
 */
export function defaultRefund(purchase: Purchase, cancelling: number): Cents {
  const remaining = refundable(purchase);
  const totalSeats = purchase.tickets.length;
  const validSeats = purchase.tickets.filter(isValidTicket).length;
  if (cancelling <= 0 || totalSeats === 0) return 0;
  if (cancelling >= validSeats) return remaining;
  return Math.min(remaining, roundHalfUpDiv(ticketPart(purchase) * cancelling, totalSeats));
}

/** The seats of one package: the package's figure when known, else what this purchase shows. */
export const seatsPerPackage = (purchase: Purchase, pkg?: Pick<TicketPackage, 'seats_per_package'>): number =>
  pkg?.seats_per_package ?? Math.max(1, Math.round(purchase.tickets.length / Math.max(1, purchase.quantity)));

/**
 * tax_deductible_amount with `validSeats` seats still valid: max(0, base − discount − refunded − fmv_per_seat ×
 * valid_seats) + donation, the product HALF_UP to cents; without a stated fair market value the donation if
 * above 0, else null; a complimentary purchase 0.
 */
export function taxDeductible(
  purchase: Purchase,
  pkg: Pick<TicketPackage, 'fair_market_value' | 'seats_per_package'> | undefined,
  validSeats: number,
): Cents | null {
  if (purchase.payment === 'complimentary') return 0;
  const donation = toCents(purchase.donation_amount);
  const fmv = pkg?.fair_market_value;
  if (fmv === null || fmv === undefined) return donation > 0 ? donation : null;
  const benefit = roundHalfUpDiv(toCents(fmv) * validSeats, seatsPerPackage(purchase, pkg));
  return Math.max(0, ticketPart(purchase) - toCents(purchase.refunded_amount) - benefit) + donation;
}
