import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError } from '../lib/api';
import { isExpired, useDonorAuth } from '../lib/auth';
import { explain } from '../lib/messages';
import type { TicketPackage } from '../lib/types';
import { Alert } from '../components/Alert';
import { LoginPanel } from '../components/LoginPanel';
import { PageTitle } from '../components/PageTitle';
import { fetchMyPurchases, myPurchasesKey } from './donorQueries';
import { PurchaseTickets } from './TicketsView';

/** Every purchase of the signed-in donor for this event, newest first, each with its seats and actions. */
export function MyTicketsPage({ eventId, packages }: { eventId: string; packages?: TicketPackage[] }) {
  const token = useDonorAuth((s) => s.token);
  const claims = useDonorAuth((s) => s.claims);
  const signOut = useDonorAuth((s) => s.signOut);
  const signedIn = !!token && !isExpired(claims);
  const purchases = useQuery({
    queryKey: [...myPurchasesKey, token],
    enabled: signedIn,
    queryFn: async () => {
      try {
        return (await fetchMyPurchases(token)).filter((p) => p.event_id === eventId);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) signOut();
        throw error;
      }
    },
  });

  if (!signedIn)
    return (
      <>
        <PageTitle>My tickets</PageTitle>
        <LoginPanel scope="donor" title="Sign in to see your tickets" returnTo={location.pathname} />
      </>
    );
  return (
    <div className="stack">
      <PageTitle>My tickets</PageTitle>
      {purchases.isPending && <p role="status">Loading your tickets…</p>}
      {purchases.isError && (
        <Alert
          action={
            <button className="btn" onClick={() => purchases.refetch()}>
              Try again
            </button>
          }
        >
          {explain(purchases.error)}
        </Alert>
      )}
      {purchases.data?.length === 0 && (
        <p className="card empty">
          You have no tickets for this event yet. <Link to={`/checkout/${eventId}`}>Get tickets</Link>
        </p>
      )}
      {purchases.data?.map((p) => (
        <PurchaseTickets
          key={p.id}
          purchase={p}
          pkg={packages?.find((pkg) => pkg.id === p.package_id)}
          onChanged={() => purchases.refetch()}
        />
      ))}
    </div>
  );
}
