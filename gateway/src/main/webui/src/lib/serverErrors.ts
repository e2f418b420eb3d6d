import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './api';

/**
 * Puts the `errors[{field,message}]` of a problem+json answer on the matching form fields.
 * Returns the messages that belong to no field, for a banner above the form.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly string[],
  setError: UseFormSetError<T>,
): string[] {
  if (!(error instanceof ApiError)) return [];
  const unmatched: string[] = [];
  let focused = false;
  for (const { field, message } of error.errors) {
    // The API names list items `price_tiers[1].ends_at`; react-hook-form's path is `price_tiers.1.ends_at`.
    const name = field?.replace(/^body\./, '').replace(/\[(\d+)\]/g, '.$1');
    if (name && fields.includes(name)) {
      setError(name as Path<T>, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
    } else {
      unmatched.push(field ? `${field}: ${message}` : message);
    }
  }
  return unmatched;
}
