import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../lib/format';
import { explain } from '../lib/messages';
import type { AuditEntry } from '../lib/types';
import { adminBase, useAdminApi } from './hooks';

const ACTIONS: Record<string, string> = {
  updated: 'changed',
  enabled: 'enabled',
  disabled: 'disabled',
  option_added: 'added question',
  option_updated: 'changed question',
  option_removed: 'removed question',
};

export function AuditTrail({ eventId, packageId, version }: { eventId: string; packageId: string; version?: number }) {
  const call = useAdminApi();
  const audit = useQuery({
    queryKey: ['admin', eventId, 'audit', packageId, version],
    queryFn: () =>
      call<{ entries: AuditEntry[] }>(`${adminBase(eventId)}/tickets/packages/${packageId}/audit`).then(
        (r) => r.entries,
      ),
  });
  return (
    <section className="card">
      <h2>Audit trail</h2>
      <p className="hint">Changes made after the first sale.</p>
      {audit.isPending && <p role="status">Loading…</p>}
      {audit.isError && <p className="field-error">{explain(audit.error)}</p>}
      {audit.data?.length === 0 && <p className="muted">No audited changes.</p>}
      {!!audit.data?.length && (
        <ol className="audit">
          {audit.data.map((e) => (
            <li key={e.id}>
              <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time>
              <div>
                <strong>{ACTIONS[e.action] ?? e.action}</strong> {e.field_name && <code>{e.field_name}</code>}
                {(e.old_value !== null || e.new_value !== null) && (
                  <span className="muted">
                    {' '}
                    {e.old_value ?? '∅'} → {e.new_value ?? '∅'}
                  </span>
                )}
                <div className="hint">by {e.user_id}</div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
