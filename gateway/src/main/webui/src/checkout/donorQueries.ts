import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';
import type { Purchase, TicketPackage } from '../lib/types';

export const publicPackagesKey = (eventId: string) => ['public', eventId, 'packages'] as const;
export const myPurchasesKey = ['me', 'purchases'] as const;

/**
 * The event's packages for donors. With a code (and the donor's token, which the server then requires) the list
 * also holds the hidden packages that code unlocks (API.md, "Sales rules"); an empty code is no code.
 */
export function usePublicPackages(eventId: string, code: string | null = null, token: string | null = null) {
  const withCode = code && token ? code : null;
  return useQuery({
    queryKey: [...publicPackagesKey(eventId), withCode],
    queryFn: () =>
      api<{ packages: TicketPackage[] }>(
        `/api/v1/events/${eventId}/tickets/packages${withCode ? `?code=${encodeURIComponent(withCode)}` : ''}`,
        { token: withCode ? token : null },
      ).then((r) => r.packages),
  });
}

/** The donor's own purchases, newest first, across events (API.md: GET /api/v1/me/tickets/purchases). */
export const fetchMyPurchases = (token: string | null) =>
  api<{ purchases: Purchase[] }>('/api/v1/me/tickets/purchases', { token }).then((r) => r.purchases);
