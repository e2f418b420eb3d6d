import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDonorAuth } from '../../lib/auth';
import type { TicketPackage } from '../../lib/types';
import CheckoutApp from '../CheckoutApp';

const E = '22222222-2222-2222-2222-222222222222';
const list = `/api/v1/events/${E}/tickets/packages`;
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json', ...headers },
  });
const offer = (id: string, name: string, extra: Partial<TicketPackage> = {}): TicketPackage => ({
  id,
  event_id: E,
  name,
  description: null,
  price: 150,
  quantity_limit: null,
  available: null,
  display_order: 0,
  image_url: null,
  is_enabled: true,
  custom_options: [],
  sales_start_at: null,
  sales_end_at: null,
  min_per_order: 1,
  max_per_order: 100,
  visibility: 'public',
  price_tiers: [],
  on_sale: true,
  current_price: 150,
  ...extra,
});
// "Now" is Wednesday 2 December 2026, 12:00 UTC (the test runs in UTC, en-US).
const early = offer('k1', 'Open seat', {
  price_tiers: [{ label: 'Early bird', price: 100, ends_at: '2026-12-11T09:00:00.000Z' }],
  current_price: 100,
});
const friday = offer('k2', 'Friday seat', { sales_start_at: '2026-12-04T10:00:00.000Z', on_sale: false });
const past = offer('k3', 'Past seat', { sales_end_at: '2026-12-01T09:00:00.000Z', on_sale: false });
const pairs = offer('k4', 'Sponsor pair', { min_per_order: 2, max_per_order: 4, visibility: 'hidden' });

/** A donor token the UI can read (the server checks signatures; the screens only read the claims). */
const token = (() => {
  const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  return `${b64({ alg: 'none' })}.${b64({ sub: 'd1', groups: ['donor'], exp: Date.parse('2030-01-01') / 1000 })}.sig`;
})();

type Answer = (url: string, init?: RequestInit) => Response | undefined;
function renderShop(answer: Answer = () => undefined) {
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const custom = answer(url, init);
    if (custom) return custom;
    if (url === list) return json({ packages: [early, friday, past] });
    if (url === `${list}?code=VIP`) return json({ packages: [early, friday, past, pairs] });
    if (url.includes('/validate'))
      return json({ valid: true, code: 'VIP', discount_type: 'none', discount_value: 0, discount_amount: 0 });
    return json({}, 404);
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/checkout/${E}`]}>
        <Routes>
          <Route path="/checkout/:eventId/*" element={<CheckoutApp />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return fetchMock;
}
const card = (name: string) => screen.getAllByTestId('offer').find((o) => within(o).queryByText(name))!;
const applyCode = async (code: string) => {
  await userEvent.click(screen.getByRole('button', { name: 'I have a code' }));
  await userEvent.type(screen.getByLabelText('I have a code'), code);
  await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-02T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  useDonorAuth.getState().signOut();
});

describe('checkout: sales windows and early prices', () => {
  it('shows the early price with its end and the regular price struck, and why others cannot be bought', async () => {
    renderShop();
    await screen.findByText('Open seat');
    const open = card('Open seat');
    expect(within(open).getByTestId('price')).toHaveTextContent('$100.00Regular price $150.00Early bird · until');
    expect(within(open).getByTestId('price-tier')).toHaveTextContent('Early bird · until Dec 11, 2026, 9:00 AM');
    expect(within(open).getByRole('button', { name: 'Choose Open seat' })).toBeEnabled();

    const upcoming = within(card('Friday seat')).getByTestId('offer-action');
    expect(upcoming).toHaveTextContent('On sale Friday 10:00 AM');
    expect(upcoming).toBeDisabled();
    expect(upcoming).toHaveAccessibleName('Friday seat: On sale Friday 10:00 AM');
    const ended = within(card('Past seat')).getByTestId('offer-action');
    expect(ended).toHaveTextContent('Sales ended');
    expect(ended).toBeDisabled();
    // The hidden package is not listed without its code.
    expect(screen.queryByText('Sponsor pair')).not.toBeInTheDocument();
  });

  it('charges the early price at the order summary', async () => {
    renderShop();
    await userEvent.click(await screen.findByRole('button', { name: 'Choose Open seat' }));
    expect(screen.getByText('Tickets: 1 × $100.00')).toBeInTheDocument();
    expect(screen.getByTestId('order-total')).toHaveTextContent('$100.00');
  });
});

describe('checkout: a code that unlocks a hidden package', () => {
  it('asks the list again with the code and the donor token, then buys the revealed package with it', async () => {
    useDonorAuth.getState().signIn(token);
    let purchase: unknown;
    const fetchMock = renderShop((_url, init) => {
      if (init?.method !== 'POST') return undefined;
      purchase = JSON.parse(String(init.body));
      return json({ id: 'p1', event_id: E, package_id: 'k4', quantity: 2, tickets: [], total_price: 300 }, 201);
    });
    await screen.findByText('Open seat');
    await applyCode('vip');
    expect(await screen.findByText('Code VIP unlocked Sponsor pair.')).toBeInTheDocument();
    const call = fetchMock.mock.calls.find(([url]) => String(url) === `${list}?code=VIP`)!;
    expect(new Headers(call[1]!.headers).get('Authorization')).toBe(`Bearer ${token}`);
    expect(within(card('Sponsor pair')).getByText('Unlocked by your code')).toBeInTheDocument();
    expect(within(card('Sponsor pair')).getByText('2–4 per order')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Choose Sponsor pair' }));
    const promo = screen.getByLabelText(/Promo code/);
    expect(promo).toHaveValue('VIP');
    expect(promo).toHaveAttribute('readonly');
    expect(screen.getByLabelText('Quantity')).toHaveValue(2);
    expect(screen.getByRole('button', { name: 'One less' })).toBeDisabled();
    expect(screen.getByTestId('quantity-hint')).toHaveTextContent('2–4 per order.');
    for (let i = 0; i < 3; i++) await userEvent.click(screen.getByRole('button', { name: 'One more' }));
    expect(screen.getByLabelText('Quantity')).toHaveValue(4);
    expect(screen.getByRole('button', { name: 'One more' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'One less' }));
    await waitFor(() => expect(screen.getByText(/access code, no discount/)).toBeInTheDocument());
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    await waitFor(() =>
      expect(purchase).toEqual({ package_id: 'k4', quantity: 3, promo_code: 'VIP', option_responses: [] }),
    );
  });

  it('needs the donor signed in before it can use a code', async () => {
    const fetchMock = renderShop();
    await screen.findByText('Open seat');
    await applyCode('VIP');
    expect(await screen.findByText('Sign in to use the code VIP.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Sign in to use your code' })).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('?code='))).toBe(false);
  });

  it('says how long to wait when too many codes were tried, and keeps the public list', async () => {
    useDonorAuth.getState().signIn(token);
    renderShop((url) =>
      url.includes('?code=')
        ? json({ status: 429, code: 'rate_limited', title: 'Too many' }, 429, { 'Retry-After': '120' })
        : undefined,
    );
    await screen.findByText('Open seat');
    await applyCode('GUESS');
    expect(
      await screen.findByText(
        'Too many codes tried. Too many attempts in a short time. Please wait 120 seconds and try again.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('I have a code')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Open seat')).toBeInTheDocument();
  });
});

describe('checkout: the server refuses the purchase', () => {
  const refuse = (code: string, status: number) => (_url: string, init?: RequestInit) =>
    init?.method === 'POST' ? json({ status, code, title: code }, status) : undefined;

  it('explains not_on_sale and reads the list again', async () => {
    useDonorAuth.getState().signIn(token);
    const fetchMock = renderShop(refuse('not_on_sale', 409));
    await userEvent.click(await screen.findByRole('button', { name: 'Choose Open seat' }));
    const before = fetchMock.mock.calls.filter(([url]) => String(url) === list).length;
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This package is not on sale right now');
    await waitFor(() => expect(fetchMock.mock.calls.filter(([url]) => String(url) === list).length).toBe(before + 1));
  });

  it('explains invalid_quantity with the package’s limits', async () => {
    useDonorAuth.getState().signIn(token);
    renderShop((url, init) =>
      url === list
        ? json({ packages: [offer('k5', 'Pair', { min_per_order: 2, max_per_order: 2 })] })
        : refuse('invalid_quantity', 422)(url, init),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Choose Pair' }));
    expect(screen.getByTestId('quantity-hint')).toHaveTextContent('Sold in pairs.');
    await userEvent.click(screen.getByRole('button', { name: /^Buy/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This package is sold 2 per order. Please change the quantity.',
    );
  });
});
