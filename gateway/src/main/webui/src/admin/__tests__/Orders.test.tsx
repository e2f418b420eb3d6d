import type { ReactNode } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Purchase } from '../../lib/types';
import { seat, tablePurchase } from '../../test/fixtures';
import OrderDetailPage from '../OrderDetailPage';
import OrdersPage from '../OrdersPage';

const E = '11111111-1111-1111-1111-111111111111';
const base = `/api/v1/admin/events/${E}/tickets`;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const packages = { packages: [{ id: 'k1', name: 'VIP Table', price: 100, seats_per_package: 3 }] };

function renderAt(path: string, routes: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>{routes}</Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => vi.restoreAllMocks());

describe('orders page', () => {
  it('searches by what was typed and filters by status, listing buyer, amounts and origin', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      if (url.endsWith('/packages')) return json(packages);
      const cancelled = url.includes('status=cancelled');
      return json({
        purchases: [
          tablePurchase({
            status: cancelled ? 'cancelled' : 'active',
            channel: 'admin',
            payment: 'complimentary',
            refunded_amount: cancelled ? 33.33 : 0,
          }),
        ],
        page: 0,
        size: 25,
        total: 1,
      });
    });
    renderAt(`/admin/events/${E}/orders`, <Route path="/admin/events/:eventId/orders" element={<OrdersPage />} />);
    const row = await screen.findByTestId('order-row');
    expect(within(row).getByText('ada@example.org')).toBeInTheDocument();
    expect(within(row).getByText('Complimentary')).toBeInTheDocument();
    expect(within(row).getByText('Coordinator')).toBeInTheDocument();
    expect(await within(row).findByText('VIP Table')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Search orders'), ' EVT7K-000001 ');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'cancelled');
    await waitFor(() =>
      expect(String(fetchMock.mock.calls.at(-1)![0])).toBe(
        `${base}/purchases?page=0&size=25&q=EVT7K-000001&status=cancelled`,
      ),
    );
    expect(await screen.findByText('$33.33')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 1 · 1 order')).toBeInTheDocument();
  });
});

describe('order detail', () => {
  it('cancels the selected seat with its pro-rata refund, then shows the reloaded order', async () => {
    let order: Purchase = tablePurchase({
      tickets: [seat(1), seat(2, { checked_in_at: '2026-11-24T19:00:00.000Z' }), seat(3)],
      emails: [{ kind: 'purchase_confirmation', to: 'ada@example.org', status: 'sent', attempts: 1 }],
    });
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/packages')) return json(packages);
      if (init?.method === 'POST') {
        const cancellation = {
          id: 'c1',
          ticket_ids: ['t1'],
          packages_returned: 0,
          refund_amount: 33.33,
          kind: 'refund',
          reason: 'Ill',
          created_by: 'u1',
          created_at: '2026-11-25T10:00:00.000Z',
        };
        order = {
          ...order,
          refunded_amount: 33.33,
          tickets: order.tickets.map((t) => (t.id === 't1' ? { ...t, status: 'cancelled' } : t)),
          cancellations: [cancellation as never],
        };
        return json(cancellation, 201);
      }
      return json(order);
    });
    renderAt(
      `/admin/events/${E}/orders/p1`,
      <Route path="/admin/events/:eventId/orders/:purchaseId" element={<OrderDetailPage />} />,
    );
    expect(await screen.findByText('purchase confirmation')).toBeInTheDocument();
    expect(screen.getByLabelText('Select ticket EVT7K-000002')).toBeDisabled(); // checked in
    expect(screen.getByRole('button', { name: 'Cancel selected' })).toBeDisabled();

    await userEvent.click(screen.getByLabelText('Select ticket EVT7K-000001'));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel selected (1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel 1 ticket' });
    expect(within(dialog).getByLabelText('Refund (USD)')).toHaveValue('33.33');
    await userEvent.type(within(dialog).getByLabelText('Reason'), 'Ill');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm cancellation' }));

    expect(await screen.findByText('Cancelled 1 ticket; refund of $33.33 recorded.')).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe(`${base}/purchases/p1/cancellations`);
    expect(JSON.parse(String(post[1]!.body))).toEqual({ ticket_ids: ['t1'], reason: 'Ill' });
    expect((post[1]!.headers as Record<string, string>)['Idempotency-Key']).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('order-refunded')).toHaveTextContent('$33.33'));
    expect(screen.getByTestId('cancellation')).toHaveTextContent('EVT7K-000001');
    expect(screen.getByLabelText('Select ticket EVT7K-000001')).toBeDisabled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('resend ticket (order detail)', () => {
  const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify({ status, code, title: code }), {
      status,
      headers: { 'Content-Type': 'application/problem+json', ...headers },
    });
  /** The order's tickets: t1 goes to the buyer, t2 to its guest (whose last mail bounced), t3 is cancelled. */
  const order = (extra: Partial<Purchase> = {}): Purchase =>
    tablePurchase({
      tickets: [
        seat(1),
        seat(2, { guest_name: 'Grace', guest_email: 'grace@bad.example' }),
        seat(3, { status: 'cancelled' }),
      ],
      emails: [
        { kind: 'purchase_confirmation', to: 'ada@example.org', status: 'sent', attempts: 1 },
        { kind: 'guest_ticket', to: 'grace@bad.example', status: 'failed', attempts: 5, ticket_id: 't2' },
      ],
      ...extra,
    });
  const row = (n: number) =>
    screen.getAllByTestId('order-ticket').find((r) => within(r).queryByText(`EVT7K-00000${n}`))!;
  const openOrder = () =>
    renderAt(
      `/admin/events/${E}/orders/p1`,
      <Route path="/admin/events/:eventId/orders/:purchaseId" element={<OrderDetailPage />} />,
    );

  it('says where each seat goes, queues a resend and shows the reloaded emails with the resend entry', async () => {
    let current = order();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/packages')) return json(packages);
      if (init?.method === 'POST') {
        current = {
          ...current,
          emails: [
            ...current.emails!,
            { kind: 'resend', to: 'ada@example.org', status: 'queued', attempts: 0, ticket_id: 't1' },
          ],
        };
        return json({ status: 'queued' }, 202);
      }
      return json(current);
    });
    openOrder();
    await screen.findByText('purchase confirmation');
    const first = within(row(1)).getByRole('button', { name: 'Resend ticket' });
    expect(first).toHaveAccessibleDescription('Resend to ada@example.org');
    expect(within(row(2)).getByRole('button', { name: 'Resend ticket' })).toHaveAccessibleDescription(
      'Resend to grace@bad.example',
    );
    expect(within(row(3)).queryByRole('button', { name: 'Resend ticket' })).not.toBeInTheDocument(); // cancelled
    // A bounced mail is flagged on its seat and in the emails list.
    expect(within(row(2)).getByText('Last email failed')).toBeInTheDocument();
    expect(screen.getByText(/1 email could not be delivered/)).toBeInTheDocument();
    const bounced = screen.getAllByTestId('order-email').find((r) => r.dataset.status === 'failed')!;
    expect(bounced).toHaveClass('email-failed');
    expect(within(bounced).getByText('failed — not delivered')).toBeInTheDocument();

    await userEvent.click(first);
    expect(await within(row(1)).findByRole('status')).toHaveTextContent('Queued');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe(`${base}/t1/resend`);
    const resent = await screen.findByText('resend');
    const entry = resent.closest('tr')!;
    expect(entry).toHaveTextContent('ada@example.org');
    expect(entry).toHaveTextContent('queued');
    expect(entry).toHaveTextContent('EVT7K-000001');
  });

  it('explains the hourly limit in minutes from Retry-After', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/packages')) return json(packages);
      if (init?.method === 'POST') return problem(429, 'rate_limited', { 'Retry-After': '1500' });
      return json(order());
    });
    openOrder();
    await screen.findByText('purchase confirmation');
    await userEvent.click(within(row(1)).getByRole('button', { name: 'Resend ticket' }));
    expect(await within(row(1)).findByRole('alert')).toHaveTextContent(
      'Sent 5 times in the last hour — try again in 25 minutes.',
    );
    expect(within(row(1)).getByRole('status')).not.toHaveTextContent('Queued');
  });

  it('explains a ticket left without an address and reloads the order; offers nothing without one', async () => {
    let loads = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/packages')) return json(packages);
      if (init?.method === 'POST') return problem(422, 'no_email_address');
      loads += 1;
      // The buyer's address was removed since the page was opened.
      return json(order(loads === 1 ? {} : { email: null }));
    });
    openOrder();
    await screen.findByText('purchase confirmation');
    await userEvent.click(within(row(1)).getByRole('button', { name: 'Resend ticket' }));
    expect(await within(row(1)).findByRole('alert')).toHaveTextContent(
      'No email address for this ticket: the order has no email and the seat no guest email.',
    );
    await waitFor(() => expect(within(row(1)).getByRole('button', { name: 'Resend ticket' })).toBeDisabled());
    expect(within(row(1)).getByRole('button', { name: 'Resend ticket' })).toHaveAccessibleDescription(
      'No email address to resend to.',
    );
    expect(within(row(2)).getByRole('button', { name: 'Resend ticket' })).toBeEnabled(); // its guest has one
  });
});
