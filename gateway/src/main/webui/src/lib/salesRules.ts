import { formatMoney } from './format';
import { moneyProblem } from './money';
import type { PriceTier, TicketPackage } from './types';
import { calendarDaysBetween, zonedInputToIso } from './zonedTime';

/**
 * A package's sales rules as the screens show them (API.md, "Sales rules"): the window, the price tier in force,
 * the per-order limits. The server decides at checkout; these are the same rules read against the browser's clock,
 * so a page left open turns "On sale Friday 10:00" into a Buy button when the time comes.
 */

export const DEFAULT_MIN_PER_ORDER = 1;
export const DEFAULT_MAX_PER_ORDER = 100;
export const MAX_PRICE_TIERS = 5;
export const MAX_TIER_LABEL = 50;

type Rules = Pick<
  TicketPackage,
  'is_enabled' | 'sales_start_at' | 'sales_end_at' | 'on_sale' | 'price' | 'current_price' | 'price_tiers'
>;

const instant = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/** The tier in force at `now`: the first whose ends_at is still ahead; null when every tier has ended (or none). */
export function tierInForce(tiers: readonly PriceTier[] | undefined, now: number): PriceTier | null {
  return tiers?.find((tier) => (instant(tier.ends_at) ?? -Infinity) > now) ?? null;
}

export interface Pricing {
  /** What one package costs now. */
  price: number;
  /** The package's regular price, paid once every tier has ended. */
  regular: number;
  /** The early price in force, or null when the regular price applies. */
  tier: PriceTier | null;
}

/**
 * The price in force at `now`. With the tiers known it is read from them (still right after a tier ends while the
 * page is open); a server that sends no tiers is taken at its word (current_price, else price).
 */
export function pricing(pkg: Rules, now: number): Pricing {
  if (!pkg.price_tiers) return { price: pkg.current_price ?? pkg.price, regular: pkg.price, tier: null };
  const tier = tierInForce(pkg.price_tiers, now);
  return { price: tier ? tier.price : pkg.price, regular: pkg.price, tier };
}

export type SaleState =
  | { kind: 'on_sale' }
  | { kind: 'upcoming'; startsAt: string }
  | { kind: 'ended' }
  | { kind: 'disabled' }
  /** The server said not on sale and the window gives no reason the browser can see (its clock differs). */
  | { kind: 'off_sale' };

/** Whether the package can be bought at `now`, and if not, why: before its window, after it, or switched off. */
export function saleState(pkg: Rules, now: number): SaleState {
  if (!pkg.is_enabled) return { kind: 'disabled' };
  const start = instant(pkg.sales_start_at);
  const end = instant(pkg.sales_end_at);
  if (start !== null && now < start) return { kind: 'upcoming', startsAt: pkg.sales_start_at! };
  if (end !== null && now >= end) return { kind: 'ended' };
  // A server without windows says nothing of them; one whose clock is ahead of ours decides.
  if (pkg.sales_start_at === undefined && pkg.sales_end_at === undefined && pkg.on_sale === false)
    return { kind: 'off_sale' };
  return { kind: 'on_sale' };
}

/** The next instant after `now` at which saleState or pricing changes (a window edge or a tier end), or null. */
export function nextChange(pkg: Rules, now: number): number | null {
  const edges = [pkg.sales_start_at, pkg.sales_end_at, ...(pkg.price_tiers ?? []).map((t) => t.ends_at)]
    .map(instant)
    .filter((ms): ms is number => ms !== null && ms > now);
  return edges.length ? Math.min(...edges) : null;
}

export interface DisplayZone {
  /** BCP 47 locale; undefined = the browser's. */
  locale?: string;
  /** IANA zone; undefined = the browser's. */
  timeZone?: string;
}

const time = (ms: number, { locale, timeZone }: DisplayZone) =>
  new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(ms);

/**
 * When a sale starts, for a donor: "today 10:00", "Friday 10:00" within the coming week, else a date
 * ("12 Dec 10:00", with the year when it is not this year's), in the donor's locale and zone.
 */
export function describeStart(iso: string, now: number, zone: DisplayZone = {}): string {
  const at = Date.parse(iso);
  const timeZone = zone.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const days = calendarDaysBetween(now, at, timeZone);
  const clock = time(at, zone);
  if (days === 0) return `${new Intl.RelativeTimeFormat(zone.locale, { numeric: 'auto' }).format(0, 'day')} ${clock}`;
  if (days > 0 && days < 7)
    return `${new Intl.DateTimeFormat(zone.locale, { weekday: 'long', timeZone: zone.timeZone }).format(at)} ${clock}`;
  const sameYear =
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(at) ===
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(now);
  const date = new Intl.DateTimeFormat(zone.locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: zone.timeZone,
  }).format(at);
  return `${date} ${clock}`;
}

/** "On sale Friday 10:00": the donor's wording of a sale that has not started. */
export const onSaleFrom = (iso: string, now: number, zone: DisplayZone = {}): string =>
  `On sale ${describeStart(iso, now, zone)}`;

/** Why a package cannot be bought now, in the donor's words ("On sale Friday 10:00", "Sales ended"); null if it can. */
export function notOnSaleText(state: SaleState, now: number): string | null {
  switch (state.kind) {
    case 'on_sale':
      return null;
    case 'upcoming':
      return onSaleFrom(state.startsAt, now);
    case 'ended':
      return 'Sales ended';
    default:
      return 'Not on sale';
  }
}

/** A full date and time ("4 Dec 2026, 10:00") in the given locale and zone. */
export const formatInstant = (iso: string, zone: DisplayZone = {}): string =>
  new Intl.DateTimeFormat(zone.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone.timeZone }).format(
    Date.parse(iso),
  );

/** "Early bird — $100.00 until 4 Dec 2026, 10:00": a tier in force as the coordinator's list shows it. */
export const describeTier = (tier: PriceTier, zone: DisplayZone = {}): string =>
  `${tier.label} — ${formatMoney(tier.price)} until ${formatInstant(tier.ends_at, zone)}`;

// ---- per-order limits ----

export interface QuantityRange {
  min: number;
  /** The most one order may hold now: max_per_order, the stock left and the API's 100, whichever is least. */
  max: number;
  /** Fewer left than the minimum an order must hold. */
  tooFewLeft: boolean;
}

export function quantityRange(pkg: Pick<TicketPackage, 'min_per_order' | 'max_per_order' | 'available'>) {
  const min = pkg.min_per_order ?? DEFAULT_MIN_PER_ORDER;
  const max = Math.min(pkg.max_per_order ?? DEFAULT_MAX_PER_ORDER, DEFAULT_MAX_PER_ORDER, pkg.available ?? Infinity);
  return { min, max: Math.max(min, max), tooFewLeft: max < min } satisfies QuantityRange;
}

/** How many one order may hold, in words: "Sold in pairs", "2–4 per order", "Up to 6 per order"; null = no rule. */
export function quantityHint(min = DEFAULT_MIN_PER_ORDER, max = DEFAULT_MAX_PER_ORDER): string | null {
  if (min === max) return min === 2 ? 'Sold in pairs' : min === 1 ? 'One per order' : `Exactly ${min} per order`;
  if (min > 1 && max < DEFAULT_MAX_PER_ORDER) return `${min}–${max} per order`;
  if (min > 1) return `At least ${min} per order`;
  if (max < DEFAULT_MAX_PER_ORDER) return `Up to ${max} per order`;
  return null;
}

// ---- the coordinator's form ----

/** A tier row as typed: the end is a wall time in the form's zone. */
export interface TierRow {
  label: string;
  price: string;
  ends_at: string;
}

export interface RuleProblem {
  /** The form's field name (`price_tiers.1.ends_at`, `sales_end_at`…). */
  field: string;
  message: string;
}

const YEAR_MIN = 2000;
const YEAR_MAX = 9999;

/** A typed wall time as an instant, or why it cannot be one (API.md: years 2000 to 9999). */
export function instantProblem(value: string, timeZone: string): { iso: string | null; problem?: string } {
  if (!value.trim()) return { iso: null };
  const iso = zonedInputToIso(value, timeZone);
  if (!iso) return { iso: null, problem: 'Enter a date and time' };
  const year = Number(value.trim().slice(0, 4));
  if (year < YEAR_MIN || year > YEAR_MAX) return { iso: null, problem: `Use a year from ${YEAR_MIN} to ${YEAR_MAX}` };
  return { iso };
}

/**
 * The server's tier rules, checked before sending: at most 5 tiers; a label of 1–50 characters on one line; a price
 * like the package price; an end date, each strictly after the one above.
 */
export function tierProblems(rows: readonly TierRow[], timeZone: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (rows.length > MAX_PRICE_TIERS)
    problems.push({ field: 'price_tiers', message: `At most ${MAX_PRICE_TIERS} price tiers` });
  let previous: { iso: string; index: number } | null = null;
  rows.forEach((row, index) => {
    const at = (name: keyof TierRow) => `price_tiers.${index}.${name}`;
    const label = row.label.trim();
    if (!label) problems.push({ field: at('label'), message: 'Give the tier a name, like “Early bird”' });
    else if (label.length > MAX_TIER_LABEL)
      problems.push({ field: at('label'), message: `A tier name is at most ${MAX_TIER_LABEL} characters` });
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(label))
      problems.push({ field: at('label'), message: 'A tier name is one line, without tabs or control characters' });
    const price = moneyProblem('Tier price', row.price, { required: true, max: 1_000_000 });
    if (price) problems.push({ field: at('price'), message: price });
    const end = instantProblem(row.ends_at, timeZone);
    if (!row.ends_at.trim()) problems.push({ field: at('ends_at'), message: 'Say when this price ends' });
    else if (end.problem) problems.push({ field: at('ends_at'), message: end.problem });
    else if (end.iso) {
      if (previous && Date.parse(end.iso) <= Date.parse(previous.iso))
        problems.push({ field: at('ends_at'), message: `Must end after tier ${previous.index + 1} ends` });
      previous = { iso: end.iso, index };
    }
  });
  return problems;
}

/** The window and the per-order limits: end after start, whole numbers 1–100, max at least min. */
export function windowAndLimitProblems(
  values: { sales_start_at: string; sales_end_at: string; min_per_order: string; max_per_order: string },
  timeZone: string,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const start = instantProblem(values.sales_start_at, timeZone);
  const end = instantProblem(values.sales_end_at, timeZone);
  if (start.problem) problems.push({ field: 'sales_start_at', message: start.problem });
  if (end.problem) problems.push({ field: 'sales_end_at', message: end.problem });
  else if (start.iso && end.iso && Date.parse(end.iso) <= Date.parse(start.iso))
    problems.push({ field: 'sales_end_at', message: 'The sale must end after it starts' });
  const whole = (raw: string) => (/^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN);
  const min = whole(values.min_per_order);
  const max = whole(values.max_per_order);
  const range = `a whole number from ${DEFAULT_MIN_PER_ORDER} to ${DEFAULT_MAX_PER_ORDER}`;
  if (!(min >= 1 && min <= 100)) problems.push({ field: 'min_per_order', message: `Minimum must be ${range}` });
  if (!(max >= 1 && max <= 100)) problems.push({ field: 'max_per_order', message: `Maximum must be ${range}` });
  else if (min >= 1 && min <= 100 && max < min)
    problems.push({ field: 'max_per_order', message: 'Maximum cannot be less than the minimum' });
  return problems;
}
