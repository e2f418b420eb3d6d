import { formatCents, parseDonation, type Cents } from '../lib/money';

const SUGGESTED: Cents[] = [2500, 5000, 10000];

/** An optional gift on top of the tickets: a few suggested amounts or any amount typed in. */
export function GiftField({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const parsed = parseDonation(value);
  return (
    <fieldset className="field gift">
      <legend>
        Add a gift <span className="muted">(optional)</span>
      </legend>
      <div className="choice-group" role="group" aria-label="Suggested gifts">
        {SUGGESTED.map((cents) => {
          const pressed = parsed.cents === cents;
          return (
            <button
              key={cents}
              type="button"
              className={`btn btn-small gift-choice ${pressed ? 'pressed' : ''}`}
              aria-pressed={pressed}
              onClick={() => onChange(pressed ? '' : (cents / 100).toFixed(2))}
            >
              {formatCents(cents).replace('.00', '')}
            </button>
          );
        })}
      </div>
      <label htmlFor="gift-amount">Gift amount (USD)</label>
      <input
        id="gift-amount"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        placeholder="0.00"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={parsed.error ? true : undefined}
        aria-describedby="gift-hint"
      />
      <p id="gift-hint" className={parsed.error ? 'field-error' : 'hint'}>
        {parsed.error ?? 'Added to your total. Promo codes never apply to a gift.'}
      </p>
    </fieldset>
  );
}
