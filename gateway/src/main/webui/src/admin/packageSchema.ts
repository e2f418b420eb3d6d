import { z } from '../lib/zod';
import type { TicketPackage } from '../lib/types';

/** The rules of API.md for a ticket package, with the messages a coordinator reads inline. */
const decimals = (value: string) => (value.split('.')[1] ?? '').length;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

function money(label: string, { required, max }: { required: boolean; max?: number }) {
  return z.string().superRefine((raw, ctx) => {
    const value = raw.trim();
    if (!value) {
      if (required) ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return;
    }
    if (!NUMBER.test(value)) return ctx.addIssue({ code: 'custom', message: `${label} must be a number` });
    if (Number(value) < 0) return ctx.addIssue({ code: 'custom', message: `${label} cannot be negative` });
    if (max !== undefined && Number(value) > max)
      return ctx.addIssue({ code: 'custom', message: `${label} must be at most ${max.toLocaleString('en-US')}.00` });
    if (decimals(value) > 2) ctx.addIssue({ code: 'custom', message: `${label} must have at most 2 decimals` });
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
  })
  .superRefine((values, ctx) => {
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
export const PACKAGE_FIELDS = Object.keys(packageSchema.shape) as (keyof PackageFormValues)[];

const moneyText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : Number(value).toFixed(2);

export function toFormValues(pkg?: TicketPackage): PackageFormValues {
  return {
    name: pkg?.name ?? '',
    description: pkg?.description ?? '',
    price: pkg ? moneyText(pkg.price) : '',
    quantity_limit: pkg?.quantity_limit != null ? String(pkg.quantity_limit) : '',
    display_order: pkg ? String(pkg.display_order) : '',
    is_enabled: pkg?.is_enabled ?? true,
    seats_per_package: String(pkg?.seats_per_package ?? 1),
    fair_market_value: moneyText(pkg?.fair_market_value),
  };
}

/** Form values → API body. For an edit only the fields that changed are sent (PATCH semantics). */
export function toRequestBody(values: PackageFormValues, initial?: PackageFormValues): Record<string, unknown> {
  const optionalNumber = (raw: string) => (raw.trim() ? Number(raw.trim()) : null);
  const body: Record<string, unknown> = {
    name: values.name.trim(),
    description: values.description.trim() ? values.description : null,
    price: Number(values.price.trim()),
    quantity_limit: optionalNumber(values.quantity_limit),
    display_order: optionalNumber(values.display_order),
    is_enabled: values.is_enabled,
    seats_per_package: Number(values.seats_per_package.trim()),
    fair_market_value: optionalNumber(values.fair_market_value),
  };
  if (!initial) {
    for (const key of Object.keys(body)) if (body[key] === null) delete body[key];
    return body;
  }
  const before = toRequestBody(initial);
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'display_order' && value === null) continue; // blank order on edit = keep the current one
    if (value !== (before[key] ?? null)) changed[key] = value;
  }
  return changed;
}
