import type { ScanOutcome } from './store';
import { describeOutcome } from './results';

/** What became of the scans admitted offline: the waiting ones, then the server's answer for each uploaded one. */
export function UploadReport({
  pending,
  outcomes,
  online,
}: {
  pending: number;
  outcomes: ScanOutcome[];
  online: boolean;
}) {
  if (pending === 0 && outcomes.length === 0) return null;
  const problems = outcomes.filter((o) => o.result !== 'checked_in').length;
  return (
    <section className="card door-uploads" aria-labelledby="door-uploads-title">
      <h2 id="door-uploads-title">Offline scans</h2>
      <p role="status" data-testid="door-pending">
        {pending > 0
          ? `${pending} scan${pending === 1 ? '' : 's'} waiting to upload${online ? '…' : ' — they upload when the connection is back.'}`
          : 'Every offline scan is uploaded.'}
      </p>
      {problems > 0 && (
        <p className="door-problems">
          {problems === 1 ? '1 uploaded scan needs' : `${problems} uploaded scans need`} a look: see below.
        </p>
      )}
      {outcomes.length > 0 && (
        <ul className="door-outcomes">
          {outcomes.slice(0, 50).map((o) => {
            const verdict = describeOutcome(o);
            return (
              <li
                key={o.nonce}
                className={`door-outcome ${verdict.tone}`}
                data-testid="door-outcome"
                data-result={o.result}
              >
                <strong>{verdict.title}</strong> <span className="muted small">{verdict.detail}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
