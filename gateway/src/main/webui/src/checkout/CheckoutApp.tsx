import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../lib/api';
import { isExpired, useDonorAuth } from '../lib/auth';
import { formatMoney } from '../lib/format';
import { discountCents, formatCents, fromCents, orderTotals, parseDonation, toCents } from '../lib/money';
import { explain } from '../lib/messages';
import type { Purchase, TicketPackage } from '../lib/types';
import { Alert } from '../components/Alert';
import { LoginPanel } from '../components/LoginPanel';
import { PageTitle } from '../components/PageTitle';
import { OptionQuestions } from './OptionQuestions';
import { GiftField } from './GiftField';
import { OrderSummary } from './OrderSummary';
import { PromoField } from './PromoField';
import { MyTicketsPage } from './MyTicketsPage';
import { fetchMyPurchases, myPurchasesKey, publicPackagesKey, usePublicPackages } from './donorQueries';
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
  const packages = usePublicPackages(eventId);
  return (
    <div className="app checkout">
      <header className="topbar">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Link className="brand" to={`/checkout/${eventId}`}>
          <span className="logo" aria-hidden="true">
            ⚡
          </span>{' '}
          FundrBolt <span className="brand-sub">Tickets</span>
        </Link>
        <nav className="topbar-nav" aria-label="Donor pages">
          <NavLink to={`/checkout/${eventId}/my-tickets`}>My tickets</NavLink>
        </nav>
        <DonorBadge />
      </header>
      <main id="main" className="narrow">
        <Routes>
          <Route index element={<Shop eventId={eventId} packages={packages} />} />
          <Route path="my-tickets" element={<MyTicketsPage eventId={eventId} packages={packages.data} />} />
          <Route path="*" element={<Navigate to={`/checkout/${eventId}`} replace />} />
        </Routes>
      </main>
    </div>
  );
}

function Shop({ eventId, packages }: { eventId: string; packages: ReturnType<typeof usePublicPackages> }) {
  const queryClient = useQueryClient();
  const token = useDonorAuth((s) => s.token);
  const key = publicPackagesKey(eventId);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [purchase, setPurchase] = useState<Purchase | null>(null);
  const selected = packages.data?.find((p) => p.id === selectedId) ?? null;
  // After a release the purchase is read again from the donor's list (there is no single-purchase endpoint).
  const reloadPurchase = async () => {
    if (!purchase) return;
    const mine = await fetchMyPurchases(token);
    setPurchase(mine.find((p) => p.id === purchase.id) ?? purchase);
    await queryClient.invalidateQueries({ queryKey: myPurchasesKey });
    await queryClient.invalidateQueries({ queryKey: key });
  };

  return (
    <>
      {purchase ? (
        <TicketsView
          purchase={purchase}
          pkg={packages.data?.find((p) => p.id === purchase.package_id)}
          onChanged={reloadPurchase}
          myTicketsHref={`/checkout/${eventId}/my-tickets`}
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
            queryClient.invalidateQueries({ queryKey: myPurchasesKey });
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
    </>
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

  const [gift, setGift] = useState('');
  const donation = parseDonation(gift);
  const unit = toCents(pkg.current_price ?? pkg.price);
  // The server's discount for this package and quantity when it said one, else the code's rule applied here.
  const promoDiscount =
    promoState.status !== 'valid'
      ? 0
      : promoState.result.discount_amount !== undefined
        ? toCents(promoState.result.discount_amount)
        : discountCents(unit * quantity, promoState.result.discount_type, promoState.result.discount_value);
  const totals = orderTotals(unit, quantity, promoDiscount, donation.cents ?? 0);

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
    if (donation.error) {
      document.getElementById('gift-amount')?.focus();
      return setError(`Gift: ${donation.error}`);
    }
    if (!signedIn) {
      pendingBuy.current = true;
      return setAskSignIn(true);
    }
    const body = {
      package_id: pkg.id,
      quantity,
      ...(promo.trim() ? { promo_code: promo.trim().toUpperCase() } : {}),
      option_responses: toOptionResponses(options, answers),
      ...(donation.cents ? { donation_amount: fromCents(donation.cents) } : {}),
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
        <GiftField value={gift} onChange={setGift} />
        <OrderSummary totals={totals} quantity={quantity} unit={unit} />
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="btn btn-primary btn-block btn-large" disabled={buying}>
          {buying ? 'Buying…' : `Buy — ${formatCents(totals.total)}`}
        </button>
        <p className="hint center">Payment is collected by FundrBolt after you confirm.</p>
      </form>
      {askSignIn && !signedIn && (
        <LoginPanel scope="donor" title="Sign in to buy" returnTo={location.pathname} focusOnMount />
      )}
    </div>
  );
}
