import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { act, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAdminAuth } from '../../lib/auth';
import AdminApp from '../AdminApp';

const E = '11111111-1111-1111-1111-111111111111';
const token = (groups: string[]) => {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
  return `${part({ alg: 'RS256' })}.${part({ sub: 'u1', groups, events: [E], exp: 4_102_444_800 })}.sig`;
};

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/admin/*" element={<AdminApp />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    const body = url.includes('/door-list')
      ? { tickets: [], cursor: 'c', more: false }
      : url.includes('/check-in/summary')
        ? { checked_in: 0, total: 0, packages: [] }
        : { keys: [] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  act(() => useAdminAuth.getState().signOut());
});

describe('door staff in the admin app', () => {
  it('go straight to the door of their one event and see no other section', async () => {
    useAdminAuth.getState().signIn(token(['door_staff']));
    renderAt('/admin/');
    expect(await screen.findByRole('heading', { name: 'Door' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Event sections' })).not.toBeInTheDocument();
    expect(screen.getByText('Door staff')).toBeInTheDocument();
  });

  it('are sent to the door from any other section', async () => {
    useAdminAuth.getState().signIn(token(['door_staff']));
    renderAt(`/admin/events/${E}/orders`);
    expect(await screen.findByRole('heading', { name: 'Door' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Orders' })).not.toBeInTheDocument();
  });

  it('while a coordinator who is also door staff keeps every section and a Door tab', async () => {
    useAdminAuth.getState().signIn(token(['event_coordinator', 'door_staff']));
    renderAt(`/admin/events/${E}/door`);
    expect(await screen.findByRole('heading', { name: 'Door' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Event sections' });
    expect(nav).toHaveTextContent('PackagesPromo codesLive salesOrdersDoor');
  });
});
