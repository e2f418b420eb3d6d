import { useMemo, useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ApiError } from '../lib/api';
import { explain } from '../lib/messages';
import { applyServerErrors } from '../lib/serverErrors';
import type { TicketPackage } from '../lib/types';
import { Field } from '../components/Field';
import { Alert } from '../components/Alert';
import {
  formatOffset,
  isoToZonedInput,
  preferredTimeZone,
  rememberTimeZone,
  timeZoneChoices,
  zonedInputToIso,
} from '../lib/zonedTime';
import { PACKAGE_FIELDS, packageSchema, toFormValues, toRequestBody, type PackageFormValues } from './packageSchema';
import { PriceTiersEditor } from './PriceTiersEditor';

interface Props {
  initial?: TicketPackage;
  /** Sends the body; throws ApiError on failure so the form can show it. */
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onReload?: () => void;
  onCancel?: () => void;
  /** The zone of the sales times when the form opens; default: the one last chosen here, else the browser's. */
  timeZone?: string;
}

export function PackageForm({ initial, onSubmit, onReload, onCancel, timeZone }: Props) {
  const [defaults] = useState(() => toFormValues(initial, timeZone ?? preferredTimeZone()));
  const { register, handleSubmit, setError, formState, control, getValues, setValue, trigger } =
    useForm<PackageFormValues>({
      resolver: zodResolver(packageSchema),
      defaultValues: defaults,
      mode: 'onTouched',
    });
  const { errors, isSubmitting } = formState;
  const [banner, setBanner] = useState<{ tone: 'error' | 'success'; text: string; conflict?: boolean } | null>(null);
  const zone = useWatch({ control, name: 'time_zone' });
  // ~420 zones: the same option elements every render, so React never walks them again.
  const zoneOptions = useMemo(
    () =>
      timeZoneChoices(defaults.time_zone).map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      )),
    [defaults.time_zone],
  );
  // Another zone shows the same moments in that zone's time: what is saved never changes by picking a zone.
  const changeZone = (next: string) => {
    const moved: FieldPath<PackageFormValues>[] = [
      'sales_start_at',
      'sales_end_at',
      ...getValues('price_tiers').map((_, i) => `price_tiers.${i}.ends_at` as const),
    ];
    for (const name of moved) {
      const iso = zonedInputToIso(String(getValues(name) ?? ''), zone);
      if (iso) setValue(name, isoToZonedInput(iso, next), { shouldDirty: true });
    }
    setValue('time_zone', next, { shouldDirty: true, shouldValidate: true });
    rememberTimeZone(next);
  };

  const submit = handleSubmit(async (values) => {
    setBanner(null);
    const body = toRequestBody(values, initial ? defaults : undefined);
    if (initial && Object.keys(body).length === 0) {
      setBanner({ tone: 'success', text: 'Nothing changed.' });
      return;
    }
    try {
      await onSubmit(body);
      if (initial) setBanner({ tone: 'success', text: 'Changes saved.' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        setBanner({ tone: 'error', text: explain(error), conflict: true });
        return;
      }
      const unmatched = applyServerErrors(error, PACKAGE_FIELDS, setError);
      const fieldCount = error instanceof ApiError ? error.errors.length - unmatched.length : 0;
      if (error instanceof ApiError && error.code === 'quantity_below_sold' && fieldCount === 0) {
        setError('quantity_limit', { type: 'server', message: explain(error) }, { shouldFocus: true });
      } else if (fieldCount === 0 || unmatched.length) {
        setBanner({
          tone: 'error',
          text: [fieldCount ? 'Please fix the highlighted fields.' : explain(error), ...unmatched].join(' '),
        });
      }
    }
  });

  return (
    <form className="form card" onSubmit={submit} noValidate aria-label={initial ? 'Edit package' : 'New package'}>
      {banner && (
        <Alert
          tone={banner.tone}
          action={
            banner.conflict && onReload ? (
              <button type="button" className="btn" onClick={onReload}>
                Reload
              </button>
            ) : undefined
          }
        >
          {banner.text}
        </Alert>
      )}
      <Field label="Name" error={errors.name?.message}>
        <input type="text" autoComplete="off" {...register('name')} />
      </Field>
      <Field label="Description" error={errors.description?.message} hint="Optional, up to 2000 characters.">
        <textarea rows={3} {...register('description')} />
      </Field>
      <div className="grid-2">
        <Field label="Price (USD)" error={errors.price?.message}>
          <input type="text" inputMode="decimal" autoComplete="off" {...register('price')} />
        </Field>
        <Field
          label="Fair market value (USD)"
          error={errors.fair_market_value?.message}
          hint="Optional: the non-deductible part, for tax receipts."
        >
          <input type="text" inputMode="decimal" autoComplete="off" {...register('fair_market_value')} />
        </Field>
        <Field label="Quantity limit" error={errors.quantity_limit?.message} hint="Empty for unlimited.">
          <input type="text" inputMode="numeric" autoComplete="off" {...register('quantity_limit')} />
        </Field>
        <Field label="Seats per package" error={errors.seats_per_package?.message} hint="More than 1 for a table.">
          <input type="text" inputMode="numeric" autoComplete="off" {...register('seats_per_package')} />
        </Field>
        <Field
          label="Display order"
          error={errors.display_order?.message}
          hint={initial ? undefined : 'Empty to place it last.'}
        >
          <input type="text" inputMode="numeric" autoComplete="off" {...register('display_order')} />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" {...register('is_enabled')} /> Enabled
          </label>
        </div>
      </div>
      <fieldset className="form-section">
        <legend>Sales rules</legend>
        <div className="grid-2">
          <Field
            label="Time zone"
            error={errors.time_zone?.message}
            hint="The sales times below are in this zone; another zone shows the same moments in its time."
          >
            <select name="time_zone" defaultValue={defaults.time_zone} onChange={(e) => changeZone(e.target.value)}>
              {zoneOptions}
            </select>
          </Field>
          <Field
            label="Visibility"
            error={errors.visibility?.message}
            hint="A hidden package shows only to donors who enter a code that unlocks it."
          >
            <select {...register('visibility')}>
              <option value="public">Public — listed for every donor</option>
              <option value="hidden">Hidden — only with a code</option>
            </select>
          </Field>
          <Field
            label="Sales start"
            error={errors.sales_start_at?.message}
            hint={`${zone} time (${formatOffset(zone)} now). Empty: on sale as soon as it is enabled.`}
          >
            <input type="datetime-local" {...register('sales_start_at')} />
          </Field>
          <Field label="Sales end" error={errors.sales_end_at?.message} hint={`${zone} time. Empty: no end.`}>
            <input type="datetime-local" {...register('sales_end_at')} />
          </Field>
          <Field label="Minimum per order" error={errors.min_per_order?.message} hint="1 to 100; 2 sells in pairs.">
            <input type="number" inputMode="numeric" min={1} max={100} {...register('min_per_order')} />
          </Field>
          <Field label="Maximum per order" error={errors.max_per_order?.message} hint="1 to 100.">
            <input type="number" inputMode="numeric" min={1} max={100} {...register('max_per_order')} />
          </Field>
        </div>
        <PriceTiersEditor control={control} register={register} trigger={trigger} errors={errors} timeZone={zone} />
      </fieldset>
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : initial ? 'Save changes' : 'Create package'}
        </button>
      </div>
    </form>
  );
}
