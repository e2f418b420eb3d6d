import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api';
import { explain } from '../lib/messages';
import type { TicketPackage } from '../lib/types';
import { preferredTimeZone } from '../lib/zonedTime';
import { Alert } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { adminBase, ifMatch, packagesKey, useAdminApi, usePackages } from './hooks';
import { SortablePackageList } from './SortablePackageList';

export default function PackageListPage() {
  const { eventId = '' } = useParams();
  const call = useAdminApi();
  const queryClient = useQueryClient();
  const packages = usePackages(eventId);
  const [error, setError] = useState<string | null>(null);
  const [timeZone] = useState(preferredTimeZone);
  const key = packagesKey(eventId);

  // Optimistic: the list moves at once; a refused order rolls back to what the server had.
  const reorder = useMutation({
    mutationFn: (ids: string[]) =>
      call<{ packages: TicketPackage[] }>(`${adminBase(eventId)}/tickets/packages/reorder`, {
        method: 'POST',
        body: { package_ids: ids },
      }),
    onMutate: async (ids) => {
      setError(null);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TicketPackage[]>(key);
      if (previous) queryClient.setQueryData(key, ids.map((id) => previous.find((p) => p.id === id)!).filter(Boolean));
      return { previous };
    },
    onError: (err, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      setError(explain(err));
      if (err instanceof ApiError && err.code === 'invalid_reorder') queryClient.invalidateQueries({ queryKey: key });
    },
    onSuccess: (result) => queryClient.setQueryData(key, result.packages),
  });

  const [busy, setBusy] = useState<Set<string>>(new Set());
  const toggle = async (pkg: TicketPackage, enabled: boolean) => {
    setError(null);
    setBusy((s) => new Set(s).add(pkg.id));
    try {
      const updated = await call<TicketPackage>(`${adminBase(eventId)}/tickets/packages/${pkg.id}`, {
        method: 'PATCH',
        body: { is_enabled: enabled },
        headers: ifMatch(pkg.version),
      });
      queryClient.setQueryData<TicketPackage[]>(key, (list) => list?.map((p) => (p.id === updated.id ? updated : p)));
    } catch (err) {
      setError(explain(err));
      if (err instanceof ApiError && err.code === 'version_conflict') queryClient.invalidateQueries({ queryKey: key });
    } finally {
      setBusy((s) => {
        const next = new Set(s);
        next.delete(pkg.id);
        return next;
      });
    }
  };

  return (
    <>
      <div className="page-head">
        <PageTitle>Ticket packages</PageTitle>
        <Link className="btn btn-primary" to="new">
          New package
        </Link>
      </div>
      {error && <Alert>{error}</Alert>}
      {packages.isPending && <p role="status">Loading packages…</p>}
      {packages.isError && (
        <Alert
          action={
            <button className="btn" onClick={() => packages.refetch()}>
              Try again
            </button>
          }
        >
          {explain(packages.error)}
        </Alert>
      )}
      {packages.data?.length === 0 && (
        <div className="empty card">
          <p>No packages yet.</p>
          <Link className="btn btn-primary" to="new">
            Create the first package
          </Link>
        </div>
      )}
      {packages.data?.some((p) => p.sales_start_at || p.sales_end_at || p.price_tiers?.length) && (
        <p className="hint">Sales times in {timeZone}.</p>
      )}
      {packages.data && packages.data.length > 0 && (
        <SortablePackageList
          timeZone={timeZone}
          packages={packages.data}
          onReorder={(ids) => reorder.mutate(ids)}
          onToggle={toggle}
          editHref={(p) => p.id}
          busyIds={busy}
        />
      )}
    </>
  );
}
