/** The words the door shows: one big verdict per scan and one line per uploaded offline scan. */
import type { CheckInSummary } from './types';
import type { ScanResult } from './desk';
import type { ScanOutcome } from './store';

export type Tone = 'success' | 'warning' | 'error';

export interface Verdict {
  tone: Tone;
  title: string;
  detail?: string;
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "19:42" for today (the gala night), "24 Nov, 19:42" for another day. */
export function formatDoorTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toDateString() === now.toDateString() ? time.format(at) : dayAndTime.format(at);
}

function who(r: { ticketNumber?: string | null; guestName?: string | null }): string | undefined {
  const parts = [r.guestName, r.ticketNumber && `ticket ${r.ticketNumber}`].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

export function describeResult(result: ScanResult, now = new Date()): Verdict {
  switch (result.kind) {
    case 'admitted': {
      const line = [result.guestName, result.ticketNumber && `Ticket ${result.ticketNumber}`, result.packageName]
        .filter(Boolean)
        .join(' · ');
      return {
        tone: 'success',
        title: 'Admitted',
        detail: result.offline ? `${line ? `${line}. ` : ''}Saved on this device; it uploads when back online.` : line,
      };
    }
    case 'already_in':
      return {
        tone: 'warning',
        title: result.at ? `Already in at ${formatDoorTime(result.at, now)}` : 'Already checked in',
        detail: [who(result), 'This ticket was used before — check the guest’s name.'].filter(Boolean).join('. '),
      };
    case 'cancelled':
      return {
        tone: 'error',
        title: 'Cancelled ticket',
        detail: `${who(result) ? `${who(result)}. ` : ''}Do not admit: this ticket was cancelled. Send the guest to the coordinator.`,
      };
    case 'not_this_event':
      return {
        tone: 'error',
        title: 'Not a ticket of this event',
        detail: 'This code is not a ticket for this event. Ask for the ticket email or search the guest by name.',
      };
    case 'invalid':
      return {
        tone: 'error',
        title: 'Not a valid ticket',
        detail: 'The code’s signature does not check out. Ask for the ticket email or search the guest by name.',
      };
    case 'cannot_verify':
      return {
        tone: 'error',
        title: 'Cannot check offline yet',
        detail: 'This device has not downloaded the signing keys. Connect once with the Door page open.',
      };
    case 'error':
      return { tone: 'error', title: 'Could not check in', detail: result.message };
  }
}

/** One uploaded offline scan: fine, a duplicate (another device or scan was first), cancelled or invalid. */
export function describeOutcome(outcome: ScanOutcome, now = new Date()): Verdict {
  const name = [outcome.guest_name, outcome.ticket_number ?? 'Unknown ticket'].filter(Boolean).join(' · ');
  switch (outcome.result) {
    case 'checked_in':
      return {
        tone: 'success',
        title: `${name}: checked in`,
        detail: `scanned ${formatDoorTime(outcome.scanned_at, now)}`,
      };
    case 'already_checked_in':
      return {
        tone: 'warning',
        title: `${name}: duplicate`,
        detail: outcome.checked_in_at
          ? `already in at ${formatDoorTime(outcome.checked_in_at, now)}, before this scan at ${formatDoorTime(outcome.scanned_at, now)}`
          : `already checked in before this scan at ${formatDoorTime(outcome.scanned_at, now)}`,
      };
    case 'cancelled':
      return {
        tone: 'error',
        title: `${name}: cancelled ticket`,
        detail: `admitted offline at ${formatDoorTime(outcome.scanned_at, now)}, but the ticket was cancelled`,
      };
    case 'invalid':
      return {
        tone: 'error',
        title: `${name}: invalid`,
        detail: `the server refused the code scanned at ${formatDoorTime(outcome.scanned_at, now)}`,
      };
  }
}

/** "212 of 300 in". */
export const counterText = (s: Pick<CheckInSummary, 'checked_in' | 'total'>) => `${s.checked_in} of ${s.total} in`;
