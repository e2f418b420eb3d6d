import { useState, type FormEvent } from 'react';

const CODE = /^[A-Za-z0-9_-]{3,50}$/;

/**
 * "I have a code": a code from an invitation that reveals the hidden packages it unlocks (the list is asked again
 * with it). `applied` is the code in use; `status` what came of it, shown under the field.
 */
export function CodeField({
  applied,
  onApply,
  onRemove,
  status,
  error,
  busy,
}: {
  applied: string | null;
  onApply: (code: string) => void;
  onRemove: () => void;
  status?: string | null;
  error?: string | null;
  busy?: boolean;
}) {
  const [open, setOpen] = useState(!!applied);
  const [text, setText] = useState(applied ?? '');
  const [formatError, setFormatError] = useState<string | null>(null);
  const shownError = formatError ?? error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = text.trim().toUpperCase();
    if (!code) return setFormatError('Enter the code from your invitation.');
    if (!CODE.test(code)) return setFormatError('A code is 3–50 letters, digits, “-” or “_”.');
    setFormatError(null);
    onApply(code);
  };
  if (!open)
    return (
      <p className="code-toggle">
        <button type="button" className="link" onClick={() => setOpen(true)}>
          I have a code
        </button>
      </p>
    );
  return (
    <form className="card form code-form" onSubmit={submit} noValidate aria-label="Access code">
      <div className={`field ${shownError ? 'has-error' : ''}`}>
        <label htmlFor="access-code">I have a code</label>
        <div className="inline-input">
          <input
            id="access-code"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="upper"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={shownError ? true : undefined}
            aria-describedby="access-code-status"
          />
          <button type="submit" className="btn" disabled={busy}>
            {busy ? 'Checking…' : 'Apply'}
          </button>
          {applied && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setText('');
                setFormatError(null);
                onRemove();
              }}
            >
              Remove
            </button>
          )}
        </div>
        <div id="access-code-status" aria-live="polite">
          {shownError ? <p className="field-error">{shownError}</p> : status && <p className="hint">{status}</p>}
        </div>
      </div>
    </form>
  );
}
