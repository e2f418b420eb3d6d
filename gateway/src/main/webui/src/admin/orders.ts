import { useQuery } from '@tanstack/react-query';
import type { Purchase } from '../lib/types';
import { adminBase, useAdminApi } from './hooks';

export const ordersBase = (eventId: string) => `${adminBase(eventId)}/tickets/purchases`;
export const ordersKey = (eventId: string) => ['admin', eventId, 'orders'] as const;
export const orderKey = (eventId: string, purchaseId: string) => ['admin', eventId, 'order', purchaseId] as const;

export function useOrder(eventId: string, purchaseId: string) {
  const call = useAdminApi();
  return useQuery({
    queryKey: orderKey(eventId, purchaseId),
    queryFn: () => call<Purchase>(`${ordersBase(eventId)}/${encodeURIComponent(purchaseId)}`),
  });
}

export const describeAnswer = (value: boolean | string | string[]): string =>
  typeof value === 'boolean' ? (value ? 'Yes' : 'No') : Array.isArray(value) ? value.join('; ') : value;
