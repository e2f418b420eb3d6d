import type { ReactNode } from 'react';

export function Alert({
  tone = 'error',
  children,
  action,
}: {
  tone?: 'error' | 'warning' | 'success' | 'info';
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div>{children}</div>
      {action && <div className="alert-action">{action}</div>}
    </div>
  );
}
