import type { CheckInSummary } from './types';
import { counterText } from './results';

/** "212 of 300 in", overall and per package, from GET .../check-in/summary. */
export function CheckInCounter({
  summary,
  stale,
  pendingOffline,
}: {
  summary: CheckInSummary | undefined;
  /** Offline: the figures are the last ones the server gave. */
  stale: boolean;
  pendingOffline: number;
}) {
  if (!summary)
    return (
      <section className="card door-counter" aria-label="Checked in">
        <p className="muted">{stale ? 'Offline: the count shows again when the connection is back.' : 'Counting…'}</p>
      </section>
    );
  return (
    <section className="card door-counter" aria-label="Checked in">
      <p className="door-count" data-testid="door-count">
        {counterText(summary)}
      </p>
      <meter min={0} max={Math.max(1, summary.total)} value={summary.checked_in} aria-label="Share checked in" />
      {(stale || pendingOffline > 0) && (
        <p className="muted small" role="status">
          {stale ? 'Offline: last count from the server. ' : ''}
          {pendingOffline > 0 &&
            `${pendingOffline} admitted on this device ${pendingOffline === 1 ? 'is' : 'are'} not counted yet.`}
        </p>
      )}
      {summary.packages.length > 0 && (
        <ul className="door-packages">
          {summary.packages.map((p) => (
            <li key={p.package_id} data-testid="door-package-count">
              <span className="door-package-name">{p.name}</span>
              <span className="door-package-figure">{counterText(p)}</span>
              <meter min={0} max={Math.max(1, p.total)} value={p.checked_in} aria-label={`${p.name} checked in`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
