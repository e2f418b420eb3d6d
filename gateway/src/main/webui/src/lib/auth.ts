import { create } from 'zustand';

/** Claims of API.md that the UI reads; the token is verified by the server, never trusted here. */
export interface Claims {
  sub?: string;
  exp?: number;
  groups?: string[];
  events?: string[];
  name?: string;
  email?: string;
  preferred_username?: string;
}

export function decodeJwt(token: string): Claims | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

export const isExpired = (claims: Claims | null, now = Date.now()): boolean =>
  !!claims?.exp && claims.exp * 1000 <= now;

export type Scope = 'admin' | 'donor';

interface AuthState {
  token: string | null;
  claims: Claims | null;
  signIn: (token: string) => void;
  signOut: () => void;
}

const storageKey = (scope: Scope) => `fundrbolt.${scope}.token`;

function createAuthStore(scope: Scope) {
  const read = (): string | null => {
    try {
      return sessionStorage.getItem(storageKey(scope));
    } catch {
      return null;
    }
  };
  const initial = read();
  return create<AuthState>((set) => ({
    token: initial,
    claims: initial ? decodeJwt(initial) : null,
    signIn: (token) => {
      const clean = token.trim();
      sessionStorage.setItem(storageKey(scope), clean);
      set({ token: clean, claims: decodeJwt(clean) });
    },
    signOut: () => {
      sessionStorage.removeItem(storageKey(scope));
      set({ token: null, claims: null });
    },
  }));
}

/** Coordinator and donor sessions are kept apart so one browser tab can test both. */
export const useAdminAuth = createAuthStore('admin');
export const useDonorAuth = createAuthStore('donor');
export const authStore = (scope: Scope) => (scope === 'admin' ? useAdminAuth : useDonorAuth);
