import { z } from '../lib/zod';
import { moneyProblem } from '../lib/money';
import {
  DEFAULT_MAX_PER_ORDER,
  DEFAULT_MIN_PER_ORDER,
  MAX_PRICE_TIERS,
  tierProblems,
  windowAndLimitProblems,
} from '../lib/salesRules';
import type { TicketPackage } from '../lib/types';
import { isoToZonedInput, isTimeZone, zonedInputToIso } from '../lib/zonedTime';

/** The rules of API.md for a ticket package, with the messages a coordinator reads inline. */
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

function money(label: string, options: { required: boolean; max?: number }) {
  return z.string().superRefine((raw, ctx) => {
    const message = moneyProblem(label, raw, options);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

function wholeNumber(message: string, min: number, max: number, required: boolean) {
  return z.string().superRefine((raw, ctx) => {
    const value = raw.trim();
    if (!value) {
      if (required) ctx.addIssue({ code: 'custom', message });
      return;
    }
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) ctx.addIssue({ code: 'custom', message });
  });
}

export const packageSchema = z
  .object({
    name: z.string().trim().min(1, 'Package name is required').max(100, 'Package name must be at most 100 characters'),
    description: z.string().max(2000, 'Description must be at most 2000 characters'),
    price: money('Price', { required: true, max: 1_000_000 }),
    quantity_limit: wholeNumber(
      'Quantity limit must be a whole number from 1 to 100,000, or empty for unlimited',
      1,
      100_000,
      false,
    ),
    display_order: wholeNumber('Display order must be a whole number, 0 or more', 0, Number.MAX_SAFE_INTEGER, false),
    is_enabled: z.boolean(),
    seats_per_package: wholeNumber('Seats per package must be a whole number from 1 to 50', 1, 50, true),
    fair_market_value: money('Fair market value', { required: false, max: 1_000_000 }),
    // Sales rules: the times are wall times in time_zone (never sent), the API's instants are UTC.
    time_zone: z.string().refine(isTimeZone, 'Choose a time zone'),
    sales_start_at: z.string(),
    sales_end_at: z.string(),
    min_per_order: z.string(),
    max_per_order: z.string(),
    visibility: z.enum(['public', 'hidden']),
    price_tiers: z.array(z.object({ label: z.string(), price: z.string(), ends_at: z.string() })),
  })
  .superRefine((values, ctx) => {
    if (isTimeZone(values.time_zone))
      for (const { field, message } of [
        ...windowAndLimitProblems(values, values.time_zone),
        ...tierProblems(values.price_tiers, values.time_zone),
      ])
        ctx.addIssue({
          code: 'custom',
          path: field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
          message,
        });
    const fmv = values.fair_market_value.trim();
    const price = values.price.trim();
    if (fmv && price && NUMBER.test(fmv) && NUMBER.test(price) && Number(fmv) > Number(price))
      ctx.addIssue({
        code: 'custom',
        path: ['fair_market_value'],
        message: 'Fair market value cannot be higher than the price',
      });
  });

export type PackageFormValues = z.infer<typeof packageSchema>;
/** Every form field a problem+json `errors[].field` may name (tiers as `price_tiers.1.ends_at`). */
export const PACKAGE_FIELDS: readonly string[] = [
  ...Object.keys(packageSchema.shape),
  ...Array.from({ length: MAX_PRICE_TIERS }, (_, i) =>
    ['label', 'price', 'ends_at'].map((f) => `price_tiers.${i}.${f}`),
  ).flat(),
];

const moneyText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : Number(value).toFixed(2);

/** A package as the form shows it, its times as wall times in `timeZone`. */
export function toFormValues(pkg: TicketPackage | undefined, timeZone: string): PackageFormValues {
  return {
    name: pkg?.name ?? '',
    description: pkg?.description ?? '',
    price: pkg ? moneyText(pkg.price) : '',
    quantity_limit: pkg?.quantity_limit != null ? String(pkg.quantity_limit) : '',
    display_order: pkg ? String(pkg.display_order) : '',
    is_enabled: pkg?.is_enabled ?? true,
    seats_per_package: String(pkg?.seats_per_package ?? 1),
    fair_market_value: moneyText(pkg?.fair_market_value),
    time_zone: timeZone,
    sales_start_at: isoToZonedInput(pkg?.sales_start_at, timeZone),
    sales_end_at: isoToZonedInput(pkg?.sales_end_at, timeZone),
    min_per_order: String(pkg?.min_per_order ?? DEFAULT_MIN_PER_ORDER),
    max_per_order: String(pkg?.max_per_order ?? DEFAULT_MAX_PER_ORDER),
    visibility: pkg?.visibility ?? 'public',
    price_tiers: (pkg?.price_tiers ?? []).map((tier) => ({
      label: tier.label,
      price: moneyText(tier.price),
      ends_at: isoToZonedInput(tier.ends_at, timeZone),
    })),
  };
}

/** The sales rules' values that a new package need not send: the server's defaults. */
const RULE_DEFAULTS: Record<string, unknown> = {
  min_per_order: DEFAULT_MIN_PER_ORDER,
  max_per_order: DEFAULT_MAX_PER_ORDER,
  visibility: 'public',
  price_tiers: [],
};

/** Every field of the form as the API spells it, empty ones as null. */
function fullBody(values: PackageFormValues): Record<string, unknown> {
  const optionalNumber = (raw: string) => (raw.trim() ? Number(raw.trim()) : null);
  return {
    name: values.name.trim(),
    description: values.description.trim() ? values.description : null,
    price: Number(values.price.trim()),
    quantity_limit: optionalNumber(values.quantity_limit),
    display_order: optionalNumber(values.display_order),
    is_enabled: values.is_enabled,
    seats_per_package: Number(values.seats_per_package.trim()),
    fair_market_value: optionalNumber(values.fair_market_value),
    sales_start_at: zonedInputToIso(values.sales_start_at, values.time_zone),
    sales_end_at: zonedInputToIso(values.sales_end_at, values.time_zone),
    min_per_order: Number(values.min_per_order.trim()),
    max_per_order: Number(values.max_per_order.trim()),
    visibility: values.visibility,
    price_tiers: values.price_tiers.map((tier) => ({
      label: tier.label.trim(),
      price: Number(tier.price.trim()),
      ends_at: zonedInputToIso(tier.ends_at, values.time_zone),
    })),
  };
}

/**
 * Form values → API body. A new package leaves out what is empty or the server's default; an edit sends only the
 * fields that changed (PATCH semantics).
 */
export function toRequestBody(values: PackageFormValues, initial?: PackageFormValues): Record<string, unknown> {
  const body = fullBody(values);
  if (!initial) {
    for (const key of Object.keys(body))
      if (body[key] === null || JSON.stringify(body[key]) === JSON.stringify(RULE_DEFAULTS[key])) delete body[key];
    return body;
  }
  const before = fullBody(initial);
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'display_order' && value === null) continue; // blank order on edit = keep the current one
    if (JSON.stringify(value) !== JSON.stringify(before[key])) changed[key] = value;
  }
  return changed;
}
