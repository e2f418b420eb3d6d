/**
 * Offline check of a ticket's QR code (API.md, "Checkout": a compact JWS, ES256, header `kid`, claims `tid`
 * ticket id and `eid` event id), verified with WebCrypto against the JWKS of GET /api/v1/tickets/signing-keys.
 */

export interface SigningKey {
  kid?: string;
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  alg?: string;
  use?: string;
}

export interface Jwks {
  keys: SigningKey[];
}

export type QrCheck =
  | { ok: true; ticketId: string; eventId: string }
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'other_event' };

export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(base64UrlToBytes(part)));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The ticket id a code claims, read without any check (to find its door-list row); null when it is no JWS. */
export function claimedTicketId(code: string): string | null {
  const parts = code.trim().split('.');
  if (parts.length !== 3) return null;
  const tid = parseJson(parts[1])?.tid;
  return typeof tid === 'string' ? tid : null;
}

/** The event's public keys, imported once per JWKS: `kid` → verifying key. Keys other than EC P-256 are skipped. */
export async function importSigningKeys(jwks: Jwks): Promise<Map<string, CryptoKey>> {
  const keys = new Map<string, CryptoKey>();
  for (const jwk of jwks.keys ?? []) {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || (jwk.alg && jwk.alg !== 'ES256')) continue;
    try {
      // Only the key material: `use`/`alg`/`key_ops` of a foreign JWKS must not make WebCrypto refuse the import.
      const key = await crypto.subtle.importKey(
        'jwk',
        { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['verify'],
      );
      keys.set(jwk.kid ?? '', key);
    } catch {
      // a damaged key verifies nothing; the others still do
    }
  }
  return keys;
}

/**
 * Verifies a scanned code as purchase-service would: three base64url parts, header `alg` ES256 with a known `kid`,
 * a valid signature (JWS ES256 signatures are the raw 64-byte r‖s that WebCrypto expects) and `eid` = this event.
 */
export async function verifyTicketCode(code: string, keys: Map<string, CryptoKey>, eventId: string): Promise<QrCheck> {
  const parts = code.trim().split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const header = parseJson(parts[0]);
  const claims = parseJson(parts[1]);
  if (!header || !claims || header.alg !== 'ES256') return { ok: false, reason: 'malformed' };
  const key = keys.get(typeof header.kid === 'string' ? header.kid : '');
  if (!key) return { ok: false, reason: 'unknown_key' };
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64UrlToBytes(parts[2]);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (signature.length !== 64) return { ok: false, reason: 'bad_signature' };
  const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  const valid = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, signed);
  if (!valid) return { ok: false, reason: 'bad_signature' };
  const { tid, eid } = claims;
  if (typeof tid !== 'string' || typeof eid !== 'string') return { ok: false, reason: 'malformed' };
  if (eid.toLowerCase() !== eventId.toLowerCase()) return { ok: false, reason: 'other_event' };
  return { ok: true, ticketId: tid, eventId: eid };
}
