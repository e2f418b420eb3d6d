/** Ticket QR codes as purchase-service makes them (compact JWS, ES256, `kid`, claims `tid`/`eid`), for tests. */
import type { Jwks } from '../admin/door/qr';

const encoder = new TextEncoder();

export function base64Url(bytes: Uint8Array | string): string {
  const raw = typeof bytes === 'string' ? encoder.encode(bytes) : bytes;
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export interface TicketSigner {
  jwks: Jwks;
  sign: (claims: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>;
}

/** A fresh ES256 key pair; `sign` makes a compact JWS with header `{alg: ES256, kid}`. */
export async function ticketSigner(kid = 'ticket-key-1'): Promise<TicketSigner> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwks: {
      keys: [{ kty: 'EC', crv: 'P-256', x: publicJwk.x, y: publicJwk.y, kid, use: 'sig', alg: 'ES256' }],
    },
    sign: async (claims, header = { alg: 'ES256', kid }) => {
      const input = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
      const signature = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        pair.privateKey,
        encoder.encode(input),
      );
      return `${input}.${base64Url(new Uint8Array(signature))}`;
    },
  };
}
