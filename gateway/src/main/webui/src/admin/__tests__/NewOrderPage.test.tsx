import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tablePurchase } from '../../test/fixtures';
import NewOrderPage from '../NewOrderPage';

const E = '11111111-1111-1111-1111-111111111111';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function Landed() {
  const location = useLocation();
  return <p data-testid="landed">{`${location.pathname} ${JSON.stringify(location.state)}`}</p>;
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/admin/events/${E}/orders/new`]}>
        <Routes>
          <Route path="/admin/events/:eventId/orders/new" element={<NewOrderPage />} />
          <Route path="/admin/events/:eventId/orders/:purchaseId" element={<Landed />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => vi.restoreAllMocks());

describe('new coordinator order', () => {
  it('checks the fields, then posts a complimentary order once per typed order and opens it', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (init?.method === 'POST')
        return json(tablePurchase({ id: 'p9', channel: 'admin', payment: 'complimentary' }), 201);
      expect(String(input)).toMatch(/\/packages$/);
      return json({ packages: [{ id: 'k1', name: 'VIP Table', price: 100, is_enabled: true, custom_options: [] }] });
    });
    renderPage();
    await screen.findByRole('option', { name: /VIP Table/ });
    await userEvent.click(screen.getByRole('button', { name: 'Create order' }));
    expect(screen.getByText('Choose a package')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Package'), 'k1');
    await userEvent.type(screen.getByLabelText('Buyer email'), 'not-an-email');
    await userEvent.type(screen.getByLabelText('Donor id'), '42');
    await userEvent.click(screen.getByRole('button', { name: 'Create order' }));
    expect(screen.getByText('Enter a valid email address, or leave empty')).toBeInTheDocument();
    expect(screen.getByText('A donor id is a UUID, or leave empty')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    await userEvent.clear(screen.getByLabelText('Buyer email'));
    await userEvent.type(screen.getByLabelText('Buyer email'), 'sponsor@example.org');
    await userEvent.clear(screen.getByLabelText('Donor id'));
    await userEvent.clear(screen.getByLabelText('Quantity'));
    await userEvent.type(screen.getByLabelText('Quantity'), '2');
    expect(screen.getByLabelText(/^Complimentary/)).toBeChecked();
    await userEvent.type(screen.getByLabelText('Buyer name'), ' Acme Corp ');
    await userEvent.type(screen.getByLabelText('Note'), 'Sponsor table');
    await userEvent.click(screen.getByRole('button', { name: 'Create order' }));

    await waitFor(() =>
      expect(screen.getByTestId('landed')).toHaveTextContent(`/admin/events/${E}/orders/p9 {"created":true}`),
    );
    const [url, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(String(url)).toBe(`/api/v1/admin/events/${E}/tickets/purchases`);
    expect(JSON.parse(String(init!.body))).toEqual({
      package_id: 'k1',
      quantity: 2,
      payment: 'complimentary',
      name: 'Acme Corp',
      email: 'sponsor@example.org',
      note: 'Sponsor table',
    });
    expect((init!.headers as Record<string, string>)['Idempotency-Key']).toBeTruthy();
  });

  it('sends a unit price only for an offline order', async () => {
    const fetchMock = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async (_input, init) =>
        init?.method === 'POST'
          ? json(tablePurchase({ id: 'p9' }), 201)
          : json({ packages: [{ id: 'k1', name: 'VIP Table', price: 100, is_enabled: true, custom_options: [] }] }),
      );
    renderPage();
    await screen.findByRole('option', { name: /VIP Table/ });
    await userEvent.selectOptions(screen.getByLabelText('Package'), 'k1');
    await userEvent.click(screen.getByLabelText(/^Paid offline/));
    await userEvent.type(screen.getByLabelText('Unit price (USD)'), '80.5');
    await userEvent.click(screen.getByRole('button', { name: 'Create order' }));
    await screen.findByTestId('landed');
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(String(init!.body))).toEqual({
      package_id: 'k1',
      quantity: 1,
      payment: 'offline',
      unit_price: 80.5,
    });
  });
});
