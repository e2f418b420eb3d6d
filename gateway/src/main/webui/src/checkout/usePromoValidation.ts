import { useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { explain } from '../lib/messages';
import type { PromoValidation } from '../lib/types';

export type PromoState =
  | { status: 'empty' }
  | { status: 'needs-sign-in' }
  | { status: 'checking' }
  | { status: 'valid'; result: PromoValidation }
  | { status: 'invalid'; message: string; code: string };

const CODE = /^[A-Za-z0-9_-]{3,50}$/;

/** Live, debounced check of a promo code for the chosen package and quantity (donor token needed). */
export function usePromoValidation(eventId: string, code: string, packageId: string | null, quantity: number, token: string | null, delay = 400): PromoState {
  const [state, setState] = useState<PromoState>({ status: 'empty' });
  const trimmed = code.trim();
  useEffect(() => {
    if (!trimmed) return setState({ status: 'empty' });
    if (!CODE.test(trimmed)) return setState({ status: 'invalid', code: 'format', message: 'A promo code is 3–50 letters, digits, “-” or “_”.' });
    if (!token) return setState({ status: 'needs-sign-in' });
    setState({ status: 'checking' });
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams();
      if (packageId) {
        params.set('package_id', packageId);
        params.set('quantity', String(quantity));
      }
      try {
        const result = await api<PromoValidation>(`/api/v1/events/${eventId}/promo-codes/${encodeURIComponent(trimmed)}/validate?${params}`, { token, signal: controller.signal });
        setState({ status: 'valid', result });
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') return;
        setState({ status: 'invalid', message: explain(error), code: error instanceof ApiError ? error.code : 'unknown' });
      }
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [eventId, trimmed, packageId, quantity, token, delay]);
  return state;
}
