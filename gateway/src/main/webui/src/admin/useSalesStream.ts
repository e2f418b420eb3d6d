import { useEffect, useRef, useState } from 'react';
import type { Sales } from '../lib/types';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped';
export interface SalesPoint {
  at: number;
  totalSold: number;
}

/**
 * Live sales over SSE (no polling). EventSource retries by itself after a dropped connection;
 * when the browser gives up (an HTTP error closes it), we open a new one after a back-off.
 */
export function useSalesStream(url: string | null) {
  const [sales, setSales] = useState<Sales | null>(null);
  const [state, setState] = useState<StreamState>('connecting');
  const [history, setHistory] = useState<SalesPoint[]>([]);
  const retry = useRef(0);

  useEffect(() => {
    if (!url) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const open = () => {
      setState(retry.current ? 'reconnecting' : 'connecting');
      source = new EventSource(url);
      source.onopen = () => {
        retry.current = 0;
        setState('live');
      };
      source.addEventListener('sales', (event) => {
        const data = JSON.parse((event as MessageEvent).data) as Sales;
        setSales(data);
        setState('live');
        setHistory((h) => [...h.slice(-299), { at: Date.now(), totalSold: data.total_sold }]);
      });
      source.onerror = () => {
        if (stopped) return;
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry.current += 1;
          setState('reconnecting');
          timer = setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(retry.current, 5)));
        } else {
          setState('reconnecting');
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      setState('stopped');
    };
  }, [url]);

  return { sales, state, history };
}
