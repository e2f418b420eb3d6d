import type { Ticket } from './types';

/** Where a resend of the ticket goes (API.md, "Tickets by email"): its guest if set, else the purchase's email. */
export const resendAddress = (ticket: Pick<Ticket, 'guest_email'>, purchaseEmail?: string | null): string | null =>
  ticket.guest_email?.trim() || purchaseEmail?.trim() || null;
