import { ApiError } from './api';

/** Plain-words explanation of an API failure, for the person in front of the screen. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'network_error':
      return 'We could not reach the server. Check your connection and try again — nothing is charged twice.';
    case 'unauthenticated':
      return 'Your sign-in has expired or is not valid. Please sign in again.';
    case 'forbidden':
      return 'Your account is not allowed to do this for this event.';
    case 'sold_out':
      return 'Sorry, there are not enough tickets left for this package. Try a smaller quantity or another package.';
    case 'rate_limited':
      return error.retryAfter !== undefined
        ? `Too many attempts in a short time. Please wait ${error.retryAfter} second${error.retryAfter === 1 ? '' : 's'} and try again.`
        : 'Too many attempts in a short time. Please wait a moment and try again.';
    case 'promo_code_not_found':
      return 'That promo code does not exist for this event.';
    case 'promo_code_expired':
      return 'That promo code is not active right now (expired, not yet valid or switched off).';
    case 'promo_code_exhausted':
      return 'That promo code has been used as many times as it allows.';
    case 'promo_code_not_applicable':
      return 'That promo code does not apply to this package.';
    case 'dependency_unavailable':
      return 'Part of our system is briefly unavailable. Nothing was charged or reserved — please try again in a minute.';
    case 'package_not_found':
      return 'This package is no longer available.';
    case 'version_conflict':
      return 'Someone else changed this since you opened it. Reload to see the latest version, then make your change again.';
    case 'quantity_below_sold':
      return 'The quantity limit cannot be lower than the number already sold.';
    case 'unsupported_image':
      return 'This file is not a JPEG, PNG or WebP image (or it is damaged).';
    case 'image_too_large':
      return 'This image is larger than 5 MB. Please choose a smaller one.';
    case 'option_limit_reached':
      return 'A package can have at most 4 questions.';
    case 'invalid_reorder':
      return 'The order could not be saved because the package list changed. It has been reloaded.';
    case 'promo_code_exists':
      return 'A promo code with that name already exists for this event.';
    case 'already_checked_in':
      return 'This ticket has already been checked in.';
    case 'invalid_ticket_code':
      return 'This is not a valid ticket for this event.';
    case 'ticket_not_found':
      return 'This ticket could not be found.';
    case 'ticket_cancelled':
      return 'This ticket has been cancelled.';
    case 'purchase_not_found':
      return 'This order could not be found.';
    case 'invalid_quantity':
      return 'This quantity is not allowed for this package.';
    case 'not_on_sale':
      return 'This package is not on sale right now.';
    case 'no_email_address':
      return 'This ticket has no email address to go to: neither a guest email nor an email for the order.';
    case 'idempotency_key_reused':
      return 'Your order changed while it was being sent. Please press Buy again.';
    case 'validation_failed':
    case 'invalid_option_response':
      return 'Some answers need fixing — see the highlighted fields.';
    default:
      return error.message || 'Something went wrong. Please try again.';
  }
}

/** At most this many resends of one ticket per hour (API.md, "Tickets by email"). */
export const RESENDS_PER_HOUR = 5;

/** Seconds to wait after a 429: the Retry-After header, else the problem body's `retry_after`. */
function waitSeconds(error: ApiError): number | undefined {
  if (error.retryAfter !== undefined) return error.retryAfter;
  const fromBody = Number(error.body.retry_after);
  return error.body.retry_after != null && Number.isFinite(fromBody) ? Math.max(0, Math.ceil(fromBody)) : undefined;
}

/**
 * Why a ticket could not be resent (POST .../tickets/{id}/resend), for the coordinator or the donor: the hourly
 * limit in minutes, a missing address with what would fix it, a cancelled or vanished ticket.
 */
export function explainResend(error: unknown, audience: 'coordinator' | 'donor'): string {
  if (!(error instanceof ApiError)) return explain(error);
  switch (error.code) {
    case 'rate_limited': {
      const seconds = waitSeconds(error);
      if (seconds === undefined) return `Sent ${RESENDS_PER_HOUR} times in the last hour — try again later.`;
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      return `Sent ${RESENDS_PER_HOUR} times in the last hour — try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
    case 'no_email_address':
      return audience === 'donor'
        ? 'We have no email address for this ticket. Add a guest email to the seat, then resend it.'
        : 'No email address for this ticket: the order has no email and the seat no guest email. The donor can add a guest email to the seat.';
    case 'ticket_cancelled':
      return 'This ticket has been cancelled, so it cannot be resent.';
    case 'ticket_not_found':
      return 'This ticket could not be found any more. The list has been reloaded.';
    default:
      return explain(error);
  }
}
