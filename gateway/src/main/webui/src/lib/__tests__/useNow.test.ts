import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNow } from '../useNow';

afterEach(() => vi.useRealTimers());

describe('useNow', () => {
  it('reads the clock again when the next change comes, and not before', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-04T09:59:00.000Z'));
    const opens = Date.parse('2026-12-04T10:00:00.000Z');
    const { result } = renderHook(() => useNow((now) => (now < opens ? opens : null)));
    expect(result.current).toBe(Date.parse('2026-12-04T09:59:00.000Z'));
    act(() => vi.advanceTimersByTime(59_000));
    expect(result.current).toBe(Date.parse('2026-12-04T09:59:00.000Z'));
    act(() => vi.advanceTimersByTime(1_100));
    expect(result.current).toBeGreaterThanOrEqual(opens);
    // nothing left to wait for: no timer stays behind
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits for a change months ahead in steps that setTimeout can take', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
    const far = Date.parse('2026-06-01T00:00:00.000Z');
    const { result } = renderHook(() => useNow((now) => (now < far ? far : null)));
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
    // setTimeout takes at most 2^31 − 1 ms (24.8 days): 151 days are waited in 7 steps, each re-reading the clock.
    let steps = 0;
    while (result.current < far && steps < 10) {
      act(() => vi.advanceTimersByTime(2 ** 31));
      steps++;
    }
    expect(result.current).toBeGreaterThanOrEqual(far);
    expect(steps).toBe(7);
  });
});
