import { useEffect, useRef, type ReactNode } from 'react';

/** The page's h1; takes focus when the page opens so screen-reader and keyboard users land on it. */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    document.title = `${title ?? (typeof children === 'string' ? children : 'FundrBolt')} · FundrBolt Tickets`;
  }, [children, title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
