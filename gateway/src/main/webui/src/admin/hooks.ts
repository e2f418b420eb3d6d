import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type RequestOptions } from '../lib/api';
import { useAdminAuth } from '../lib/auth';
import type { TicketPackage } from '../lib/types';

export const adminBase = (eventId: string) => `/api/v1/admin/events/${encodeURIComponent(eventId)}`;
export const packagesKey = (eventId: string) => ['admin', eventId, 'packages'] as const;
export const packageKey = (eventId: string, packageId: string) => ['admin', eventId, 'package', packageId] as const;

/** API call with the coordinator's token; a 401 ends the session so the sign-in page shows again. */
export function useAdminApi() {
  const token = useAdminAuth((s) => s.token);
  const signOut = useAdminAuth((s) => s.signOut);
  return useCallback(
    async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
      try {
        return await api<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) signOut();
        throw error;
      }
    },
    [token, signOut],
  );
}

export function usePackages(eventId: string) {
  const call = useAdminApi();
  return useQuery({
    queryKey: packagesKey(eventId),
    queryFn: () =>
      call<{ packages: TicketPackage[] }>(`${adminBase(eventId)}/tickets/packages`).then((r) => r.packages),
  });
}

export const ifMatch = (version: number | undefined): Record<string, string> =>
  version === undefined ? {} : { 'If-Match': `"${version}"` };
