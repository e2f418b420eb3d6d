import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../components/Alert';
import { PageTitle } from '../../components/PageTitle';
import { useAdminApi } from '../hooks';
import { CameraScanner } from './CameraScanner';
import { CheckInCounter } from './CheckInCounter';
import { ticketsBase, type ScanResult } from './desk';
import { GuestSearch } from './GuestSearch';
import { installDoorApp } from './pwa';
import { formatDoorTime } from './results';
import { ResultPanel, type UndoState } from './ResultPanel';
import type { CheckInSummary } from './types';
import { UploadReport } from './UploadReport';
import { doorSummaryKey, SUMMARY_INTERVAL_MS, useDoor } from './useDoor';
import './door.css';

/** A ticket's QR code is a compact JWS; anything else typed into the code field is searched as a name or number. */
const SIGNED_CODE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The door on a phone: scan with the camera or type the code, a big verdict with Undo, the live count, search by
 * guest name, and an offline mode (local door list, signatures checked on the device, scans queued for upload).
 */
export default function DoorPage() {
  const { eventId = '' } = useParams();
  const call = useAdminApi();
  const queryClient = useQueryClient();
  const recount = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: doorSummaryKey(eventId) }),
    [queryClient, eventId],
  );
  const door = useDoor(eventId, recount);
  const summary = useQuery({
    queryKey: doorSummaryKey(eventId),
    queryFn: () => call<CheckInSummary>(`${ticketsBase(eventId)}/check-in/summary`),
    refetchInterval: door.online ? SUMMARY_INTERVAL_MS : false,
    placeholderData: keepPreviousData,
  });
  const [result, setResult] = useState<ScanResult | null>(null);
  const [undo, setUndo] = useState<UndoState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [code, setCode] = useState('');
  const [query, setQuery] = useState('');
  const [version, setVersion] = useState(0);
  const panel = useRef<HTMLDivElement>(null);
  const { scan, desk, refresh } = door;

  useEffect(() => installDoorApp(), []);

  const check = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      if (!text || busyRef.current) return;
      if (!SIGNED_CODE.test(text)) {
        setQuery(text.slice(0, 100)); // a ticket number or a name: find the guest instead
        return;
      }
      busyRef.current = true;
      setBusy(true);
      try {
        const answer = await scan(text);
        setResult(answer);
        setUndo({ kind: 'idle' });
        setVersion((v) => v + 1);
        navigator.vibrate?.(answer.kind === 'admitted' ? 80 : [80, 60, 80]);
        panel.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [scan],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = code;
    setCode('');
    await check(typed);
  };

  const undoTicket = useCallback(
    async (ticketId: string) => {
      if (!desk) return { ok: false as const, message: 'The door is still starting.' };
      const answer = await desk.undoTicket(ticketId);
      if (answer.ok) {
        recount();
        setVersion((v) => v + 1);
      }
      await refresh();
      return answer;
    },
    [desk, recount, refresh],
  );

  const undoLast = async () => {
    if (result?.kind !== 'admitted') return;
    setUndo({ kind: 'busy' });
    const answer = await undoTicket(result.ticketId);
    setUndo(answer.ok ? { kind: 'done' } : { kind: 'failed', text: answer.message });
  };

  return (
    <div className="door">
      <div className="door-head">
        <PageTitle title="Door">Door</PageTitle>
        <span className={door.online ? 'badge badge-ok' : 'badge badge-danger'} data-testid="door-connection">
          {door.online ? 'Online' : 'Offline'}
        </span>
      </div>
      {door.openError && <Alert tone="warning">{door.openError}</Alert>}
      {door.problem && door.online && <Alert tone="warning">{door.problem}</Alert>}
      {!door.online && (
        <Alert tone="info">
          Offline: codes are checked on this device against its door list and uploaded when the connection is back.
        </Alert>
      )}

      <CheckInCounter summary={summary.data} stale={!door.online || summary.isError} pendingOffline={door.pending} />

      <section className="card door-scan" aria-label="Scan a ticket">
        <CameraScanner onCode={check} paused={busy} />
        <form className="door-manual" onSubmit={submit}>
          <label htmlFor="door-code">Ticket code</label>
          <div className="door-manual-row">
            <input
              id="door-code"
              type="text"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              enterKeyHint="go"
              aria-describedby="door-code-hint"
            />
            <button type="submit" className="btn btn-primary" disabled={busy || !code.trim()}>
              {busy ? 'Checking…' : 'Check in'}
            </button>
          </div>
          <p id="door-code-hint" className="hint">
            A handheld scanner types the code and Enter. A ticket number or a name searches the guest list.
          </p>
        </form>
      </section>

      <div ref={panel}>
        <ResultPanel result={result} undo={undo} onUndo={undoLast} />
      </div>

      <UploadReport pending={door.pending} outcomes={door.outcomes} online={door.online} />

      <GuestSearch
        eventId={eventId}
        desk={desk}
        online={door.online}
        query={query}
        onQuery={setQuery}
        version={version}
        onCheckIn={check}
        onUndo={undoTicket}
      />

      <p className="muted small door-list-info" data-testid="door-list-info">
        {desk
          ? `Door list on this device: ${door.listed} ticket${door.listed === 1 ? '' : 's'}${
              door.syncedAt ? `, updated ${formatDoorTime(door.syncedAt)}` : ', not downloaded yet'
            }. Device ${desk.deviceId.slice(0, 13)}.`
          : 'Opening the door list…'}
      </p>
    </div>
  );
}
