/**
 * The door's offline memory in IndexedDB: the event's door list (kept by delta sync), the signing keys, the scans
 * admitted offline and waiting for upload, and what the server answered about each uploaded scan.
 */
import type { Jwks } from './qr';

/** One row of GET .../tickets/door-list (API.md, "Door operations"), kept per event. */
export interface DoorListRow {
  ticket_id: string;
  ticket_number: string;
  package_id?: string | null;
  package_name?: string | null;
  guest_name?: string | null;
  status: 'valid' | 'cancelled';
  checked_in_at?: string | null;
  /** The signed code, when the server lists it: lets staff check a guest in by hand. */
  qr_code?: string | null;
}

export interface DoorTicket extends DoorListRow {
  event_id: string;
  /** Set while this device admitted the ticket offline and the server has not answered about that scan yet. */
  local_admitted_at?: string | null;
}

/** A scan admitted offline, waiting for POST .../check-ins/batch. */
export interface QueuedScan {
  nonce: string;
  event_id: string;
  qr_code: string;
  scanned_at: string;
  ticket_id: string;
  ticket_number?: string | null;
  guest_name?: string | null;
}

export type BatchResult = 'checked_in' | 'already_checked_in' | 'cancelled' | 'invalid';

/** The server's answer about one uploaded scan. */
export interface ScanOutcome {
  nonce: string;
  event_id: string;
  ticket_id?: string | null;
  ticket_number?: string | null;
  guest_name?: string | null;
  scanned_at: string;
  result: BatchResult;
  checked_in_at?: string | null;
  uploaded_at: string;
}

const DB_NAME = 'fundrbolt-door';
const VERSION = 1;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export function openDoorDb(name = DB_NAME): Promise<IDBDatabase> {
  const request = indexedDB.open(name, VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore('tickets', { keyPath: ['event_id', 'ticket_id'] }).createIndex('by_event', 'event_id');
    db.createObjectStore('queue', { keyPath: 'nonce' }).createIndex('by_event', 'event_id');
    db.createObjectStore('outcomes', { keyPath: 'nonce' }).createIndex('by_event', 'event_id');
    db.createObjectStore('meta', { keyPath: 'key' });
  };
  return promised(request);
}

const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** Every read and write of the door's data; each method is one IndexedDB transaction. */
export class DoorStore {
  constructor(private readonly db: IDBDatabase) {}

  static async open(name?: string): Promise<DoorStore> {
    return new DoorStore(await openDoorDb(name));
  }

  close() {
    this.db.close();
  }

  private async meta<T>(key: string): Promise<T | null> {
    const row = await promised(this.db.transaction('meta').objectStore('meta').get(key));
    return row ? (row.value as T) : null;
  }

  async cursor(eventId: string): Promise<string | null> {
    return this.meta<string>(`cursor:${eventId}`);
  }

  async lastSync(eventId: string): Promise<string | null> {
    return this.meta<string>(`synced:${eventId}`);
  }

  async keys(): Promise<Jwks | null> {
    return this.meta<Jwks>('jwks');
  }

  async saveKeys(jwks: Jwks): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    tx.objectStore('meta').put({ key: 'jwks', value: jwks });
    return done(tx);
  }

  /**
   * One page of the door list and the cursor after it, together: a crash between them can only repeat a page,
   * never skip one. The server's row replaces ours except for a local admission still waiting for upload.
   */
  async saveDoorListPage(eventId: string, rows: DoorListRow[], cursor: string | null, at: string): Promise<void> {
    const tx = this.db.transaction(['tickets', 'meta'], 'readwrite');
    const tickets = tx.objectStore('tickets');
    for (const row of rows) {
      const request = tickets.get([eventId, row.ticket_id]);
      request.onsuccess = () => {
        const old = request.result as DoorTicket | undefined;
        tickets.put({
          ...row,
          qr_code: row.qr_code ?? old?.qr_code ?? null,
          event_id: eventId,
          local_admitted_at: old?.local_admitted_at ?? null,
        });
      };
    }
    const meta = tx.objectStore('meta');
    if (cursor !== null) meta.put({ key: `cursor:${eventId}`, value: cursor });
    meta.put({ key: `synced:${eventId}`, value: at });
    return done(tx);
  }

  async ticket(eventId: string, ticketId: string): Promise<DoorTicket | undefined> {
    return promised(this.db.transaction('tickets').objectStore('tickets').get([eventId, ticketId]));
  }

  async tickets(eventId: string): Promise<DoorTicket[]> {
    return promised(this.db.transaction('tickets').objectStore('tickets').index('by_event').getAll(eventId));
  }

  async countTickets(eventId: string): Promise<number> {
    return promised(this.db.transaction('tickets').objectStore('tickets').index('by_event').count(eventId));
  }

  /** Offline search of the door list like GET .../attendees?q=: guest name or ticket number, by name then number. */
  async search(eventId: string, q: string, limit = 50): Promise<DoorTicket[]> {
    const needle = q.trim().toLowerCase();
    if (!needle) return [];
    return (await this.tickets(eventId))
      .filter((t) => lower(t.guest_name).includes(needle) || lower(t.ticket_number).includes(needle))
      .sort(
        (a, b) =>
          lower(a.guest_name).localeCompare(lower(b.guest_name)) || a.ticket_number.localeCompare(b.ticket_number),
      )
      .slice(0, limit);
  }

  /** Merges what the server just said about one ticket (an online check-in or undo) into the local list. */
  async updateTicket(eventId: string, ticketId: string, change: Partial<DoorTicket>): Promise<void> {
    const tx = this.db.transaction('tickets', 'readwrite');
    const tickets = tx.objectStore('tickets');
    const request = tickets.get([eventId, ticketId]);
    request.onsuccess = () => {
      const old = request.result as DoorTicket | undefined;
      if (old) tickets.put({ ...old, ...change, event_id: eventId, ticket_id: ticketId });
      else if (change.ticket_number)
        tickets.put({ status: 'valid', ...change, event_id: eventId, ticket_id: ticketId } as DoorTicket);
    };
    return done(tx);
  }

  /** Queues an offline admission and marks the ticket admitted here, in one transaction. */
  async enqueue(scan: QueuedScan): Promise<void> {
    const tx = this.db.transaction(['queue', 'tickets'], 'readwrite');
    tx.objectStore('queue').put(scan);
    const tickets = tx.objectStore('tickets');
    const request = tickets.get([scan.event_id, scan.ticket_id]);
    request.onsuccess = () => {
      const old = request.result as DoorTicket | undefined;
      tickets.put({
        ...(old ?? {
          ticket_id: scan.ticket_id,
          ticket_number: scan.ticket_number ?? '',
          status: 'valid',
          qr_code: scan.qr_code,
        }),
        event_id: scan.event_id,
        local_admitted_at: scan.scanned_at,
      });
    };
    return done(tx);
  }

  /** Takes back a queued admission that was never uploaded (the door's undo while offline). */
  async unqueue(eventId: string, nonce: string): Promise<boolean> {
    const tx = this.db.transaction(['queue', 'tickets'], 'readwrite');
    const queue = tx.objectStore('queue');
    let found = false;
    const request = queue.get(nonce);
    request.onsuccess = () => {
      const scan = request.result as QueuedScan | undefined;
      if (!scan || scan.event_id !== eventId) return;
      found = true;
      queue.delete(nonce);
      const tickets = tx.objectStore('tickets');
      const ticket = tickets.get([eventId, scan.ticket_id]);
      ticket.onsuccess = () => {
        if (ticket.result) tickets.put({ ...ticket.result, local_admitted_at: null });
      };
    };
    await done(tx);
    return found;
  }

  /** The scans waiting for upload, oldest first (so the first scan of a ticket reaches the server first). */
  async pending(eventId: string): Promise<QueuedScan[]> {
    const scans: QueuedScan[] = await promised(
      this.db.transaction('queue').objectStore('queue').index('by_event').getAll(eventId),
    );
    return scans.sort((a, b) => a.scanned_at.localeCompare(b.scanned_at) || a.nonce.localeCompare(b.nonce));
  }

  async pendingCount(eventId: string): Promise<number> {
    return promised(this.db.transaction('queue').objectStore('queue').index('by_event').count(eventId));
  }

  /** Records the server's answers: each scan leaves the queue, its ticket takes the server's word. */
  async resolve(eventId: string, outcomes: ScanOutcome[]): Promise<void> {
    const tx = this.db.transaction(['queue', 'tickets', 'outcomes'], 'readwrite');
    const queue = tx.objectStore('queue');
    const tickets = tx.objectStore('tickets');
    const stored = tx.objectStore('outcomes');
    for (const outcome of outcomes) {
      queue.delete(outcome.nonce);
      stored.put(outcome);
      if (!outcome.ticket_id) continue;
      const request = tickets.get([eventId, outcome.ticket_id]);
      request.onsuccess = () => {
        const old = request.result as DoorTicket | undefined;
        if (!old) return;
        const next: DoorTicket = { ...old, local_admitted_at: null };
        if (outcome.result === 'cancelled') next.status = 'cancelled';
        if (outcome.result === 'checked_in' || outcome.result === 'already_checked_in')
          next.checked_in_at = outcome.checked_in_at ?? old.checked_in_at ?? outcome.scanned_at;
        tickets.put(next);
      };
    }
    return done(tx);
  }

  /** What the server said about this device's uploaded scans, newest upload first. */
  async outcomes(eventId: string): Promise<ScanOutcome[]> {
    const all: ScanOutcome[] = await promised(
      this.db.transaction('outcomes').objectStore('outcomes').index('by_event').getAll(eventId),
    );
    return all.sort((a, b) => b.uploaded_at.localeCompare(a.uploaded_at) || b.scanned_at.localeCompare(a.scanned_at));
  }
}
