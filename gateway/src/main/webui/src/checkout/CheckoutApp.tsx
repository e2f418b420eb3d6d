import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../lib/api';
import { isExpired, useDonorAuth } from '../lib/auth';
import { formatMoney } from '../lib/format';
import { explain } from '../lib/messages';
import type { Purchase, TicketPackage } from '../lib/types';
import { Alert } from '../components/Alert';
import { LoginPanel } from '../components/LoginPanel';
import { PageTitle } from '../components/PageTitle';
import { OptionQuestions } from './OptionQuestions';
import { PromoField } from './PromoField';
import { TicketsView } from './TicketsView';
import { toOptionResponses, validateAnswers, type Answers } from './answers';
import { usePromoValidation } from './usePromoValidation';

const PROMO_CODES = new Set([
  'promo_code_not_found',
  'promo_code_expired',
  'promo_code_exhausted',
  'promo_code_not_applicable',
]);

export default function CheckoutApp() {
  const { eventId = '' } = useParams();
  const queryClient = useQueryClient();
  const key = ['public', eventId, 'packages'];
  const packages = useQuery({
    queryKey: key,
    queryFn: () =>
      api<{ packages: TicketPackage[] }>(`/api/v1/events/${eventId}/tickets/packages`).then((r) => r.packages),
  });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [purchase, setPurchase] = useState<Purchase | null>(null);
  const selected = packages.data?.find((p) => p.id === selectedId) ?? null;

  return (
    <div className="app checkout">
      <header className="topbar">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <span className="brand">
          <span className="logo" aria-hidden="true">
            ⚡
          </span>{' '}
          FundrBolt <span className="brand-sub">Tickets</span>
        </span>
        <DonorBadge />
      </header>
      <main id="main" className="narrow">
        {purchase ? (
          <TicketsView
            purchase={purchase}
            pkg={packages.data?.find((p) => p.id === purchase.package_id)}
            onBuyMore={() => {
              setPurchase(null);
              setSelectedId(null);
            }}
          />
        ) : selected ? (
          <BuyPanel
            key={selected.id}
            eventId={eventId}
            pkg={selected}
            onBack={() => setSelectedId(null)}
            onBought={(p) => {
              setPurchase(p);
              queryClient.invalidateQueries({ queryKey: key });
            }}
            onSoldOut={() => queryClient.invalidateQueries({ queryKey: key })}
          />
        ) : (
          <>
            <PageTitle>Get your tickets</PageTitle>
            {packages.isPending && <p role="status">Loading tickets…</p>}
            {packages.isError && (
              <Alert
                action={
                  <button className="btn" onClick={() => packages.refetch()}>
                    Try again
                  </button>
                }
              >
                {explain(packages.error)}
              </Alert>
            )}
            {packages.data?.length === 0 && (
              <p className="card empty">No tickets are on sale for this event right now.</p>
            )}
            <ul className="offer-list">
              {packages.data?.map((p) => {
                const soldOut = p.available === 0;
                return (
                  <li key={p.id} className={`offer card ${soldOut ? 'sold-out' : ''}`} data-testid="offer">
                    {p.image_url && <img src={p.image_url} alt="" className="offer-image" loading="lazy" />}
                    <div className="offer-body">
                      <h2>{p.name}</h2>
                      {p.description && <p className="muted">{p.description}</p>}
                      <p className="offer-meta">
                        <strong>{formatMoney(p.price)}</strong>
                        {(p.seats_per_package ?? 1) > 1 && <span> · table of {p.seats_per_package}</span>}
                        <span
                          className={
                            soldOut ? 'badge' : p.available !== null && p.available <= 10 ? 'badge badge-warn' : 'muted'
                          }
                        >
                          {soldOut ? 'Sold out' : p.available === null ? 'Available' : `${p.available} left`}
                        </span>
                      </p>
                      <button
                        className="btn btn-primary btn-block"
                        disabled={soldOut}
                        onClick={() => setSelectedId(p.id)}
                        aria-label={soldOut ? `${p.name} is sold out` : `Choose ${p.name}`}
                      >
                        {soldOut ? 'Sold out' : 'Choose'}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </main>
    </div>
  );
}

function DonorBadge() {
  const claims = useDonorAuth((s) => s.claims);
  const signOut = useDonorAuth((s) => s.signOut);
  if (!claims) return null;
  return (
    <div className="topbar-user">
      <span className="muted">{claims.name ?? claims.email ?? 'Signed in'}</span>
      <button className="btn btn-small" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}

function BuyPanel({
  eventId,
  pkg,
  onBack,
  onBought,
  onSoldOut,
}: {
  eventId: string;
  pkg: TicketPackage;
  onBack: () => void;
  onBought: (p: Purchase) => void;
  onSoldOut: () => void;
}) {
  const token = useDonorAuth((s) => s.token);
  const claims = useDonorAuth((s) => s.claims);
  const signOut = useDonorAuth((s) => s.signOut);
  const signedIn = !!token && !isExpired(claims);
  const maxQuantity = Math.max(1, Math.min(100, pkg.available ?? 100));
  const [quantity, setQuantity] = useState(1);
  const [answers, setAnswers] = useState<Answers>({});
  const [answerErrors, setAnswerErrors] = useState<Record<string, string>>({});
  const [promo, setPromo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [buying, setBuying] = useState(false);
  const [askSignIn, setAskSignIn] = useState(false);
  const pendingBuy = useRef(false);
  // One key per purchase attempt: a retry of the same order (after a network error) reuses it, so it cannot buy twice.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const promoState = usePromoValidation(eventId, promo, pkg.id, quantity, signedIn ? token : null);
  const options = pkg.custom_options ?? [];

  const unit = Number(pkg.price);
  const base = unit * quantity;
  const discount =
    promoState.status === 'valid' && promoState.result.discount_amount !== undefined
      ? Number(promoState.result.discount_amount)
      : 0;

  const buy = async () => {
    setError(null);
    const found = validateAnswers(options, answers);
    setAnswerErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`q-${Object.keys(found)[0]}`)?.focus();
      return setError('Please answer the highlighted questions.');
    }
    if (promoState.status === 'invalid')
      return setError(`Promo code: ${promoState.message} Remove it or fix it to continue.`);
    if (!signedIn) {
      pendingBuy.current = true;
      return setAskSignIn(true);
    }
    const body = {
      package_id: pkg.id,
      quantity,
      ...(promo.trim() ? { promo_code: promo.trim().toUpperCase() } : {}),
      option_responses: toOptionResponses(options, answers),
    };
    const bodyText = JSON.stringify(body);
    if (!attempt.current || attempt.current.body !== bodyText)
      attempt.current = { body: bodyText, key: crypto.randomUUID() };
    setBuying(true);
    try {
      const purchase = await api<Purchase>(`/api/v1/events/${eventId}/tickets/purchase`, {
        method: 'POST',
        token,
        body,
        headers: { 'Idempotency-Key': attempt.current.key },
      });
      attempt.current = null;
      onBought(purchase);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        signOut();
        pendingBuy.current = true;
        setAskSignIn(true);
      }
      if (err instanceof ApiError && err.code === 'sold_out') onSoldOut();
      if (err instanceof ApiError && err.code === 'invalid_option_response' && err.errors.length) {
        setError(`Please check your answers: ${err.errors.map((e) => e.message).join('; ')}`);
      } else {
        setError(PROMO_CODES.has((err as ApiError).code) ? `Promo code: ${explain(err)}` : explain(err));
      }
    } finally {
      setBuying(false);
    }
  };

  // After signing in from the Buy button, carry on with the purchase the donor asked for.
  useEffect(() => {
    if (signedIn && pendingBuy.current) {
      pendingBuy.current = false;
      setAskSignIn(false);
      buy();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn]);

  return (
    <div className="stack">
      <button type="button" className="back link" onClick={onBack}>
        ← All tickets
      </button>
      <PageTitle title={pkg.name}>{pkg.name}</PageTitle>
      {pkg.image_url && <img src={pkg.image_url} alt="" className="hero-image" />}
      {pkg.description && <p>{pkg.description}</p>}
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          buy();
        }}
        noValidate
      >
        <div className="field">
          <label htmlFor="quantity">
            Quantity{(pkg.seats_per_package ?? 1) > 1 ? ` (tables of ${pkg.seats_per_package})` : ''}
          </label>
          <div className="stepper">
            <button
              type="button"
              className="btn"
              aria-label="One less"
              disabled={quantity <= 1}
              onClick={() => setQuantity((q) => Math.max(1, q - 1))}
            >
              −
            </button>
            <input
              id="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={maxQuantity}
              value={quantity}
              onChange={(e) => setQuantity(Math.max(1, Math.min(maxQuantity, Math.floor(Number(e.target.value) || 1))))}
            />
            <button
              type="button"
              className="btn"
              aria-label="One more"
              disabled={quantity >= maxQuantity}
              onClick={() => setQuantity((q) => Math.min(maxQuantity, q + 1))}
            >
              +
            </button>
          </div>
          <p className="hint">
            {pkg.available === null
              ? 'Up to 100 per order.'
              : `${pkg.available} left · up to ${maxQuantity} per order.`}
          </p>
        </div>
        <OptionQuestions
          options={options}
          answers={answers}
          errors={answerErrors}
          onChange={(id, value) => {
            setAnswers((a) => ({ ...a, [id]: value }));
            setAnswerErrors((e) => {
              const { [id]: _removed, ...rest } = e;
              return rest;
            });
          }}
        />
        <PromoField value={promo} onChange={setPromo} state={promoState} onSignIn={() => setAskSignIn(true)} />
        <dl className="totals">
          <div>
            <dt>
              {quantity} × {formatMoney(unit)}
            </dt>
            <dd>{formatMoney(base)}</dd>
          </div>
          {discount > 0 && (
            <div className="discount">
              <dt>Discount</dt>
              <dd>−{formatMoney(discount)}</dd>
            </div>
          )}
          <div className="total">
            <dt>Total</dt>
            <dd data-testid="order-total">{formatMoney(Math.max(0, base - discount))}</dd>
          </div>
        </dl>
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="btn btn-primary btn-block btn-large" disabled={buying}>
          {buying ? 'Buying…' : `Buy — ${formatMoney(Math.max(0, base - discount))}`}
        </button>
        <p className="hint center">Payment is collected by FundrBolt after you confirm.</p>
      </form>
      {askSignIn && !signedIn && (
        <LoginPanel scope="donor" title="Sign in to buy" returnTo={location.pathname} focusOnMount />
      )}
    </div>
  );
}
