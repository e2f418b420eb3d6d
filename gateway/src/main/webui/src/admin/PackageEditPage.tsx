import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TicketPackage } from '../lib/types';
import { explain } from '../lib/messages';
import { Alert } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { adminBase, ifMatch, packageKey, packagesKey, useAdminApi } from './hooks';
import { PackageForm } from './PackageForm';
import { ImageUpload } from './ImageUpload';
import { OptionsEditor } from './OptionsEditor';
import { AuditTrail } from './AuditTrail';

export default function PackageEditPage() {
  const { eventId = '', packageId } = useParams();
  const call = useAdminApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const base = `${adminBase(eventId)}/tickets/packages`;

  const pkg = useQuery({
    queryKey: packageKey(eventId, packageId ?? 'new'),
    queryFn: () => call<TicketPackage>(`${base}/${packageId}`),
    enabled: !!packageId,
  });

  const saved = (updated: TicketPackage) => {
    queryClient.setQueryData(packageKey(eventId, updated.id), updated);
    queryClient.invalidateQueries({ queryKey: packagesKey(eventId) });
  };

  if (!packageId) {
    return (
      <>
        <Link className="back" to="..">
          ← Packages
        </Link>
        <PageTitle>New package</PageTitle>
        <PackageForm
          onCancel={() => navigate('..')}
          onSubmit={async (body) => {
            const created = await call<TicketPackage>(base, { method: 'POST', body });
            saved(created);
            navigate(`../${created.id}`, { replace: true, relative: 'path' });
          }}
        />
      </>
    );
  }

  if (pkg.isPending) return <p role="status">Loading package…</p>;
  if (pkg.isError) return <Alert action={<Link to="..">Back to packages</Link>}>{explain(pkg.error)}</Alert>;
  const current = pkg.data;

  return (
    <>
      <Link className="back" to="..">
        ← Packages
      </Link>
      <PageTitle title={current.name}>Edit “{current.name}”</PageTitle>
      <div className="edit-layout">
        <div className="stack">
          <PackageForm
            key={`${current.id}-${current.version}-${pkg.dataUpdatedAt}`}
            initial={current}
            onReload={() => pkg.refetch()}
            onSubmit={async (body) => {
              saved(
                await call<TicketPackage>(`${base}/${current.id}`, {
                  method: 'PATCH',
                  body,
                  headers: ifMatch(current.version),
                }),
              );
            }}
          />
          <OptionsEditor eventId={eventId} pkg={current} onChanged={() => pkg.refetch()} />
        </div>
        <div className="stack">
          <ImageUpload eventId={eventId} pkg={current} onChanged={() => pkg.refetch()} />
          <AuditTrail eventId={eventId} packageId={current.id} version={current.version} />
        </div>
      </div>
    </>
  );
}
