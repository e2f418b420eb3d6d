import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PromoCode, TicketPackage } from '../../lib/types';
import PromoCodesPage from '../PromoCodesPage';

const E = '11111111-1111-1111-1111-111111111111';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const seat = { id: 'k1', name: 'Gala seat', visibility: 'public' } as TicketPackage;
const sponsor = { id: 'k2', name: 'Sponsor table', visibility: 'hidden' } as TicketPackage;
const vip: PromoCode = {
  id: 'c1',
  event_id: E,
  code: 'VIP',
  discount_type: 'none',
  discount_value: 0,
  max_total_uses: null,
  max_uses_per_donor: null,
  current_uses: 0,
  valid_from: null,
  expires_at: null,
  is_active: true,
  package_ids: [],
  unlocks_package_ids: ['k2'],
  version: 1,
};

function renderPage(packages: TicketPackage[], promos: PromoCode[]) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (method !== 'GET') {
      sent.push({ method, url, body: JSON.parse(String(init!.body)) });
      return json({ ...vip, id: 'c2' }, 201);
    }
    return url.endsWith('/tickets/packages') ? json({ packages }) : json({ promo_codes: promos });
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/admin/events/${E}/promo-codes`]}>
        <Routes>
          <Route path="/admin/events/:eventId/promo-codes" element={<PromoCodesPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return sent;
}

afterEach(() => vi.restoreAllMocks());

describe('promo codes: access codes that unlock packages', () => {
  it('lists what a code unlocks and that it discounts nothing', async () => {
    renderPage([seat, sponsor], [vip]);
    const row = await screen.findByTestId('promo-row');
    expect(within(row).getByText('No discount (access only)')).toBeInTheDocument();
    await waitFor(() => expect(within(row).getByTestId('promo-unlocks')).toHaveTextContent('Sponsor table'));
  });

  it('creates an access-only code: no discount field, value 0, the ticked packages unlocked', async () => {
    const sent = renderPage([seat, sponsor], []);
    await userEvent.click(await screen.findByRole('button', { name: 'New promo code' }));
    await userEvent.type(screen.getByLabelText('Code'), 'sponsors');
    expect(screen.getByLabelText('Discount (%)')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Discount type'), 'none');
    expect(screen.queryByLabelText(/^Discount \(/)).not.toBeInTheDocument();
    const unlocks = screen.getByRole('group', { name: 'Unlocks packages' });
    expect(within(unlocks).getByText('Hidden')).toBeInTheDocument();
    await userEvent.click(within(unlocks).getByLabelText(/Sponsor table/));
    await userEvent.click(screen.getByRole('button', { name: 'Create code' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].body).toMatchObject({
      code: 'SPONSORS',
      discount_type: 'none',
      discount_value: 0,
      package_ids: [],
      unlocks_package_ids: ['k2'],
    });
  });

  it('sends the unlocks as a list even when the event has a single package', async () => {
    const sent = renderPage([sponsor], []);
    await userEvent.click(await screen.findByRole('button', { name: 'New promo code' }));
    await userEvent.type(screen.getByLabelText('Code'), 'sponsors');
    await userEvent.selectOptions(screen.getByLabelText('Discount type'), 'none');
    await userEvent.click(within(screen.getByRole('group', { name: 'Unlocks packages' })).getByLabelText(/Sponsor/));
    await userEvent.click(screen.getByRole('button', { name: 'Create code' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect((sent[0].body as Record<string, unknown>).unlocks_package_ids).toEqual(['k2']);
  });

  it('changes only the unlocks of an existing code', async () => {
    const sent = renderPage([seat, sponsor], [vip]);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit VIP' }));
    const unlocks = screen.getByRole('group', { name: 'Unlocks packages' });
    await waitFor(() => expect(within(unlocks).getByLabelText(/Sponsor table/)).toBeChecked());
    await userEvent.click(within(unlocks).getByLabelText(/Gala seat/));
    await userEvent.click(screen.getByRole('button', { name: 'Save code' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ method: 'PATCH', body: { unlocks_package_ids: ['k1', 'k2'] } });
  });
});
