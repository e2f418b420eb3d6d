import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { newIdempotencyKey } from '../../lib/api';
import { explain } from '../../lib/messages';
import { useAdminApi } from '../hooks';
import { DoorDesk, type ScanResult } from './desk';
import { DoorStore, type ScanOutcome } from './store';

/** How often the door retries uploads and pulls the door list's changes while online. */
export const SYNC_INTERVAL_MS = 15_000;
/** How often the counter asks the server while the door is open. */
export const SUMMARY_INTERVAL_MS = 5_000;

export const doorSummaryKey = (eventId: string) => ['door', eventId, 'summary'] as const;
const DEVICE_KEY = 'fundrbolt.door.device_id';

/** A stable id for this browser (API.md: batch uploads are idempotent per device_id and nonce). */
export function doorDeviceId(): string {
  try {
    const kept = localStorage.getItem(DEVICE_KEY);
    if (kept) return kept;
    const made = `door-${newIdempotencyKey()}`;
    localStorage.setItem(DEVICE_KEY, made);
    return made;
  } catch {
    return `door-${newIdempotencyKey()}`; // storage refused: one id for this page's life
  }
}

const subscribeOnline = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

interface DeskView {
  pending: number;
  outcomes: ScanOutcome[];
  listed: number;
  syncedAt: string | null;
}
const EMPTY: DeskView = { pending: 0, outcomes: [], listed: 0, syncedAt: null };

async function look(desk: DoorDesk): Promise<DeskView> {
  const [pending, outcomes, info] = await Promise.all([desk.pendingCount(), desk.outcomes(), desk.listInfo()]);
  return { pending, outcomes, listed: info.tickets, syncedAt: info.syncedAt };
}

export interface DoorState {
  desk: DoorDesk | null;
  openError: string | null;
  online: boolean;
  pending: number;
  outcomes: ScanOutcome[];
  listed: number;
  syncedAt: string | null;
  problem: string | null;
  scan: (code: string) => Promise<ScanResult>;
  refresh: () => Promise<void>;
  syncNow: () => Promise<void>;
}

/**
 * The door's desk for one event and what the screen shows of it: the offline queue, the uploaded scans' answers and
 * the door list's state. While online it uploads and pulls the door list at once, on the `online` event and then
 * every SYNC_INTERVAL_MS (the retry timer).
 */
export function useDoor(eventId: string, onAdmitted?: () => void): DoorState {
  const call = useAdminApi();
  const callRef = useRef(call);
  useEffect(() => {
    callRef.current = call;
  }, [call]);
  const online = useOnline();
  const [desk, setDesk] = useState<DoorDesk | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [seen, setSeen] = useState<DeskView>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let closed = false;
    let store: DoorStore | null = null;
    DoorStore.open()
      .then(async (opened) => {
        if (closed) return opened.close();
        store = opened;
        const made = new DoorDesk(eventId, opened, (path, options) => callRef.current(path, options), doorDeviceId());
        const view = await look(made);
        if (closed) return;
        setSeen(view);
        setDesk(made);
      })
      .catch(() =>
        setOpenError('This browser keeps no offline data (IndexedDB is unavailable), so the door needs a connection.'),
      );
    return () => {
      closed = true;
      store?.close();
      setDesk(null);
    };
  }, [eventId]);

  const refresh = useCallback(async () => {
    if (desk) setSeen(await look(desk));
  }, [desk]);

  const syncNow = useCallback(async () => {
    if (!desk || !navigator.onLine) return;
    try {
      // Keys first (offline checks need them), then our offline admissions, then the list that now shows them.
      await desk.refreshKeys().catch(() => undefined); // the kept keys still serve; the upload reports a failure
      const uploaded = await desk.upload();
      await desk.syncDoorList();
      setProblem(null);
      if (uploaded.some((o) => o.result === 'checked_in')) onAdmitted?.();
    } catch (error) {
      setProblem(`Could not sync with the server: ${explain(error)}`);
    } finally {
      await refresh();
    }
  }, [desk, refresh, onAdmitted]);

  useEffect(() => {
    if (!desk || !online) return;
    // At once (the page opened, or the `online` event), then as the retry timer.
    const first = window.setTimeout(() => void syncNow(), 0);
    const timer = window.setInterval(() => void syncNow(), SYNC_INTERVAL_MS);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [desk, online, syncNow]);

  const scan = useCallback(
    async (code: string): Promise<ScanResult> => {
      if (!desk) return { kind: 'error', message: 'The door is still starting. Try again in a moment.' };
      try {
        const result = await desk.checkIn(code);
        if (result.kind === 'admitted' && !result.offline) onAdmitted?.();
        return result;
      } catch (error) {
        return { kind: 'error', message: explain(error) };
      } finally {
        await refresh();
      }
    },
    [desk, refresh, onAdmitted],
  );

  return {
    desk,
    openError,
    online,
    pending: seen.pending,
    outcomes: seen.outcomes,
    listed: seen.listed,
    syncedAt: seen.syncedAt,
    problem,
    scan,
    refresh,
    syncNow,
  };
}
