import { describe, expect, it } from 'vitest';
import { base64Url, ticketSigner } from '../../../test/signedTickets';
import { claimedTicketId, importSigningKeys, verifyTicketCode } from '../qr';

const EVENT = '11111111-1111-1111-1111-111111111111';
const OTHER = '22222222-2222-2222-2222-222222222222';
const TICKET = '33333333-3333-3333-3333-333333333333';

describe('offline QR verification', () => {
  it('accepts a code signed with a listed key for this event', async () => {
    const signer = await ticketSigner();
    const keys = await importSigningKeys(signer.jwks);
    const code = await signer.sign({ tid: TICKET, eid: EVENT });
    expect(await verifyTicketCode(code, keys, EVENT)).toEqual({ ok: true, ticketId: TICKET, eventId: EVENT });
    expect(await verifyTicketCode(`  ${code}\n`, keys, EVENT.toUpperCase())).toMatchObject({ ok: true });
    expect(claimedTicketId(code)).toBe(TICKET);
  });

  it('refuses a tampered code: another ticket id under the original signature', async () => {
    const signer = await ticketSigner();
    const keys = await importSigningKeys(signer.jwks);
    const [header, , signature] = (await signer.sign({ tid: TICKET, eid: EVENT })).split('.');
    const forged = `${header}.${base64Url(JSON.stringify({ tid: '44444444-4444-4444-4444-444444444444', eid: EVENT }))}.${signature}`;
    expect(await verifyTicketCode(forged, keys, EVENT)).toEqual({ ok: false, reason: 'bad_signature' });
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(await verifyTicketCode(`${header}.${forged.split('.')[1]}.${flipped}`, keys, EVENT)).toMatchObject({
      ok: false,
    });
  });

  it("refuses another event's ticket even when its signature is good", async () => {
    const signer = await ticketSigner();
    const keys = await importSigningKeys(signer.jwks);
    const code = await signer.sign({ tid: TICKET, eid: OTHER });
    expect(await verifyTicketCode(code, keys, EVENT)).toEqual({ ok: false, reason: 'other_event' });
  });

  it('refuses a key it does not know, another algorithm and what is no JWS at all', async () => {
    const ours = await ticketSigner('ours');
    const theirs = await ticketSigner('theirs');
    const keys = await importSigningKeys(ours.jwks);
    expect(await verifyTicketCode(await theirs.sign({ tid: TICKET, eid: EVENT }), keys, EVENT)).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
    // the right kid does not help a signature made with another key
    const wrongKey = await theirs.sign({ tid: TICKET, eid: EVENT }, { alg: 'ES256', kid: 'ours' });
    expect(await verifyTicketCode(wrongKey, keys, EVENT)).toEqual({ ok: false, reason: 'bad_signature' });
    const none = await ours.sign({ tid: TICKET, eid: EVENT }, { alg: 'none', kid: 'ours' });
    expect(await verifyTicketCode(none, keys, EVENT)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyTicketCode('EVT7K-000123', keys, EVENT)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyTicketCode('a.b!.c', keys, EVENT)).toEqual({ ok: false, reason: 'malformed' });
    expect(claimedTicketId('not a code')).toBeNull();
  });
});
