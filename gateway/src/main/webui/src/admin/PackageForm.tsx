import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ApiError } from '../lib/api';
import { explain } from '../lib/messages';
import { applyServerErrors } from '../lib/serverErrors';
import type { TicketPackage } from '../lib/types';
import { Field } from '../components/Field';
import { Alert } from '../components/Alert';
import { PACKAGE_FIELDS, packageSchema, toFormValues, toRequestBody, type PackageFormValues } from './packageSchema';

interface Props {
  initial?: TicketPackage;
  /** Sends the body; throws ApiError on failure so the form can show it. */
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onReload?: () => void;
  onCancel?: () => void;
}

export function PackageForm({ initial, onSubmit, onReload, onCancel }: Props) {
  const defaults = toFormValues(initial);
  const { register, handleSubmit, setError, formState } = useForm<PackageFormValues>({
    resolver: zodResolver(packageSchema),
    defaultValues: defaults,
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = formState;
  const [banner, setBanner] = useState<{ tone: 'error' | 'success'; text: string; conflict?: boolean } | null>(null);

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
            <input type="checkbox" {...register('is_enabled')} /> Enabled (on sale)
          </label>
        </div>
      </div>
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
