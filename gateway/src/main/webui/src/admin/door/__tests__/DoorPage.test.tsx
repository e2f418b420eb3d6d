import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ticketSigner, type TicketSigner } from '../../../test/signedTickets';
import { CheckInCounter } from '../CheckInCounter';
import DoorPage from '../DoorPage';
import { ResultPanel } from '../ResultPanel';
import { counterText, describeOutcome, describeResult } from '../results';

const E = '11111111-1111-1111-1111-111111111111';
const base = `/api/v1/admin/events/${E}/tickets`;
const ADA = 'aaaaaaaa-0000-0000-0000-000000000001';
const BOB = 'aaaaaaaa-0000-0000-0000-000000000002';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
const local = (h: number, m: number) => new Date(2026, 10, 24, h, m).toISOString();
const evening = new Date(2026, 10, 24, 20, 0);

let signer: TicketSigner;
let online = true;

function setOnline(value: boolean) {
  online = value;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => value });
  act(() => {
    window.dispatchEvent(new Event(value ? 'online' : 'offline'));
  });
}

/** Pastes a code into the code field and presses Enter, as a handheld scanner does. */
async function enterCode(text: string) {
  await userEvent.click(screen.getByLabelText('Ticket code'));
  await userEvent.paste(text);
  await userEvent.keyboard('{Enter}');
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
  signer ??= await ticketSigner('dev-ticket-1');
  online = true;
});

afterEach(() => {
  vi.restoreAllMocks();
  delete (navigator as { onLine?: boolean }).onLine;
});

function renderDoor() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/admin/events/${E}/door`]}>
        <Routes>
          <Route path="/admin/events/:eventId/door" element={<DoorPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** The gateway as the door sees it; `routes` answer by "METHOD path" (the query string apart). */
function serve(routes: Record<string, (url: URL, body: unknown) => Response>) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    if (!online) throw new TypeError('Failed to fetch');
    const url = new URL(String(input), 'http://localhost');
    const route = `${init?.method ?? 'GET'} ${url.pathname}`;
    const handler = routes[route];
    if (!handler) throw new Error(`unexpected ${route}`);
    return handler(url, init?.body ? JSON.parse(String(init.body)) : undefined);
  });
}

const calls = (mock: ReturnType<typeof serve>, route: string) =>
  mock.mock.calls.filter(([input, init]) => `${init?.method ?? 'GET'} ${String(input).split('?')[0]}` === route);

const doorList = {
  tickets: [
    { ticket_id: ADA, ticket_number: 'EVT7K-000001', package_name: 'VIP Table', guest_name: 'Ada', status: 'valid' },
    { ticket_id: BOB, ticket_number: 'EVT7K-000002', package_name: 'VIP Table', guest_name: 'Bob', status: 'valid' },
  ],
  cursor: 'c1',
  more: false,
};
const summary = (checkedIn: number) => ({
  checked_in: checkedIn,
  total: 2,
  packages: [{ package_id: 'k1', name: 'VIP Table', checked_in: checkedIn, total: 2 }],
});

describe('the door verdict', () => {
  it('says admitted, already in at the time, cancelled or not a ticket of this event', () => {
    expect(
      describeResult({
        kind: 'admitted',
        ticketId: ADA,
        ticketNumber: 'EVT7K-000001',
        guestName: 'Ada',
        packageName: 'VIP Table',
        at: local(19, 40),
        offline: false,
      }),
    ).toEqual({ tone: 'success', title: 'Admitted', detail: 'Ada · Ticket EVT7K-000001 · VIP Table' });
    expect(describeResult({ kind: 'admitted', ticketId: ADA, at: local(19, 40), offline: true }).detail).toBe(
      'Saved on this device; it uploads when back online.',
    );
    expect(
      describeResult({ kind: 'already_in', ticketNumber: 'EVT7K-000001', at: local(19, 42) }, evening),
    ).toMatchObject({
      tone: 'warning',
      title: 'Already in at 19:42',
    });
    expect(describeResult({ kind: 'cancelled', ticketNumber: 'EVT7K-000003' })).toMatchObject({
      tone: 'error',
      title: 'Cancelled ticket',
      detail: expect.stringContaining('Do not admit'),
    });
    expect(describeResult({ kind: 'not_this_event' })).toMatchObject({
      tone: 'error',
      title: 'Not a ticket of this event',
    });
    expect(describeResult({ kind: 'invalid' }).title).toBe('Not a valid ticket');
    const outcome = {
      nonce: 'n',
      event_id: E,
      ticket_number: 'EVT7K-000002',
      guest_name: 'Bob',
      uploaded_at: local(20, 0),
    };
    expect(
      describeOutcome(
        { ...outcome, scanned_at: local(19, 50), result: 'already_checked_in', checked_in_at: local(19, 42) },
        evening,
      ),
    ).toEqual({
      tone: 'warning',
      title: 'Bob · EVT7K-000002: duplicate',
      detail: 'already in at 19:42, before this scan at 19:50',
    });
    expect(describeOutcome({ ...outcome, scanned_at: local(19, 50), result: 'cancelled' }, evening).title).toBe(
      'Bob · EVT7K-000002: cancelled ticket',
    );
  });

  it('offers Undo for an admission and shows that it was taken back', async () => {
    const onUndo = vi.fn();
    const admitted = {
      kind: 'admitted' as const,
      ticketId: ADA,
      ticketNumber: 'EVT7K-000001',
      at: local(19, 40),
      offline: false,
    };
    const view = render(<ResultPanel result={admitted} undo={{ kind: 'idle' }} onUndo={onUndo} />);
    await userEvent.click(screen.getByRole('button', { name: 'Undo this admission' }));
    expect(onUndo).toHaveBeenCalledOnce();
    view.rerender(<ResultPanel result={admitted} undo={{ kind: 'done' }} onUndo={onUndo} />);
    expect(screen.getByTestId('door-result')).toHaveTextContent('Undone');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    view.rerender(<ResultPanel result={{ kind: 'cancelled' }} undo={{ kind: 'idle' }} onUndo={onUndo} />);
    expect(screen.queryByRole('button', { name: 'Undo this admission' })).not.toBeInTheDocument();
  });
});

describe('the check-in counter', () => {
  it('shows "212 of 300 in" overall and per package, and what this device has not uploaded', () => {
    expect(counterText({ checked_in: 212, total: 300 })).toBe('212 of 300 in');
    render(
      <CheckInCounter
        summary={{
          checked_in: 212,
          total: 300,
          packages: [
            { package_id: 'k1', name: 'VIP Table', checked_in: 8, total: 10 },
            { package_id: 'k2', name: 'General', checked_in: 204, total: 290 },
          ],
        }}
        stale
        pendingOffline={2}
      />,
    );
    expect(screen.getByTestId('door-count')).toHaveTextContent('212 of 300 in');
    const [vip, general] = screen.getAllByTestId('door-package-count');
    expect(vip).toHaveTextContent('VIP Table8 of 10 in');
    expect(general).toHaveTextContent('General204 of 290 in');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Offline: last count from the server. 2 admitted on this device are not counted yet.',
    );
  });

  it('is asked again after every admission', async () => {
    let checkedIn = 0;
    const ada = await signer.sign({ tid: ADA, eid: E });
    const fetchMock = serve({
      'GET /api/v1/tickets/signing-keys': () => json(signer.jwks),
      [`GET ${base}/door-list`]: () => json(doorList),
      [`GET ${base}/check-in/summary`]: () => json(summary(checkedIn)),
      [`POST ${base}/check-in`]: () => {
        checkedIn = 1;
        return json({
          id: ADA,
          ticket_number: 'EVT7K-000001',
          guest_name: 'Ada',
          checked_in_at: local(19, 40),
          status: 'valid',
        });
      },
    });
    renderDoor();
    expect(await screen.findByTestId('door-count')).toHaveTextContent('0 of 2 in');
    await enterCode(ada);
    expect(await screen.findByText('Admitted')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('door-count')).toHaveTextContent('1 of 2 in'));
    expect(calls(fetchMock, `GET ${base}/check-in/summary`).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the door offline', () => {
  it('admits while offline, uploads once when back online and shows the duplicate', async () => {
    const [ada, bob] = await Promise.all([signer.sign({ tid: ADA, eid: E }), signer.sign({ tid: BOB, eid: E })]);
    const fetchMock = serve({
      'GET /api/v1/tickets/signing-keys': () => json(signer.jwks),
      [`GET ${base}/door-list`]: () => json(doorList),
      [`GET ${base}/check-in/summary`]: () => json(summary(0)),
      [`POST ${base}/check-ins/batch`]: (_url, body) => {
        const { scans } = body as { scans: { nonce: string; qr_code: string }[] };
        return json({
          results: scans.map((s) =>
            s.qr_code === ada
              ? { nonce: s.nonce, result: 'checked_in', ticket_id: ADA, checked_in_at: local(19, 45) }
              : { nonce: s.nonce, result: 'already_checked_in', ticket_id: BOB, checked_in_at: local(19, 42) },
          ),
        });
      },
    });
    renderDoor();
    await waitFor(() => expect(screen.getByTestId('door-list-info')).toHaveTextContent('2 tickets'));

    setOnline(false);
    expect(await screen.findByTestId('door-connection')).toHaveTextContent('Offline');
    await enterCode(ada);
    expect(await screen.findByText('Admitted')).toBeInTheDocument();
    expect(screen.getByTestId('door-result')).toHaveTextContent('Saved on this device');
    await enterCode(bob);
    await waitFor(() => expect(screen.getByTestId('door-pending')).toHaveTextContent('2 scans waiting to upload'));
    // the same ticket again is caught on the device itself
    await enterCode(ada);
    expect(await screen.findByText(/^Already in at/)).toBeInTheDocument();
    expect(calls(fetchMock, `POST ${base}/check-ins/batch`)).toHaveLength(0);

    setOnline(true);
    await waitFor(() =>
      expect(screen.getByTestId('door-pending')).toHaveTextContent('Every offline scan is uploaded.'),
    );
    const batches = calls(fetchMock, `POST ${base}/check-ins/batch`);
    expect(batches).toHaveLength(1);
    const sent = JSON.parse(String(batches[0][1]!.body));
    expect(sent.device_id).toBe(localStorage.getItem('fundrbolt.door.device_id'));
    expect(sent.scans.map((s: { qr_code: string }) => s.qr_code)).toEqual([ada, bob]);
    expect(new Set(sent.scans.map((s: { nonce: string }) => s.nonce)).size).toBe(2);
    const outcomes = screen.getAllByTestId('door-outcome');
    expect(outcomes.map((o) => o.dataset.result).sort()).toEqual(['already_checked_in', 'checked_in']);
    const duplicate = outcomes.find((o) => o.dataset.result === 'already_checked_in')!;
    expect(duplicate).toHaveTextContent('Bob · EVT7K-000002: duplicate');
    expect(screen.getByText('1 uploaded scan needs a look: see below.')).toBeInTheDocument();
  });
});

describe('finding a guest', () => {
  it('checks a guest in by hand with their ticket code, then undoes it', async () => {
    const ada = await signer.sign({ tid: ADA, eid: E });
    let checkedInAt: string | null = null;
    const fetchMock = serve({
      'GET /api/v1/tickets/signing-keys': () => json(signer.jwks),
      [`GET ${base}/door-list`]: () => json({ tickets: [], cursor: 'c0', more: false }),
      [`GET ${base}/check-in/summary`]: () => json(summary(checkedInAt ? 1 : 0)),
      [`GET ${base}/attendees`]: (url) =>
        json({
          attendees:
            url.searchParams.get('q') === 'ada'
              ? [
                  {
                    ticket_id: ADA,
                    ticket_number: 'EVT7K-000001',
                    package_name: 'VIP Table',
                    guest_name: 'Ada Lovelace',
                    status: 'valid',
                    checked_in_at: checkedInAt,
                    qr_code: ada,
                  },
                ]
              : [],
          page: 0,
          size: 20,
          total: 1,
        }),
      [`POST ${base}/check-in`]: () => {
        checkedInAt = local(19, 40);
        return json({ id: ADA, ticket_number: 'EVT7K-000001', guest_name: 'Ada Lovelace', checked_in_at: checkedInAt });
      },
      [`DELETE ${base}/check-ins/${ADA}`]: () => {
        checkedInAt = null;
        return new Response(null, { status: 204 });
      },
    });
    renderDoor();
    await userEvent.type(screen.getByRole('searchbox'), 'ada');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const row = await screen.findByTestId('attendee');
    expect(row).toHaveTextContent('Not in yet');
    await userEvent.click(within(row).getByRole('button', { name: 'Check in Ada Lovelace' }));
    expect(await screen.findByText('Admitted')).toBeInTheDocument();
    expect(JSON.parse(String(calls(fetchMock, `POST ${base}/check-in`)[0][1]!.body))).toMatchObject({ qr_code: ada });
    await waitFor(() => expect(screen.getByTestId('attendee')).toHaveTextContent('In since'));

    await userEvent.click(screen.getByRole('button', { name: 'Undo this admission' }));
    await waitFor(() => expect(screen.getByTestId('door-result')).toHaveTextContent('Undone'));
    expect(String(calls(fetchMock, `DELETE ${base}/check-ins/${ADA}`)[0][0])).toMatch(/\?device_id=door-/);
    await waitFor(() => expect(screen.getByTestId('attendee')).toHaveTextContent('Not in yet'));
  });

  it('searches the guest list when a ticket number is typed into the code field', async () => {
    const fetchMock = serve({
      'GET /api/v1/tickets/signing-keys': () => json(signer.jwks),
      [`GET ${base}/door-list`]: () => json({ tickets: [], cursor: 'c0', more: false }),
      [`GET ${base}/check-in/summary`]: () => json(summary(0)),
      [`GET ${base}/attendees`]: () => json({ attendees: [], page: 0, size: 20, total: 0 }),
    });
    renderDoor();
    await enterCode('EVT7K-000002');
    expect(await screen.findByText('No ticket matches “EVT7K-000002”.')).toBeInTheDocument();
    expect(screen.getByRole('searchbox')).toHaveValue('EVT7K-000002');
    expect(calls(fetchMock, `POST ${base}/check-in`)).toHaveLength(0);
  });
});
