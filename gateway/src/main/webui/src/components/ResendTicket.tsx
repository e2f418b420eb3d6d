import { useId, useState } from 'react';
import { ApiError } from '../lib/api';
import { explainResend } from '../lib/messages';

type State = { kind: 'idle' } | { kind: 'sending' } | { kind: 'queued' } | { kind: 'failed'; text: string };

/**
 * The "resend this ticket by email" button of one ticket, with where it goes next to it and what came of it:
 * "Queued" after the 202, else why not (the hourly limit in minutes, no address, a cancelled ticket).
 * `onSent` runs after a 202 (e.g. to reload the order's emails), `onStale` after an answer that says the page is out
 * of date (the ticket cancelled, gone, or its address removed meanwhile).
 */
export function ResendTicket({
  label,
  to,
  audience,
  disabledReason,
  onResend,
  onSent,
  onStale,
}: {
  label: string;
  to: string | null;
  audience: 'coordinator' | 'donor';
  /** Set when the button cannot be used (a cancelled ticket); shown instead of the address. */
  disabledReason?: string;
  onResend: () => Promise<unknown>;
  onSent?: () => unknown;
  onStale?: () => unknown;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const hintId = useId();
  const noAddress =
    audience === 'donor' ? 'No email address yet — add a guest email to resend.' : 'No email address to resend to.';
  const reason = disabledReason ?? (to ? null : noAddress);
  const resend = async () => {
    setState({ kind: 'sending' });
    try {
      await onResend();
      setState({ kind: 'queued' });
      await onSent?.();
    } catch (error) {
      setState({ kind: 'failed', text: explainResend(error, audience) });
      if (error instanceof ApiError && [404, 409, 422].includes(error.status)) await onStale?.();
    }
  };
  return (
    <div className="resend" data-testid="resend">
      <div className="resend-row">
        <button
          type="button"
          className="btn btn-small"
          disabled={!!reason || state.kind === 'sending'}
          aria-busy={state.kind === 'sending' || undefined}
          aria-describedby={hintId}
          onClick={resend}
        >
          {label}
        </button>
        <span id={hintId} className="muted small">
          {reason ?? `Resend to ${to}`}
        </span>
        <span role="status" className="resend-status small">
          {state.kind === 'sending' ? 'Sending…' : state.kind === 'queued' ? 'Queued' : ''}
        </span>
      </div>
      {state.kind === 'failed' && (
        <p role="alert" className="field-error resend-error">
          {state.text}
        </p>
      )}
    </div>
  );
}
