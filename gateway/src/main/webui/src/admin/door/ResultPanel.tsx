import type { ScanResult } from './desk';
import { describeResult } from './results';

export type UndoState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; text: string };

/** The big verdict of the last scan, with an Undo for an admission (a mistaken scan, the wrong guest). */
export function ResultPanel({
  result,
  undo,
  onUndo,
}: {
  result: ScanResult | null;
  undo: UndoState;
  onUndo: () => void;
}) {
  if (!result)
    return (
      <div className="door-result idle" data-testid="door-result" aria-live="assertive">
        <strong>Ready</strong>
        <p>Scan a ticket or type its code.</p>
      </div>
    );
  const verdict = describeResult(result);
  const undone = result.kind === 'admitted' && undo.kind === 'done';
  return (
    <div
      className={`door-result ${undone ? 'undone' : verdict.tone}`}
      data-testid="door-result"
      data-kind={result.kind}
      aria-live="assertive"
    >
      <strong className="door-verdict">{undone ? 'Undone' : verdict.title}</strong>
      {undone ? (
        <p>This admission was taken back; the ticket can be scanned again.</p>
      ) : (
        verdict.detail && <p>{verdict.detail}</p>
      )}
      {result.kind === 'admitted' && !undone && (
        <button type="button" className="btn" onClick={onUndo} disabled={undo.kind === 'busy'}>
          {undo.kind === 'busy' ? 'Undoing…' : 'Undo this admission'}
        </button>
      )}
      {undo.kind === 'failed' && (
        <p role="alert" className="door-undo-error">
          {undo.text}
        </p>
      )}
    </div>
  );
}
