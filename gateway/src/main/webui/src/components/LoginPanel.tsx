import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { authStore, decodeJwt, isExpired, type Scope } from '../lib/auth';
import { loadConfig, startOidcLogin } from '../lib/oidc';

/** Sign-in: OIDC (when /config.json names a provider) or pasting a token minted by the local stack. */
export function LoginPanel({
  scope,
  title,
  returnTo,
  onSignedIn,
  focusOnMount,
}: {
  scope: Scope;
  title: string;
  returnTo: string;
  onSignedIn?: () => void;
  focusOnMount?: boolean;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);
  const signIn = authStore(scope)((s) => s.signIn);
  const config = useQuery({ queryKey: ['config'], queryFn: loadConfig, staleTime: Infinity });
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const claims = decodeJwt(token);
    if (!claims)
      return setError('This does not look like a token. Paste the whole JWT (three parts separated by dots).');
    if (isExpired(claims)) return setError('This token has expired. Create a new one and paste it again.');
    setError(null);
    signIn(token);
    onSignedIn?.();
  };

  const oidc = config.data?.oidc;
  return (
    <section className="login card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {oidc && (
        <>
          <button
            type="button"
            className="btn btn-primary btn-block"
            onClick={() => startOidcLogin(oidc, scope, returnTo).catch((e) => setError(e.message))}
          >
            Sign in with FundrBolt
          </button>
          <p className="divider">
            <span>or paste a token</span>
          </p>
        </>
      )}
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-token`}>Access token</label>
        <textarea
          id={`${id}-token`}
          rows={4}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          spellCheck={false}
          autoComplete="off"
          placeholder="eyJhbGciOi…"
        />
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="hint">
            On the local stack: <code>deploy/local/stack token --sub … --roles …</code>. The token stays in this browser
            tab only.
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={!token.trim()}>
          Sign in
        </button>
      </form>
    </section>
  );
}
