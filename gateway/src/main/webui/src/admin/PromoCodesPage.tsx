import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from '../lib/zod';
import { ApiError } from '../lib/api';
import { explain } from '../lib/messages';
import { formatDateTime, formatMoney, isoToLocalInput, localInputToIso } from '../lib/format';
import { applyServerErrors } from '../lib/serverErrors';
import type { PromoCode } from '../lib/types';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { adminBase, ifMatch, useAdminApi, usePackages } from './hooks';

const optionalCount = z
  .string()
  .refine(
    (v) => !v.trim() || (/^\d+$/.test(v.trim()) && Number(v) >= 1),
    'Must be a whole number, 1 or more (empty for unlimited)',
  );

const promoSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{3,50}$/, 'Code must be 3–50 letters, digits, “-” or “_”'),
    discount_type: z.enum(['percentage', 'fixed_amount', 'none']),
    discount_value: z.string(),
    max_total_uses: optionalCount,
    max_uses_per_donor: optionalCount,
    valid_from: z.string(),
    expires_at: z.string(),
    is_active: z.boolean(),
    package_ids: z.array(z.string()),
    unlocks_package_ids: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    const value = v.discount_type === 'none' ? '0' : v.discount_value.trim();
    if (!value) ctx.addIssue({ code: 'custom', path: ['discount_value'], message: 'Discount is required' });
    else if (v.discount_type === 'none') {
      // an access code discounts nothing: its value is 0, whatever was typed before the type changed
    } else if (!/^\d+(\.\d{1,2})?$/.test(value))
      ctx.addIssue({
        code: 'custom',
        path: ['discount_value'],
        message: 'Discount must be a positive number with at most 2 decimals',
      });
    else if (value && Number(value) <= 0)
      ctx.addIssue({ code: 'custom', path: ['discount_value'], message: 'Discount must be more than 0' });
    else if (value && v.discount_type === 'percentage' && Number(value) > 100)
      ctx.addIssue({ code: 'custom', path: ['discount_value'], message: 'A percentage cannot be more than 100' });
    if (v.valid_from && v.expires_at && new Date(v.expires_at) <= new Date(v.valid_from))
      ctx.addIssue({ code: 'custom', path: ['expires_at'], message: 'Expiry must be after the start' });
  });
type PromoValues = z.infer<typeof promoSchema>;
const PROMO_FIELDS = Object.keys(promoSchema.shape);

const toValues = (p?: PromoCode): PromoValues => ({
  code: p?.code ?? '',
  discount_type: p?.discount_type ?? 'percentage',
  discount_value: p && p.discount_type !== 'none' ? String(p.discount_value) : '',
  max_total_uses: p?.max_total_uses != null ? String(p.max_total_uses) : '',
  max_uses_per_donor: p?.max_uses_per_donor != null ? String(p.max_uses_per_donor) : '',
  valid_from: isoToLocalInput(p?.valid_from),
  expires_at: isoToLocalInput(p?.expires_at),
  is_active: p?.is_active ?? true,
  package_ids: p?.package_ids ?? [],
  unlocks_package_ids: p?.unlocks_package_ids ?? [],
});

function toBody(v: PromoValues, initial?: PromoValues): Record<string, unknown> {
  const n = (s: string) => (s.trim() ? Number(s) : null);
  const body: Record<string, unknown> = {
    code: v.code.trim().toUpperCase(),
    discount_type: v.discount_type,
    discount_value: v.discount_type === 'none' ? 0 : Number(v.discount_value),
    max_total_uses: n(v.max_total_uses),
    max_uses_per_donor: n(v.max_uses_per_donor),
    valid_from: localInputToIso(v.valid_from),
    expires_at: localInputToIso(v.expires_at),
    is_active: v.is_active,
    // Sorted, so ticking the same packages in another order is no change.
    package_ids: [...v.package_ids].sort(),
    unlocks_package_ids: [...v.unlocks_package_ids].sort(),
  };
  if (!initial) {
    // A server without sales rules knows no unlocks: a code that unlocks nothing does not mention them.
    if (v.unlocks_package_ids.length === 0) delete body.unlocks_package_ids;
    return body;
  }
  const before = toBody(initial);
  return Object.fromEntries(
    Object.entries(body).filter(([k, val]) => JSON.stringify(val) !== JSON.stringify(before[k])),
  );
}

const describeDiscount = (p: Pick<PromoCode, 'discount_type' | 'discount_value'>) =>
  p.discount_type === 'none'
    ? 'No discount (access only)'
    : p.discount_type === 'percentage'
      ? `${Number(p.discount_value)} % off`
      : `${formatMoney(p.discount_value)} off`;

export default function PromoCodesPage() {
  const { eventId = '' } = useParams();
  const call = useAdminApi();
  const queryClient = useQueryClient();
  const key = ['admin', eventId, 'promo-codes'];
  const base = `${adminBase(eventId)}/promo-codes`;
  const promos = useQuery({
    queryKey: key,
    queryFn: () => call<{ promo_codes: PromoCode[] }>(base).then((r) => r.promo_codes),
  });
  const packages = usePackages(eventId);
  const packageName = (id: string) => packages.data?.find((pkg) => pkg.id === id)?.name ?? 'a removed package';
  const [editing, setEditing] = useState<PromoCode | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  const act = async (promo: PromoCode, action: 'deactivate' | 'delete') => {
    setError(null);
    if (action === 'delete' && !confirm(`Delete ${promo.code}? A code that was used is deactivated instead.`)) return;
    try {
      await call(
        `${base}/${promo.id}`,
        action === 'delete'
          ? { method: 'DELETE', headers: ifMatch(promo.version) }
          : { method: 'PATCH', body: { is_active: false }, headers: ifMatch(promo.version) },
      );
    } catch (err) {
      setError(explain(err));
    }
    refresh();
  };

  return (
    <>
      <div className="page-head">
        <PageTitle>Promo codes</PageTitle>
        {editing === null && (
          <button className="btn btn-primary" onClick={() => setEditing('new')}>
            New promo code
          </button>
        )}
      </div>
      {error && <Alert>{error}</Alert>}
      {editing !== null && (
        <PromoForm
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          initial={editing === 'new' ? undefined : editing}
          eventId={eventId}
          onCancel={() => setEditing(null)}
          onReload={async () => {
            await refresh();
            setEditing(null);
          }}
          onSubmit={async (body) => {
            if (editing === 'new') await call(base, { method: 'POST', body });
            else await call(`${base}/${editing.id}`, { method: 'PATCH', body, headers: ifMatch(editing.version) });
            setEditing(null);
            refresh();
          }}
        />
      )}
      {promos.isPending && <p role="status">Loading promo codes…</p>}
      {promos.isError && <Alert>{explain(promos.error)}</Alert>}
      {promos.data?.length === 0 && <p className="empty card">No promo codes yet.</p>}
      {!!promos.data?.length && (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Discount</th>
                <th scope="col">Unlocks</th>
                <th scope="col">Used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {promos.data.map((p) => (
                <tr key={p.id} data-testid="promo-row">
                  <th scope="row">
                    <code>{p.code}</code>
                  </th>
                  <td>{describeDiscount(p)}</td>
                  <td data-testid="promo-unlocks">
                    {p.unlocks_package_ids?.length ? p.unlocks_package_ids.map(packageName).join(', ') : '—'}
                  </td>
                  <td>
                    {p.current_uses} / {p.max_total_uses ?? '∞'}
                    {p.max_total_uses ? (
                      <progress
                        max={p.max_total_uses}
                        value={Math.min(p.current_uses, p.max_total_uses)}
                        aria-label={`${p.code} usage`}
                      />
                    ) : null}
                  </td>
                  <td>{formatDateTime(p.expires_at)}</td>
                  <td>
                    {p.is_active ? (
                      <span className="badge badge-ok">Active</span>
                    ) : (
                      <span className="badge">Inactive</span>
                    )}
                  </td>
                  <td className="row-actions">
                    <button className="btn btn-small" onClick={() => setEditing(p)} aria-label={`Edit ${p.code}`}>
                      Edit
                    </button>
                    {p.is_active && (
                      <button
                        className="btn btn-small"
                        onClick={() => act(p, 'deactivate')}
                        aria-label={`Deactivate ${p.code}`}
                      >
                        Deactivate
                      </button>
                    )}
                    <button
                      className="btn btn-small btn-danger-quiet"
                      onClick={() => act(p, 'delete')}
                      aria-label={`Delete ${p.code}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function PromoForm({
  initial,
  eventId,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial?: PromoCode;
  eventId: string;
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onCancel: () => void;
  onReload: () => void;
}) {
  const packages = usePackages(eventId);
  const defaults = toValues(initial);
  const { register, handleSubmit, setError, control, formState } = useForm<PromoValues>({
    resolver: zodResolver(promoSchema),
    defaultValues: defaults,
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = formState;
  const [banner, setBanner] = useState<{ text: string; conflict?: boolean } | null>(null);
  const type = useWatch({ control, name: 'discount_type' });

  const submit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      await onSubmit(toBody(values, initial ? defaults : undefined));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict')
        return setBanner({ text: explain(err), conflict: true });
      if (err instanceof ApiError && err.code === 'promo_code_exists')
        return setError('code', { type: 'server', message: explain(err) }, { shouldFocus: true });
      const unmatched = applyServerErrors(err, PROMO_FIELDS, setError);
      if (!(err instanceof ApiError) || err.errors.length === 0 || unmatched.length)
        setBanner({ text: [explain(err), ...unmatched].join(' ') });
    }
  });

  return (
    <form
      className="form card"
      onSubmit={submit}
      noValidate
      aria-label={initial ? `Edit ${initial.code}` : 'New promo code'}
    >
      <h2>{initial ? `Edit ${initial.code}` : 'New promo code'}</h2>
      {banner && (
        <Alert
          action={
            banner.conflict ? (
              <button type="button" className="btn" onClick={onReload}>
                Reload
              </button>
            ) : undefined
          }
        >
          {banner.text}
        </Alert>
      )}
      <div className="grid-2">
        <Field label="Code" error={errors.code?.message} hint="Shown upper-case; donors may type it in any case.">
          <input type="text" autoComplete="off" className="upper" {...register('code')} />
        </Field>
        <div className="grid-2 tight">
          <Field label="Discount type" error={errors.discount_type?.message}>
            <select {...register('discount_type')}>
              <option value="percentage">Percentage</option>
              <option value="fixed_amount">Fixed amount</option>
              <option value="none">None (access only)</option>
            </select>
          </Field>
          {type !== 'none' && (
            <Field
              label={type === 'percentage' ? 'Discount (%)' : 'Discount (USD)'}
              error={errors.discount_value?.message}
            >
              <input type="text" inputMode="decimal" {...register('discount_value')} />
            </Field>
          )}
        </div>
        <Field label="Total uses allowed" error={errors.max_total_uses?.message} hint="Empty for unlimited.">
          <input type="text" inputMode="numeric" {...register('max_total_uses')} />
        </Field>
        <Field label="Uses per donor" error={errors.max_uses_per_donor?.message} hint="Empty for unlimited.">
          <input type="text" inputMode="numeric" {...register('max_uses_per_donor')} />
        </Field>
        <Field label="Valid from" error={errors.valid_from?.message} hint="Your local time; empty = now.">
          <input type="datetime-local" {...register('valid_from')} />
        </Field>
        <Field label="Expires at" error={errors.expires_at?.message} hint="Your local time; empty = never.">
          <input type="datetime-local" {...register('expires_at')} />
        </Field>
      </div>
      <fieldset className="package-scope">
        <legend>Applies to (none ticked = every package)</legend>
        {packages.data?.map((p) => (
          <label key={p.id} className="inline">
            <input type="checkbox" value={p.id} {...register('package_ids')} /> {p.name}
          </label>
        ))}
        {errors.package_ids && <p className="field-error">{errors.package_ids.message}</p>}
      </fieldset>
      <fieldset className="package-scope" aria-describedby="unlocks-hint">
        <legend>Unlocks packages</legend>
        <p id="unlocks-hint" className="hint">
          Hidden packages that donors see once they enter this code; the code always applies to them.
        </p>
        {packages.data?.map((p) => (
          <label key={p.id} className="inline">
            <input type="checkbox" value={p.id} {...register('unlocks_package_ids')} /> {p.name}
            {p.visibility === 'hidden' && <span className="badge">Hidden</span>}
          </label>
        ))}
        {errors.unlocks_package_ids && <p className="field-error">{errors.unlocks_package_ids.message}</p>}
      </fieldset>
      <div className="form-actions">
        <label className="inline">
          <input type="checkbox" {...register('is_active')} /> Active
        </label>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : initial ? 'Save code' : 'Create code'}
        </button>
      </div>
    </form>
  );
}
