/** Shapes of API.md, "Door operations", as on the wire. */
import type { TicketStatus } from '../../lib/types';

export interface PackageCheckIns {
  package_id: string;
  name: string;
  checked_in: number;
  total: number;
}

/** GET .../tickets/check-in/summary: over valid tickets. */
export interface CheckInSummary {
  checked_in: number;
  total: number;
  packages: PackageCheckIns[];
}

/** One row of GET .../tickets/attendees?q=. */
export interface Attendee {
  ticket_id: string;
  ticket_number: string;
  package_name?: string | null;
  guest_name?: string | null;
  guest_email?: string | null;
  purchase_id?: string;
  status: TicketStatus;
  checked_in_at?: string | null;
  /** Listed by servers that let the door check a guest in by hand (not in API.md's row); else the door list's. */
  qr_code?: string | null;
}

export interface AttendeePage {
  attendees: Attendee[];
  page: number;
  size: number;
  total: number;
}
