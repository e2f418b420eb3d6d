import { useState } from 'react';
import { ApiError } from '../lib/api';
import { explain } from '../lib/messages';
import type { CustomOption, OptionType, TicketPackage } from '../lib/types';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { adminBase, useAdminApi } from './hooks';

const MAX_OPTIONS = 4;
const TYPES: { value: OptionType; label: string }[] = [
  { value: 'boolean', label: 'Yes / no' },
  { value: 'single_select', label: 'Pick one' },
  { value: 'multi_select', label: 'Pick several' },
  { value: 'text_input', label: 'Free text' },
];

interface Draft {
  label: string;
  option_type: OptionType;
  choices: string[];
  is_required: boolean;
  max_length: string;
}

const isSelect = (type: OptionType) => type === 'single_select' || type === 'multi_select';

/** API.md rules for a custom option; keys are the request's field names. */
function validateOption(draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  const label = draft.label.trim();
  if (!label) errors.label = 'Question text is required';
  else if (label.length > 200) errors.label = 'Question text must be at most 200 characters';
  if (isSelect(draft.option_type)) {
    const choices = draft.choices.map((c) => c.trim());
    if (choices.some((c) => !c)) errors.choices = 'Choices cannot be blank';
    else if (choices.length < 2 || choices.length > 20) errors.choices = 'Give between 2 and 20 choices';
    else if (new Set(choices).size !== choices.length) errors.choices = 'Choices must be different from each other';
    else if (choices.some((c) => c.length > 100)) errors.choices = 'Each choice must be at most 100 characters';
  }
  if (draft.option_type === 'text_input' && draft.max_length.trim()) {
    const n = Number(draft.max_length);
    if (!/^\d+$/.test(draft.max_length.trim()) || n < 1 || n > 1000)
      errors.max_length = 'Maximum length must be a whole number from 1 to 1000';
  }
  return errors;
}

function toBody(draft: Draft) {
  return {
    label: draft.label.trim(),
    option_type: draft.option_type,
    choices: isSelect(draft.option_type) ? draft.choices.map((c) => c.trim()) : null,
    is_required: draft.is_required,
    ...(draft.option_type === 'text_input'
      ? { max_length: draft.max_length.trim() ? Number(draft.max_length) : 500 }
      : {}),
  };
}

const fromOption = (o?: CustomOption): Draft => ({
  label: o?.label ?? '',
  option_type: o?.option_type ?? 'boolean',
  choices: o?.choices ?? ['', ''],
  is_required: o?.is_required ?? false,
  max_length: o?.max_length != null ? String(o.max_length) : '',
});

export function OptionsEditor({
  eventId,
  pkg,
  onChanged,
}: {
  eventId: string;
  pkg: TicketPackage;
  onChanged: () => void;
}) {
  const options = [...(pkg.custom_options ?? [])].sort((a, b) => a.display_order - b.display_order);
  const [adding, setAdding] = useState(false);
  return (
    <section className="card" aria-labelledby="options-h">
      <h2 id="options-h">Questions for buyers</h2>
      <p className="hint">Up to {MAX_OPTIONS} questions (meal choice, dietary needs…), asked at checkout.</p>
      {options.map((o) => (
        <OptionRow
          key={`${o.id}-${pkg.version}`}
          eventId={eventId}
          packageId={pkg.id}
          option={o}
          onChanged={onChanged}
        />
      ))}
      {adding ? (
        <OptionRow
          eventId={eventId}
          packageId={pkg.id}
          onChanged={() => {
            setAdding(false);
            onChanged();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="btn" disabled={options.length >= MAX_OPTIONS} onClick={() => setAdding(true)}>
          {options.length >= MAX_OPTIONS ? 'Question limit reached (4)' : 'Add a question'}
        </button>
      )}
    </section>
  );
}

function OptionRow({
  eventId,
  packageId,
  option,
  onChanged,
  onCancel,
}: {
  eventId: string;
  packageId: string;
  option?: CustomOption;
  onChanged: () => void;
  onCancel?: () => void;
}) {
  const call = useAdminApi();
  const [draft, setDraft] = useState<Draft>(fromOption(option));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const base = `${adminBase(eventId)}/tickets/packages/${packageId}/options`;
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = async () => {
    const found = validateOption(draft);
    setErrors(found);
    setBanner(null);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      await call(option ? `${base}/${option.id}` : base, { method: option ? 'PATCH' : 'POST', body: toBody(draft) });
      onChanged();
    } catch (err) {
      const fieldErrors: Record<string, string> = {};
      if (err instanceof ApiError) for (const e of err.errors) fieldErrors[e.field] = e.message;
      setErrors(fieldErrors);
      setBanner(Object.keys(fieldErrors).length ? 'Please fix the highlighted fields.' : explain(err));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!option || !confirm(`Delete the question “${option.label}”?`)) return;
    try {
      await call(`${base}/${option.id}`, { method: 'DELETE' });
      onChanged();
    } catch (err) {
      setBanner(explain(err));
    }
  };

  return (
    <fieldset className="option-row" aria-label={option ? `Question: ${option.label}` : 'New question'}>
      {banner && <Alert>{banner}</Alert>}
      <div className="grid-2">
        <Field label="Question" error={errors.label}>
          <input type="text" value={draft.label} onChange={(e) => update({ label: e.target.value })} />
        </Field>
        <Field label="Answer type" error={errors.option_type}>
          <select value={draft.option_type} onChange={(e) => update({ option_type: e.target.value as OptionType })}>
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {isSelect(draft.option_type) && (
        <div className={`choices ${errors.choices ? 'has-error' : ''}`} role="group" aria-label="Choices">
          {draft.choices.map((choice, i) => (
            <div className="choice" key={i}>
              <input
                type="text"
                aria-label={`Choice ${i + 1}`}
                value={choice}
                onChange={(e) => update({ choices: draft.choices.map((c, j) => (j === i ? e.target.value : c)) })}
              />
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Remove choice ${i + 1}`}
                disabled={draft.choices.length <= 2}
                onClick={() => update({ choices: draft.choices.filter((_, j) => j !== i) })}
              >
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            disabled={draft.choices.length >= 20}
            onClick={() => update({ choices: [...draft.choices, ''] })}
          >
            Add choice
          </button>
          {errors.choices && <p className="field-error">{errors.choices}</p>}
        </div>
      )}
      {draft.option_type === 'text_input' && (
        <Field label="Maximum length" error={errors.max_length} hint="1–1000 characters; empty = 500.">
          <input
            type="text"
            inputMode="numeric"
            value={draft.max_length}
            onChange={(e) => update({ max_length: e.target.value })}
          />
        </Field>
      )}
      <div className="form-actions">
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.is_required}
            onChange={(e) => update({ is_required: e.target.checked })}
          />{' '}
          Required
        </label>
        <span className="spacer" />
        {option && (
          <button type="button" className="btn btn-danger-quiet" onClick={remove}>
            Delete
          </button>
        )}
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="button" className="btn btn-primary" onClick={save} disabled={saving}>
          {saving ? 'Saving…' : option ? 'Save question' : 'Add question'}
        </button>
      </div>
    </fieldset>
  );
}
