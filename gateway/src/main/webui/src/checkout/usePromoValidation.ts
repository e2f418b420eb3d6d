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

/** What a code says without asking the server, or null when the server is to check it. */
function localState(trimmed: string, token: string | null): PromoState | null {
  if (!trimmed) return { status: 'empty' };
  if (!CODE.test(trimmed))
    return { status: 'invalid', code: 'format', message: 'A promo code is 3–50 letters, digits, “-” or “_”.' };
  if (!token) return { status: 'needs-sign-in' };
  return null;
}

/** Live, debounced check of a promo code for the chosen package and quantity (donor token needed). */
export function usePromoValidation(
  eventId: string,
  code: string,
  packageId: string | null,
  quantity: number,
  token: string | null,
  delay = 400,
): PromoState {
  const trimmed = code.trim();
  const local = localState(trimmed, token);
  const check = local === null;
  // The server's answer holds only for the inputs it was asked about: any change drops it (during render,
  // not in an effect) until the next check answers.
  const inputs = JSON.stringify([eventId, trimmed, packageId, quantity, token, delay]);
  const [answer, setAnswer] = useState<PromoState | null>(null);
  const [answerFor, setAnswerFor] = useState(inputs);
  if (answerFor !== inputs) {
    setAnswerFor(inputs);
    setAnswer(null);
  }
  useEffect(() => {
    if (!check) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams();
      if (packageId) {
        params.set('package_id', packageId);
        params.set('quantity', String(quantity));
      }
      try {
        const result = await api<PromoValidation>(
          `/api/v1/events/${eventId}/promo-codes/${encodeURIComponent(trimmed)}/validate?${params}`,
          { token, signal: controller.signal },
        );
        setAnswer({ status: 'valid', result });
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') return;
        setAnswer({
          status: 'invalid',
          message: explain(error),
          code: error instanceof ApiError ? error.code : 'unknown',
        });
      }
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [check, eventId, trimmed, packageId, quantity, token, delay]);
  return local ?? answer ?? { status: 'checking' };
}
