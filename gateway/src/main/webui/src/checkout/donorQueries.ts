import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';
import type { Purchase, TicketPackage } from '../lib/types';

export const publicPackagesKey = (eventId: string) => ['public', eventId, 'packages'] as const;
export const myPurchasesKey = ['me', 'purchases'] as const;

export function usePublicPackages(eventId: string) {
  return useQuery({
    queryKey: publicPackagesKey(eventId),
    queryFn: () =>
      api<{ packages: TicketPackage[] }>(`/api/v1/events/${eventId}/tickets/packages`).then((r) => r.packages),
  });
}

/** The donor's own purchases, newest first, across events (API.md: GET /api/v1/me/tickets/purchases). */
export const fetchMyPurchases = (token: string | null) =>
  api<{ purchases: Purchase[] }>('/api/v1/me/tickets/purchases', { token }).then((r) => r.purchases);
