import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Purchase, TicketPackage } from '../../lib/types';
import { seat, tablePurchase } from '../../test/fixtures';
import { PurchaseTickets } from '../TicketsView';

const pkg = { id: 'k1', name: 'VIP Table', seats_per_package: 3, fair_market_value: 30 } as TicketPackage;
const png = () => new Response(new Blob(['png']), { status: 200, headers: { 'Content-Type': 'image/png' } });

afterEach(() => vi.restoreAllMocks());

describe('donor purchase', () => {
  it('gives a seat back, then shows it cancelled with the new deductible amount', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:qr');
    URL.revokeObjectURL = vi.fn();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (init?.method === 'POST')
        return new Response(
          JSON.stringify({ id: 'c1', ticket_ids: ['t2'], packages_returned: 0, refund_amount: 0, kind: 'release' }),
          { status: 201, headers: { 'Content-Type': 'application/json' } },
        );
      expect(String(input)).toMatch(/\/qr\.png$/);
      return png();
    });
    let purchase: Purchase = tablePurchase({ donation_amount: 50, total_price: 150, tax_deductible_amount: 120 });
    const onChanged = vi.fn(async () => {
      purchase = {
        ...purchase,
        tax_deductible_amount: 130,
        tickets: purchase.tickets.map((t) => (t.id === 't2' ? { ...t, status: 'cancelled' as const } : t)),
      };
      view.rerender(
        <MemoryRouter>
          <PurchaseTickets purchase={purchase} pkg={pkg} onChanged={onChanged} />
        </MemoryRouter>,
      );
    });
    const view = render(
      <MemoryRouter>
        <PurchaseTickets purchase={purchase} pkg={pkg} onChanged={onChanged} />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('tax-deductible')).toHaveTextContent('$120.00');
    expect(screen.getByText(/including your gift of \$50\.00/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Give seats back' }));
    const dialog = screen.getByRole('dialog', { name: 'Give seats back' });
    await userEvent.click(within(dialog).getByLabelText(/EVT7K-000002/));
    expect(within(dialog).getByTestId('release-effect')).toHaveTextContent('rises from $120.00 to $130.00');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Give 1 seat back' }));

    expect(await screen.findByText(/1 seat was given back to the charity/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('tax-deductible')).toHaveTextContent('$130.00'));
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe('/api/v1/me/tickets/purchases/p1/release');
    expect(JSON.parse(String(post[1]!.body))).toEqual({ ticket_ids: ['t2'] });
    const cancelled = screen.getAllByTestId('ticket')[1];
    expect(within(cancelled).getByTestId('ticket-status')).toHaveTextContent('Cancelled');
    expect(within(cancelled).queryByLabelText('Guest name')).not.toBeInTheDocument();
    // qr.png of a cancelled seat answers 410: it is never asked for after the release.
    const qrCalls = fetchMock.mock.calls.filter(([url]) => String(url).includes('/qr.png')).map(([url]) => String(url));
    expect(qrCalls.filter((u) => u.includes('/t2/')).length).toBe(1);
  });

  it('shows a cancelled purchase without QR codes or a give-back button', () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    render(
      <MemoryRouter>
        <PurchaseTickets
          purchase={tablePurchase({ status: 'cancelled', tickets: [seat(1, { status: 'cancelled' })] })}
          pkg={pkg}
          onChanged={vi.fn()}
        />
      </MemoryRouter>,
    );
    expect(screen.getByText('Cancelled', { selector: '.badge-danger:not([data-testid])' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Give seats back' })).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('donor resends a ticket', () => {
  const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify({ status, code, title: code }), {
      status,
      headers: { 'Content-Type': 'application/problem+json', ...headers },
    });
  const ticket = (n: number) => screen.getAllByTestId('ticket')[n - 1];
  /** fetch answering qr.png, the guest PATCH and the resend with `resent`. */
  const mockFetch = (resent: () => Response) => {
    URL.createObjectURL = vi.fn(() => 'blob:qr');
    URL.revokeObjectURL = vi.fn();
    return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (init?.method === 'POST') return resent();
      if (init?.method === 'PATCH')
        return new Response(init.body as string, { status: 200, headers: { 'Content-Type': 'application/json' } });
      expect(String(input)).toMatch(/\/qr\.png$/);
      return new Response('png', { status: 200, headers: { 'Content-Type': 'image/png' } });
    });
  };
  const show = (purchase: Purchase, onChanged = vi.fn(async () => {})) => {
    render(
      <MemoryRouter>
        <PurchaseTickets purchase={purchase} pkg={pkg} onChanged={onChanged} />
      </MemoryRouter>,
    );
    return onChanged;
  };

  it('says where each ticket goes, follows a newly saved guest email and shows "Queued"', async () => {
    const fetchMock = mockFetch(
      () =>
        new Response(JSON.stringify({ status: 'queued' }), {
          status: 202,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    show(tablePurchase({ tickets: [seat(1), seat(2), seat(3, { status: 'cancelled' })] }));
    const first = within(ticket(1)).getByRole('button', { name: 'Resend' });
    expect(first).toHaveAccessibleDescription('Resend to ada@example.org');
    const cancelled = within(ticket(3)).getByRole('button', { name: 'Resend' });
    expect(cancelled).toBeDisabled();
    expect(cancelled).toHaveAccessibleDescription('Cancelled tickets cannot be resent.');

    await userEvent.type(within(ticket(2)).getByLabelText('Guest name'), 'Grace');
    await userEvent.type(within(ticket(2)).getByLabelText(/Guest email/), 'grace@example.org');
    await userEvent.click(within(ticket(2)).getByRole('button', { name: 'Save guest' }));
    await waitFor(() =>
      expect(within(ticket(2)).getByRole('button', { name: 'Resend' })).toHaveAccessibleDescription(
        'Resend to grace@example.org',
      ),
    );

    await userEvent.click(first);
    await waitFor(() => expect(within(ticket(1)).getByText('Queued')).toBeInTheDocument());
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(String(post[0])).toBe('/api/v1/me/tickets/t1/resend');
  });

  it('explains the hourly limit in minutes from Retry-After', async () => {
    mockFetch(() => problem(429, 'rate_limited', { 'Retry-After': '45' }));
    const onChanged = show(tablePurchase());
    await userEvent.click(within(ticket(1)).getByRole('button', { name: 'Resend' }));
    expect(await within(ticket(1)).findByRole('alert')).toHaveTextContent(
      'Sent 5 times in the last hour — try again in 1 minute.',
    );
    expect(within(ticket(1)).queryByText('Queued')).not.toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('asks for a guest email when the ticket has no address, and reloads the purchase', async () => {
    mockFetch(() => problem(422, 'no_email_address'));
    const onChanged = show(tablePurchase());
    await userEvent.click(within(ticket(2)).getByRole('button', { name: 'Resend' }));
    expect(await within(ticket(2)).findByRole('alert')).toHaveTextContent(
      'We have no email address for this ticket. Add a guest email to the seat, then resend it.',
    );
    expect(onChanged).toHaveBeenCalled();
  });

  it('offers no resend without any address', async () => {
    mockFetch(() => problem(500, 'unexpected'));
    show(tablePurchase({ email: null, tickets: [seat(1)] }));
    await screen.findByRole('img', { name: 'QR code of ticket EVT7K-000001' });
    const button = within(ticket(1)).getByRole('button', { name: 'Resend' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('No email address yet — add a guest email to resend.');
  });
});
