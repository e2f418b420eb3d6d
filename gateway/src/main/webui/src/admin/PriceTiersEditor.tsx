import {
  useFieldArray,
  type Control,
  type FieldErrors,
  type UseFormRegister,
  type UseFormTrigger,
} from 'react-hook-form';
import { MAX_PRICE_TIERS } from '../lib/salesRules';
import { Field } from '../components/Field';
import type { PackageFormValues } from './packageSchema';

/** The early prices of a package (0–5 rows of name, price and end), ended in order; the regular price comes after. */
export function PriceTiersEditor({
  control,
  register,
  trigger,
  errors,
  timeZone,
}: {
  control: Control<PackageFormValues>;
  register: UseFormRegister<PackageFormValues>;
  trigger: UseFormTrigger<PackageFormValues>;
  errors: FieldErrors<PackageFormValues>;
  timeZone: string;
}) {
  const { fields, append, remove } = useFieldArray({ control, name: 'price_tiers' });
  // Checking one tier checks the whole list, so a row's other inputs can show an error before they were touched;
  // such an error goes as soon as its input is fixed, not at the next blur (whose moving layout would eat a click).
  const tierField = (index: number, name: 'label' | 'price' | 'ends_at') =>
    register(`price_tiers.${index}.${name}`, {
      onChange: () => {
        if (errors.price_tiers?.[index]?.[name]) void trigger(`price_tiers.${index}.${name}`);
      },
    });
  const listError = errors.price_tiers?.message ?? errors.price_tiers?.root?.message;
  return (
    <fieldset className="tiers" aria-describedby="tiers-hint">
      <legend>Early prices</legend>
      <p id="tiers-hint" className="hint">
        Donors pay the first tier whose end is still ahead, then the regular price once the last one ends. Each tier
        ends after the one above it; up to {MAX_PRICE_TIERS}. Ends are {timeZone} time.
      </p>
      {fields.length > 0 && (
        <ol className="tier-list">
          {fields.map((field, index) => {
            const rowErrors = errors.price_tiers?.[index];
            const n = index + 1;
            return (
              <li key={field.id} className="tier-row" data-testid="tier-row">
                <Field label={`Tier ${n} name`} error={rowErrors?.label?.message}>
                  <input type="text" autoComplete="off" placeholder="Early bird" {...tierField(index, 'label')} />
                </Field>
                <Field label={`Tier ${n} price`} error={rowErrors?.price?.message}>
                  <input type="text" inputMode="decimal" autoComplete="off" {...tierField(index, 'price')} />
                </Field>
                <Field label={`Tier ${n} ends at`} error={rowErrors?.ends_at?.message}>
                  <input type="datetime-local" {...tierField(index, 'ends_at')} />
                </Field>
                <button type="button" className="btn btn-small" onClick={() => remove(index)}>
                  Remove tier {n}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {listError && <p className="field-error">{listError}</p>}
      <div>
        <button
          type="button"
          className="btn"
          disabled={fields.length >= MAX_PRICE_TIERS}
          onClick={() => append({ label: '', price: '', ends_at: '' }, { shouldFocus: true })}
        >
          Add price tier
        </button>
      </div>
    </fieldset>
  );
}
