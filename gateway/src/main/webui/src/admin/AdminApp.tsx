import { lazy, Suspense, useState, type FormEvent } from 'react';
import {
  Link,
  Navigate,
  NavLink,
  Outlet,
  Route,
  Routes,
  useLocation,
  useMatch,
  useNavigate,
  useParams,
} from 'react-router';
import { isExpired, useAdminAuth, type Claims } from '../lib/auth';
import { LoginPanel } from '../components/LoginPanel';
import { PageTitle } from '../components/PageTitle';
import { Alert } from '../components/Alert';

const PackageListPage = lazy(() => import('./PackageListPage'));
const PackageEditPage = lazy(() => import('./PackageEditPage'));
const PromoCodesPage = lazy(() => import('./PromoCodesPage'));
const SalesPage = lazy(() => import('./SalesPage'));
const DoorPage = lazy(() => import('./door/DoorPage'));
const OrdersPage = lazy(() => import('./OrdersPage'));
const OrderDetailPage = lazy(() => import('./OrderDetailPage'));
const NewOrderPage = lazy(() => import('./NewOrderPage'));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A token whose only admin role is door_staff: the server refuses it everything but the door (API.md). */
const isDoorOnly = (claims: Claims | null): boolean => {
  const groups = claims?.groups ?? [];
  return groups.includes('door_staff') && !groups.includes('event_coordinator') && !groups.includes('super_admin');
};

export default function AdminApp() {
  const token = useAdminAuth((s) => s.token);
  const claims = useAdminAuth((s) => s.claims);
  const location = useLocation();
  const signedIn = !!token && !isExpired(claims);
  return (
    <div className="app admin">
      <AdminHeader signedIn={signedIn} />
      <main id="main">
        {!signedIn ? (
          <div className="narrow">
            {token && <Alert tone="warning">Your session has expired. Please sign in again.</Alert>}
            <LoginPanel scope="admin" title="Coordinator or door staff sign-in" returnTo={location.pathname} />
          </div>
        ) : (
          <Suspense fallback={<p role="status">Loading…</p>}>
            <Routes>
              <Route index element={<EventPicker />} />
              <Route path="events/:eventId" element={<EventLayout />}>
                <Route index element={<Navigate to="packages" replace />} />
                <Route path="packages" element={<PackageListPage />} />
                <Route path="packages/new" element={<PackageEditPage />} />
                <Route path="packages/:packageId" element={<PackageEditPage />} />
                <Route path="promo-codes" element={<PromoCodesPage />} />
                <Route path="sales" element={<SalesPage />} />
                <Route path="orders" element={<OrdersPage />} />
                <Route path="orders/new" element={<NewOrderPage />} />
                <Route path="orders/:purchaseId" element={<OrderDetailPage />} />
                <Route path="door" element={<DoorPage />} />
                <Route path="check-in" element={<Navigate to="../door" replace />} />
              </Route>
              <Route path="*" element={<Navigate to="/admin/" replace />} />
            </Routes>
          </Suspense>
        )}
      </main>
    </div>
  );
}

function AdminHeader({ signedIn }: { signedIn: boolean }) {
  const signOut = useAdminAuth((s) => s.signOut);
  const claims = useAdminAuth((s) => s.claims);
  const navigate = useNavigate();
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link to="/admin/" className="brand">
        <span className="logo" aria-hidden="true">
          ⚡
        </span>{' '}
        FundrBolt <span className="brand-sub">Tickets admin</span>
      </Link>
      {signedIn && (
        <div className="topbar-user">
          <span className="muted" title={claims?.sub}>
            {claims?.name ??
              claims?.preferred_username ??
              claims?.email ??
              (isDoorOnly(claims) ? 'Door staff' : 'Coordinator')}
          </span>
          <button
            className="btn btn-small"
            onClick={() => {
              signOut();
              navigate('/admin/');
            }}
          >
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}

function EventPicker() {
  const claims = useAdminAuth((s) => s.claims);
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const events = claims?.events ?? [];
  const superAdmin = claims?.groups?.includes('super_admin');
  const doorOnly = isDoorOnly(claims);
  const section = doorOnly ? 'door' : 'packages';
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (!UUID.test(typed.trim())) return setError('An event id is a UUID, like 3f2b…-…');
    navigate(`events/${typed.trim().toLowerCase()}/${section}`);
  };
  // Door staff of one event go straight to its door (the installed app starts here).
  if (doorOnly && events.length === 1) return <Navigate to={`events/${events[0]}/door`} replace />;
  return (
    <div className="narrow">
      <PageTitle>Choose an event</PageTitle>
      {events.length > 0 ? (
        <ul className="event-list">
          {events.map((id) => (
            <li key={id}>
              <Link className="card event-link" to={`events/${id}/${section}`}>
                <span>Event</span> <code>{id}</code>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        !superAdmin && (
          <Alert tone="warning">
            Your token lists no events to coordinate. Ask for a token with an <code>events</code> claim.
          </Alert>
        )
      )}
      {(superAdmin || events.length === 0) && (
        <form className="card form" onSubmit={open} noValidate>
          <label htmlFor="event-id">Event id</label>
          <input
            id="event-id"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? 'event-id-error' : undefined}
          />
          {error && (
            <p id="event-id-error" className="field-error">
              {error}
            </p>
          )}
          <button className="btn btn-primary" type="submit">
            Open event
          </button>
        </form>
      )}
    </div>
  );
}

function EventLayout() {
  const { eventId = '' } = useParams();
  const claims = useAdminAuth((s) => s.claims);
  const onDoor = useMatch('/admin/events/:eventId/door');
  if (!UUID.test(eventId))
    return <Alert action={<Link to="/admin/">Choose an event</Link>}>This address does not name a valid event.</Alert>;
  const allowed = claims?.groups?.includes('super_admin') || (claims?.events ?? []).includes(eventId);
  const doorOnly = isDoorOnly(claims);
  // Door staff see the door alone: every other section's endpoints answer them 403.
  if (doorOnly && !onDoor) return <Navigate to={`/admin/events/${eventId}/door`} replace />;
  return (
    <>
      {!doorOnly && (
        <nav className="tabs" aria-label="Event sections">
          <NavLink to="packages">Packages</NavLink>
          <NavLink to="promo-codes">Promo codes</NavLink>
          <NavLink to="sales">Live sales</NavLink>
          <NavLink to="orders">Orders</NavLink>
          <NavLink to="door">Door</NavLink>
          <a className="tab-aside" href={`/checkout/${eventId}`} target="_blank" rel="noreferrer">
            Donor page ↗
          </a>
        </nav>
      )}
      {!allowed && (
        <Alert tone="warning">Your token does not list this event; the server will probably refuse changes.</Alert>
      )}
      <Suspense fallback={<p role="status">Loading…</p>}>
        <Outlet />
      </Suspense>
    </>
  );
}
