import { useEffect, useState } from 'react';

// setTimeout fires at once for delays above 2^31 − 1 ms (about 24.8 days); a longer wait is taken in steps.
const MAX_DELAY = 2 ** 31 - 1;

/**
 * The current time, read again when `nextChangeAt(now)` comes (a sales window opening, a tier ending), so a page
 * left open changes with the clock instead of waiting for a reload.
 */
export function useNow(nextChangeAt: (now: number) => number | null): number {
  const [now, setNow] = useState(() => Date.now());
  const next = nextChangeAt(now);
  useEffect(() => {
    if (next === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(0, next - now) + 20, MAX_DELAY));
    return () => clearTimeout(timer);
  }, [next, now]);
  return now;
}
