/**
 * The door's rules, apart from the screen: check a scanned code in (online through the server, offline against the
 * local door list and the signing keys), undo, keep the door list in step and upload the scans admitted offline.
 */
import { ApiError, newIdempotencyKey, type RequestOptions } from '../../lib/api';
import { explain } from '../../lib/messages';
import type { Ticket } from '../../lib/types';
import { claimedTicketId, importSigningKeys, verifyTicketCode, type Jwks } from './qr';
import type { BatchResult, DoorListRow, DoorStore, QueuedScan, ScanOutcome } from './store';

export type Call = <T>(path: string, options?: RequestOptions) => Promise<T>;

/** What one scan came to, for the big result panel. */
export type ScanResult =
  | {
      kind: 'admitted';
      ticketId: string;
      ticketNumber?: string | null;
      guestName?: string | null;
      packageName?: string | null;
      at: string;
      /** Admitted by this device without the server; `nonce` names the queued scan. */
      offline: boolean;
      nonce?: string;
    }
  | {
      kind: 'already_in';
      ticketId?: string;
      ticketNumber?: string | null;
      guestName?: string | null;
      at?: string | null;
    }
  | { kind: 'cancelled'; ticketId?: string; ticketNumber?: string | null; guestName?: string | null }
  | { kind: 'not_this_event' }
  | { kind: 'invalid' }
  | { kind: 'cannot_verify' }
  | { kind: 'error'; message: string };

export type UndoResult = { ok: true } | { ok: false; message: string };

/** At most this many scans per upload (API.md: 1–500). */
export const BATCH_LIMIT = 500;
/** A door list of at most 1,000 rows a page: this bounds one sync at a million tickets. */
const MAX_PAGES = 1_000;

interface BatchAnswer {
  results: { nonce: string; result: BatchResult; ticket_id?: string; checked_in_at?: string }[];
}

interface DoorListPage {
  tickets: DoorListRow[];
  cursor: string | null;
  more: boolean;
}

export const ticketsBase = (eventId: string) => `/api/v1/admin/events/${encodeURIComponent(eventId)}/tickets`;

export class DoorDesk {
  private keys: Map<string, CryptoKey> | null = null;
  private syncing: Promise<number> | null = null;
  private uploading: Promise<ScanOutcome[]> | null = null;
  private readonly base: string;

  constructor(
    readonly eventId: string,
    private readonly store: DoorStore,
    private readonly call: Call,
    readonly deviceId: string,
    private readonly online: () => boolean = () => navigator.onLine,
    private readonly now: () => Date = () => new Date(),
    private readonly nonce: () => string = newIdempotencyKey,
  ) {
    this.base = ticketsBase(eventId);
  }

  /** Checks a scanned or typed code in: through the server when online, else against what this device knows. */
  async checkIn(code: string): Promise<ScanResult> {
    const qr = code.trim();
    const claimed = claimedTicketId(qr);
    const local = claimed ? await this.store.ticket(this.eventId, claimed) : undefined;
    // Admitted here offline and not uploaded yet: the server does not know it, so asking it would admit twice.
    // (Only for a genuine code: a forged one naming that ticket is refused below like any other.)
    if (local?.local_admitted_at && (await verifyTicketCode(qr, await this.signingKeys(), this.eventId)).ok)
      return { kind: 'already_in', ticketId: local.ticket_id, ...names(local), at: local.local_admitted_at };
    if (this.online()) {
      try {
        const ticket = await this.call<Ticket>(`${this.base}/check-in`, {
          method: 'POST',
          body: { qr_code: qr, device_id: this.deviceId },
        });
        await this.store.updateTicket(this.eventId, ticket.id, {
          ticket_number: ticket.ticket_number,
          guest_name: ticket.guest_name ?? local?.guest_name ?? null,
          checked_in_at: ticket.checked_in_at ?? this.now().toISOString(),
          status: 'valid',
          qr_code: qr,
        });
        return {
          kind: 'admitted',
          ticketId: ticket.id,
          ticketNumber: ticket.ticket_number,
          guestName: ticket.guest_name ?? local?.guest_name,
          packageName: local?.package_name,
          at: ticket.checked_in_at ?? this.now().toISOString(),
          offline: false,
        };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status !== 0) return this.refused(error, claimed, local);
        // the network failed: the door goes on offline
      }
    }
    return this.checkInOffline(qr);
  }

  private async refused(
    error: ApiError,
    claimed: string | null,
    local: Awaited<ReturnType<DoorStore['ticket']>>,
  ): Promise<ScanResult> {
    switch (error.code) {
      case 'already_checked_in': {
        const at = typeof error.body.checked_in_at === 'string' ? error.body.checked_in_at : null;
        if (claimed && local)
          await this.store.updateTicket(this.eventId, claimed, { checked_in_at: at ?? local.checked_in_at });
        return { kind: 'already_in', ticketId: claimed ?? undefined, ...names(local), at: at ?? local?.checked_in_at };
      }
      case 'ticket_cancelled':
        if (claimed && local) await this.store.updateTicket(this.eventId, claimed, { status: 'cancelled' });
        return { kind: 'cancelled', ticketId: claimed ?? undefined, ...names(local) };
      case 'invalid_ticket_code':
      case 'ticket_not_found':
        return { kind: 'not_this_event' };
      default:
        return { kind: 'error', message: explain(error) };
    }
  }

  /** Offline: the signature and event say it is a ticket; the door list says whether it is cancelled or in. */
  async checkInOffline(qr: string): Promise<ScanResult> {
    const keys = await this.signingKeys();
    if (keys.size === 0) return { kind: 'cannot_verify' };
    const check = await verifyTicketCode(qr, keys, this.eventId);
    if (!check.ok) return check.reason === 'other_event' ? { kind: 'not_this_event' } : { kind: 'invalid' };
    const row = await this.store.ticket(this.eventId, check.ticketId);
    if (row?.status === 'cancelled') return { kind: 'cancelled', ticketId: row.ticket_id, ...names(row) };
    if (row?.checked_in_at || row?.local_admitted_at)
      return {
        kind: 'already_in',
        ticketId: row.ticket_id,
        ...names(row),
        at: row.local_admitted_at ?? row.checked_in_at,
      };
    // A ticket newer than the last sync is not in the list; its valid signature is enough to let the guest in.
    const scan: QueuedScan = {
      nonce: this.nonce(),
      event_id: this.eventId,
      qr_code: qr,
      scanned_at: this.now().toISOString(),
      ticket_id: check.ticketId,
      ticket_number: row?.ticket_number ?? null,
      guest_name: row?.guest_name ?? null,
    };
    await this.store.enqueue(scan);
    return {
      kind: 'admitted',
      ticketId: check.ticketId,
      ...names(row),
      packageName: row?.package_name,
      at: scan.scanned_at,
      offline: true,
      nonce: scan.nonce,
    };
  }

  /** Undoes an admission: one still queued on this device is simply taken back; anything else asks the server. */
  async undoTicket(ticketId: string): Promise<UndoResult> {
    const queued = (await this.store.pending(this.eventId)).filter((scan) => scan.ticket_id === ticketId);
    if (queued.length > 0) {
      for (const scan of queued) await this.store.unqueue(this.eventId, scan.nonce);
      return { ok: true };
    }
    if (!this.online())
      return { ok: false, message: 'Undo needs a connection: this admission is already on the server.' };
    try {
      await this.call<void>(
        `${this.base}/check-ins/${encodeURIComponent(ticketId)}?device_id=${encodeURIComponent(this.deviceId)}`,
        { method: 'DELETE' },
      );
      await this.store.updateTicket(this.eventId, ticketId, { checked_in_at: null });
      return { ok: true };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_checked_in') {
        await this.store.updateTicket(this.eventId, ticketId, { checked_in_at: null });
        return { ok: false, message: 'This ticket is not checked in (any more), so there is nothing to undo.' };
      }
      return { ok: false, message: explain(error) };
    }
  }

  /** The signing keys from the server (kept for offline use), or the kept ones when it cannot be reached. */
  async refreshKeys(): Promise<void> {
    const jwks = await this.call<Jwks>('/api/v1/tickets/signing-keys');
    if (!jwks || !Array.isArray(jwks.keys)) return;
    await this.store.saveKeys(jwks);
    this.keys = await importSigningKeys(jwks);
  }

  private async signingKeys(): Promise<Map<string, CryptoKey>> {
    if (!this.keys) {
      const jwks = await this.store.keys();
      this.keys = jwks ? await importSigningKeys(jwks) : new Map();
    }
    return this.keys;
  }

  /** Brings the local door list up to date: every page since the kept cursor. Returns the rows received. */
  syncDoorList(): Promise<number> {
    this.syncing ??= this.pullDoorList().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async pullDoorList(): Promise<number> {
    let received = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const cursor = await this.store.cursor(this.eventId);
      const answer = await this.call<DoorListPage>(
        `${this.base}/door-list${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      await this.store.saveDoorListPage(
        this.eventId,
        answer.tickets ?? [],
        answer.cursor ?? null,
        this.now().toISOString(),
      );
      received += answer.tickets?.length ?? 0;
      if (!answer.more || !answer.cursor || answer.cursor === cursor) break;
    }
    return received;
  }

  /**
   * Uploads the queued scans, oldest first, at most 500 a request, and records each answer. A repeat after a lost
   * answer is harmless: the server answers the same (device_id, nonce) with the same result.
   */
  upload(): Promise<ScanOutcome[]> {
    this.uploading ??= this.pushScans().finally(() => (this.uploading = null));
    return this.uploading;
  }

  private async pushScans(): Promise<ScanOutcome[]> {
    const resolved: ScanOutcome[] = [];
    for (;;) {
      const batch = (await this.store.pending(this.eventId)).slice(0, BATCH_LIMIT);
      if (batch.length === 0) break;
      const answer = await this.call<BatchAnswer>(`${this.base}/check-ins/batch`, {
        method: 'POST',
        body: {
          device_id: this.deviceId,
          scans: batch.map(({ qr_code, scanned_at, nonce }) => ({ qr_code, scanned_at, nonce })),
        },
      });
      const byNonce = new Map((answer.results ?? []).map((r) => [r.nonce, r]));
      const uploadedAt = this.now().toISOString();
      const outcomes: ScanOutcome[] = batch.flatMap((scan) => {
        const r = byNonce.get(scan.nonce);
        return r
          ? [
              {
                nonce: scan.nonce,
                event_id: this.eventId,
                ticket_id: r.ticket_id ?? scan.ticket_id,
                ticket_number: scan.ticket_number,
                guest_name: scan.guest_name,
                scanned_at: scan.scanned_at,
                result: r.result,
                checked_in_at: r.checked_in_at ?? null,
                uploaded_at: uploadedAt,
              },
            ]
          : [];
      });
      await this.store.resolve(this.eventId, outcomes);
      resolved.push(...outcomes);
      // An answer that leaves scans out would repeat this batch forever; they wait for the next upload instead.
      if (outcomes.length < batch.length) break;
    }
    return resolved;
  }

  pendingCount(): Promise<number> {
    return this.store.pendingCount(this.eventId);
  }

  outcomes(): Promise<ScanOutcome[]> {
    return this.store.outcomes(this.eventId);
  }

  search(q: string) {
    return this.store.search(this.eventId, q);
  }

  ticket(ticketId: string) {
    return this.store.ticket(this.eventId, ticketId);
  }

  async listInfo(): Promise<{ tickets: number; syncedAt: string | null }> {
    return {
      tickets: await this.store.countTickets(this.eventId),
      syncedAt: await this.store.lastSync(this.eventId),
    };
  }
}

const names = (row?: { ticket_number?: string | null; guest_name?: string | null } | null) => ({
  ticketNumber: row?.ticket_number ?? null,
  guestName: row?.guest_name ?? null,
});
