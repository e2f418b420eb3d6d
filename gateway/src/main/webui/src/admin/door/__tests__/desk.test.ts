import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type RequestOptions } from '../../../lib/api';
import { ticketSigner, type TicketSigner } from '../../../test/signedTickets';
import { DoorDesk } from '../desk';
import { DoorStore, type DoorListRow } from '../store';

const EVENT = '11111111-1111-1111-1111-111111111111';
const OTHER_EVENT = '99999999-9999-9999-9999-999999999999';
const base = `/api/v1/admin/events/${EVENT}/tickets`;
const ids = {
  ada: 'aaaaaaaa-0000-0000-0000-000000000001',
  bob: 'aaaaaaaa-0000-0000-0000-000000000002',
  cy: 'aaaaaaaa-0000-0000-0000-000000000003',
};
const row = (ticket_id: string, n: number, extra: Partial<DoorListRow> = {}): DoorListRow => ({
  ticket_id,
  ticket_number: `EVT7K-00000${n}`,
  package_id: 'k1',
  package_name: 'VIP Table',
  guest_name: null,
  status: 'valid',
  checked_in_at: null,
  ...extra,
});

type Handler = (path: string, options: RequestOptions) => unknown;

/** A stand-in for the gateway: routes by method and path; offline, every call fails like a dropped network. */
function fakeServer(routes: Record<string, Handler>) {
  const state = { online: true };
  const call = vi.fn(async (path: string, options: RequestOptions = {}) => {
    if (!state.online) throw new ApiError(0, { code: 'network_error' });
    const route = `${options.method ?? 'GET'} ${path.split('?')[0]}`;
    const handler = routes[route];
    if (!handler) throw new Error(`unexpected ${route}`);
    return handler(path, options);
  });
  return {
    state,
    call,
    calls: (route: string) => call.mock.calls.filter(([p, o]) => `${o?.method ?? 'GET'} ${p.split('?')[0]}` === route),
  };
}

let signer: TicketSigner;
let store: DoorStore;
let dbCount = 0;
let clock = Date.parse('2026-11-24T19:40:00.000Z');

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  signer ??= await ticketSigner('dev-ticket-1');
  store = await DoorStore.open(`door-test-${dbCount++}`);
  clock = Date.parse('2026-11-24T19:40:00.000Z');
});

function desk(server: ReturnType<typeof fakeServer>) {
  let nonce = 0;
  return new DoorDesk(
    EVENT,
    store,
    server.call as never,
    'door-device-1',
    () => server.state.online,
    () => new Date((clock += 1000)),
    () => `nonce-${++nonce}`,
  );
}

const code = (ticketId: string, eventId = EVENT) => signer.sign({ tid: ticketId, eid: eventId });

describe('door desk offline', () => {
  it('queues scans while offline, uploads them once when back online and reports the duplicate', async () => {
    const checkedInElsewhere = '2026-11-24T19:41:30.000Z';
    const server = fakeServer({
      'GET /api/v1/tickets/signing-keys': () => signer.jwks,
      [`GET ${base}/door-list`]: () => ({
        tickets: [
          row(ids.ada, 1, { guest_name: 'Ada' }),
          row(ids.bob, 2, { guest_name: 'Bob' }),
          row(ids.cy, 3, { status: 'cancelled' }),
        ],
        cursor: 'c1',
        more: false,
      }),
      [`POST ${base}/check-ins/batch`]: (_path, options) => {
        const body = options.body as { scans: { nonce: string; qr_code: string }[] };
        return {
          results: body.scans.map((s, i) =>
            i === 0
              ? { nonce: s.nonce, result: 'checked_in', ticket_id: ids.ada, checked_in_at: '2026-11-24T19:40:02.000Z' }
              : { nonce: s.nonce, result: 'already_checked_in', ticket_id: ids.bob, checked_in_at: checkedInElsewhere },
          ),
        };
      },
    });
    const door = desk(server);
    await door.refreshKeys();
    await door.syncDoorList();

    server.state.online = false;
    const ada = await code(ids.ada);
    expect(await door.checkIn(ada)).toMatchObject({
      kind: 'admitted',
      offline: true,
      ticketNumber: 'EVT7K-000001',
      guestName: 'Ada',
    });
    // the same guest again, still offline: this device remembers it let them in
    expect(await door.checkIn(ada)).toMatchObject({ kind: 'already_in', at: '2026-11-24T19:40:02.000Z' });
    expect(await door.checkIn(await code(ids.cy))).toMatchObject({ kind: 'cancelled', ticketNumber: 'EVT7K-000003' });
    expect(await door.checkIn(await code(ids.ada, OTHER_EVENT))).toEqual({ kind: 'not_this_event' });
    const tampered = ada.slice(0, -4) + (ada.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await door.checkIn(tampered)).toEqual({ kind: 'invalid' });
    const bob = await code(ids.bob);
    expect(await door.checkIn(bob)).toMatchObject({ kind: 'admitted', offline: true });
    expect(await door.pendingCount()).toBe(2);
    expect(server.calls(`POST ${base}/check-in`)).toHaveLength(0); // offline: nothing was sent

    server.state.online = true;
    // The `online` event and the retry timer may fire together: one upload goes out.
    const [first, second] = await Promise.all([door.upload(), door.upload()]);
    expect(first).toBe(second);
    const batches = server.calls(`POST ${base}/check-ins/batch`);
    expect(batches).toHaveLength(1);
    expect(batches[0][1]!.body).toEqual({
      device_id: 'door-device-1',
      scans: [
        { qr_code: ada, scanned_at: '2026-11-24T19:40:02.000Z', nonce: 'nonce-1' },
        { qr_code: bob, scanned_at: '2026-11-24T19:40:03.000Z', nonce: 'nonce-2' },
      ],
    });
    expect(first.map((o) => [o.ticket_number, o.result])).toEqual([
      ['EVT7K-000001', 'checked_in'],
      ['EVT7K-000002', 'already_checked_in'],
    ]);
    expect(await door.pendingCount()).toBe(0);
    expect(await door.upload()).toEqual([]);
    expect(server.calls(`POST ${base}/check-ins/batch`)).toHaveLength(1);
    const outcomes = await door.outcomes();
    expect(outcomes.find((o) => o.result === 'already_checked_in')).toMatchObject({
      ticket_number: 'EVT7K-000002',
      guest_name: 'Bob',
      checked_in_at: checkedInElsewhere,
    });
    // the door list now takes the server's word: Bob was in before this device's scan
    expect(await door.ticket(ids.bob)).toMatchObject({ checked_in_at: checkedInElsewhere, local_admitted_at: null });
  });

  it('keeps the scans when the answer is lost and sends the same nonces again', async () => {
    let attempts = 0;
    const server = fakeServer({
      'GET /api/v1/tickets/signing-keys': () => signer.jwks,
      [`POST ${base}/check-ins/batch`]: (_path, options) => {
        attempts++;
        if (attempts === 1) throw new ApiError(0, { code: 'network_error' });
        const body = options.body as { scans: { nonce: string }[] };
        return { results: body.scans.map((s) => ({ nonce: s.nonce, result: 'checked_in', ticket_id: ids.ada })) };
      },
    });
    const door = desk(server);
    await door.refreshKeys();
    server.state.online = false;
    // a ticket sold after the last sync is not in the list: its signature admits it
    expect(await door.checkIn(await code(ids.ada))).toMatchObject({ kind: 'admitted', offline: true });
    server.state.online = true;
    await expect(door.upload()).rejects.toMatchObject({ status: 0 });
    expect(await door.pendingCount()).toBe(1);
    await door.upload();
    const [failed, repeated] = server.calls(`POST ${base}/check-ins/batch`).map(([, o]) => o!.body);
    expect(repeated).toEqual(failed);
    expect(await door.pendingCount()).toBe(0);
  });

  it('uploads at most 500 scans a request', async () => {
    const server = fakeServer({
      [`POST ${base}/check-ins/batch`]: (_path, options) => ({
        results: (options.body as { scans: { nonce: string }[] }).scans.map((s) => ({
          nonce: s.nonce,
          result: 'checked_in',
        })),
      }),
    });
    const door = desk(server);
    for (let i = 0; i < 501; i++)
      await store.enqueue({
        nonce: `n${String(i).padStart(3, '0')}`,
        event_id: EVENT,
        qr_code: `code-${i}`,
        scanned_at: new Date(Date.UTC(2026, 10, 24, 19, 0, i % 60, i)).toISOString(),
        ticket_id: `t${i}`,
      });
    const outcomes = await door.upload();
    expect(outcomes).toHaveLength(501);
    expect(
      server.calls(`POST ${base}/check-ins/batch`).map(([, o]) => (o!.body as { scans: unknown[] }).scans.length),
    ).toEqual([500, 1]);
  });

  it('can check codes offline only after the signing keys were downloaded', async () => {
    const server = fakeServer({});
    server.state.online = false;
    expect(await desk(server).checkIn(await code(ids.ada))).toEqual({ kind: 'cannot_verify' });
  });

  it('undoes a queued offline admission on the device, and an online one on the server', async () => {
    const server = fakeServer({
      'GET /api/v1/tickets/signing-keys': () => signer.jwks,
      [`POST ${base}/check-in`]: () => ({
        id: ids.bob,
        ticket_number: 'EVT7K-000002',
        checked_in_at: '2026-11-24T19:42:00.000Z',
      }),
      [`DELETE ${base}/check-ins/${ids.bob}`]: () => undefined,
    });
    const door = desk(server);
    await door.refreshKeys();
    server.state.online = false;
    await door.checkIn(await code(ids.ada));
    expect(await door.undoTicket(ids.ada)).toEqual({ ok: true });
    expect(await door.pendingCount()).toBe(0);
    expect(await door.checkIn(await code(ids.ada))).toMatchObject({ kind: 'admitted', offline: true });

    server.state.online = true;
    expect(await door.checkIn(await code(ids.bob))).toMatchObject({
      kind: 'admitted',
      offline: false,
      ticketNumber: 'EVT7K-000002',
    });
    expect(await door.undoTicket(ids.bob)).toEqual({ ok: true });
    expect(String(server.calls(`DELETE ${base}/check-ins/${ids.bob}`)[0][0])).toBe(
      `${base}/check-ins/${ids.bob}?device_id=door-device-1`,
    );
    expect(await door.ticket(ids.bob)).toMatchObject({ checked_in_at: null });
  });
});

describe('door desk online', () => {
  it('checks in through the server with the device id and explains every refusal', async () => {
    const answers: Record<string, () => unknown> = {};
    const server = fakeServer({
      'GET /api/v1/tickets/signing-keys': () => signer.jwks,
      [`POST ${base}/check-in`]: (_path, options) => answers[(options.body as { qr_code: string }).qr_code](),
    });
    const door = desk(server);
    await door.refreshKeys();
    const [admitted, twice, cancelled, foreign, unreachable] = await Promise.all([
      code(ids.ada),
      code(ids.bob),
      code(ids.cy),
      code(ids.ada, OTHER_EVENT),
      code('aaaaaaaa-0000-0000-0000-000000000004'),
    ]);
    answers[admitted] = () => ({
      id: ids.ada,
      ticket_number: 'EVT7K-000001',
      guest_name: 'Ada',
      checked_in_at: '2026-11-24T19:42:00.000Z',
    });
    answers[twice] = () => {
      throw new ApiError(409, { code: 'already_checked_in', checked_in_at: '2026-11-24T19:30:00.000Z' });
    };
    answers[cancelled] = () => {
      throw new ApiError(409, { code: 'ticket_cancelled' });
    };
    answers[foreign] = () => {
      throw new ApiError(422, { code: 'invalid_ticket_code' });
    };
    answers[unreachable] = () => {
      throw new ApiError(0, { code: 'network_error' });
    };
    expect(await door.checkIn(admitted)).toMatchObject({
      kind: 'admitted',
      offline: false,
      guestName: 'Ada',
      at: '2026-11-24T19:42:00.000Z',
    });
    expect(server.calls(`POST ${base}/check-in`)[0][1]!.body).toEqual({
      qr_code: admitted,
      device_id: 'door-device-1',
    });
    expect(await door.checkIn(twice)).toMatchObject({ kind: 'already_in', at: '2026-11-24T19:30:00.000Z' });
    expect(await door.checkIn(cancelled)).toMatchObject({ kind: 'cancelled' });
    expect(await door.checkIn(foreign)).toEqual({ kind: 'not_this_event' });
    // the request failed on the way: the door goes on offline and queues the scan
    expect(await door.checkIn(unreachable)).toMatchObject({ kind: 'admitted', offline: true });
    expect(await door.pendingCount()).toBe(1);
  });

  it('syncs the door list page by page with the opaque cursor while the server says there is more', async () => {
    const pages: Record<string, { tickets: DoorListRow[]; cursor: string; more: boolean }> = {
      '': { tickets: [row(ids.ada, 1)], cursor: 'p1', more: true },
      p1: { tickets: [row(ids.bob, 2)], cursor: 'p2', more: false },
      p2: { tickets: [row(ids.ada, 1, { status: 'cancelled' })], cursor: 'p3', more: false },
    };
    const server = fakeServer({
      [`GET ${base}/door-list`]: (path) => pages[new URL(path, 'http://x').searchParams.get('cursor') ?? ''],
    });
    const door = desk(server);
    expect(await door.syncDoorList()).toBe(2);
    expect(server.call.mock.calls.map(([p]) => p)).toEqual([`${base}/door-list`, `${base}/door-list?cursor=p1`]);
    expect(await door.syncDoorList()).toBe(1); // the next sync asks only for changes since p2
    expect(await door.ticket(ids.ada)).toMatchObject({ status: 'cancelled' });
    expect((await door.listInfo()).tickets).toBe(2);
    expect(await door.search('000002')).toMatchObject([{ ticket_id: ids.bob }]);
  });
});
