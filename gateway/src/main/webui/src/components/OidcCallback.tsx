import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { completeOidcLogin } from '../lib/oidc';
import { Alert } from './Alert';

export function OidcCallback() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return; // the code can be exchanged once only (StrictMode runs effects twice)
    started.current = true;
    completeOidcLogin(location.search)
      .then((returnTo) => navigate(returnTo || '/admin/', { replace: true }))
      .catch((e: Error) => setError(e.message));
  }, [navigate]);
  return (
    <main className="narrow">
      {error ? <Alert action={<a href="/admin/">Back</a>}>{error}</Alert> : <p role="status">Signing you in…</p>}
    </main>
  );
}
