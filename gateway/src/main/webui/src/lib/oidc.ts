import { authStore, type Scope } from './auth';

/** `GET /config.json`, served by the gateway: OIDC settings, or null for paste-token login only. */
export interface AppConfig {
  oidc: { issuer: string; client_id: string; scope?: string } | null;
}

export async function loadConfig(): Promise<AppConfig> {
  try {
    const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) return { oidc: null };
    const body = await response.json();
    const oidc = body?.oidc;
    return { oidc: oidc && oidc.issuer && oidc.client_id ? oidc : null };
  } catch {
    return { oidc: null };
  }
}

const PENDING = 'fundrbolt.oidc.pending';
export const CALLBACK_PATH = '/admin/callback';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

async function discover(issuer: string) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error('The sign-in service could not be reached.');
  return (await response.json()) as { authorization_endpoint: string; token_endpoint: string };
}

/** Authorization code + PKCE as a public client: no secret, the verifier stays in this tab. */
export async function startOidcLogin(config: NonNullable<AppConfig['oidc']>, scope: Scope, returnTo: string) {
  const metadata = await discover(config.issuer);
  const verifier = randomString();
  const state = randomString();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const redirectUri = `${location.origin}${CALLBACK_PATH}`;
  sessionStorage.setItem(
    PENDING,
    JSON.stringify({
      verifier,
      state,
      scope,
      returnTo,
      redirectUri,
      tokenEndpoint: metadata.token_endpoint,
      clientId: config.client_id,
    }),
  );
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.client_id,
    redirect_uri: redirectUri,
    scope: config.scope ?? 'openid profile email',
    state,
    code_challenge: base64url(digest),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Finishes the redirect: exchanges the code, stores the access token, returns where to go next. */
export async function completeOidcLogin(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new Error('This sign-in link has already been used. Please sign in again.');
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error') ?? 'Sign-in failed.');
  if (params.get('state') !== pending.state)
    throw new Error('The sign-in response did not match this tab. Please sign in again.');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error('The sign-in service refused the login. Please try again.');
  const tokens = await response.json();
  authStore(pending.scope as Scope)
    .getState()
    .signIn(tokens.access_token);
  return pending.returnTo as string;
}
