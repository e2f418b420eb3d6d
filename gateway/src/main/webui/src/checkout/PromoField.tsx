import { formatMoney } from '../lib/format';
import type { PromoState } from './usePromoValidation';

export function PromoField({
  value,
  onChange,
  state,
  onSignIn,
  lockedBy,
}: {
  value: string;
  onChange: (v: string) => void;
  state: PromoState;
  onSignIn?: () => void;
  /** Why the code cannot be changed here (it unlocked the package), or undefined when the donor may type one. */
  lockedBy?: string;
}) {
  const describedBy =
    [lockedBy ? 'promo-locked' : null, state.status === 'empty' ? null : 'promo-status'].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className={`field ${state.status === 'invalid' ? 'has-error' : ''}`}>
      <label htmlFor="promo">Promo code {!lockedBy && <span className="muted">(optional)</span>}</label>
      <input
        id="promo"
        type="text"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="upper"
        value={value}
        readOnly={!!lockedBy}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={state.status === 'invalid' || undefined}
        aria-describedby={describedBy}
      />
      {lockedBy && (
        <p id="promo-locked" className="hint">
          {lockedBy}
        </p>
      )}
      <div id="promo-status" aria-live="polite" className="promo-status">
        {state.status === 'checking' && <span className="muted">Checking code…</span>}
        {state.status === 'needs-sign-in' && (
          <span className="muted">
            We’ll check this code when you sign in.{' '}
            {onSignIn && (
              <button type="button" className="link" onClick={onSignIn}>
                Sign in now
              </button>
            )}
          </span>
        )}
        {state.status === 'valid' && (
          <span className="promo-ok">
            ✓ {state.result.code}:{' '}
            {state.result.discount_type === 'none'
              ? 'access code, no discount'
              : state.result.discount_type === 'percentage'
                ? `${Number(state.result.discount_value)} % off`
                : `${formatMoney(state.result.discount_value)} off`}
            {state.result.discount_type !== 'none' &&
              state.result.discount_amount !== undefined &&
              ` — you save ${formatMoney(state.result.discount_amount)}`}
          </span>
        )}
        {state.status === 'invalid' && <span className="field-error">{state.message}</span>}
      </div>
    </div>
  );
}
