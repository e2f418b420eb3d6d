import { useQuery } from '@tanstack/react-query';
import type { Purchase } from '../lib/types';
import { adminBase, useAdminApi } from './hooks';

export const ordersBase = (eventId: string) => `${adminBase(eventId)}/tickets/purchases`;
export const ordersKey = (eventId: string) => ['admin', eventId, 'orders'] as const;
export const orderKey = (eventId: string, purchaseId: string) => ['admin', eventId, 'order', purchaseId] as const;

/** How often an order with mails still queued is reloaded, so "queued" turns into "sent" or "failed" on screen. */
export const QUEUED_MAIL_POLL_MS = 5_000;

export function useOrder(eventId: string, purchaseId: string) {
  const call = useAdminApi();
  return useQuery({
    queryKey: orderKey(eventId, purchaseId),
    queryFn: () => call<Purchase>(`${ordersBase(eventId)}/${encodeURIComponent(purchaseId)}`),
    refetchInterval: (query) =>
      query.state.data?.emails?.some((m) => m.status === 'queued') ? QUEUED_MAIL_POLL_MS : false,
  });
}

export const describeAnswer = (value: boolean | string | string[]): string =>
  typeof value === 'boolean' ? (value ? 'Yes' : 'No') : Array.isArray(value) ? value.join('; ') : value;
