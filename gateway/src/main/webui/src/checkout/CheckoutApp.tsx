import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../lib/api';
import { isExpired, useDonorAuth } from '../lib/auth';
import { discountCents, formatCents, fromCents, orderTotals, parseDonation, toCents } from '../lib/money';
import { explain } from '../lib/messages';
import { nextChange, notOnSaleText, pricing, quantityHint, quantityRange, saleState } from '../lib/salesRules';
import type { Purchase, TicketPackage } from '../lib/types';
import { useNow } from '../lib/useNow';
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
import { CodeField } from './CodeField';
import { PriceTag } from './PriceTag';

const PROMO_CODES = new Set([
  'promo_code_not_found',
  'promo_code_expired',
  'promo_code_exhausted',
  'promo_code_not_applicable',
]);

const codeKey = (eventId: string) => `fundrbolt.checkout.code.${eventId}`;

/** The donor's access code for this event: from the link (`?code=`), else the one applied earlier in this tab. */
function useAccessCode(eventId: string): [string | null, (code: string | null) => void] {
  const [params] = useSearchParams();
  const [code, setCode] = useState<string | null>(() => {
    const linked = params.get('code')?.trim().toUpperCase();
    return linked || sessionStorage.getItem(codeKey(eventId)) || null;
  });
  const apply = (next: string | null) => {
    // Kept for the tab, so signing in through the identity provider (a full page round trip) keeps it.
    if (next) sessionStorage.setItem(codeKey(eventId), next);
    else sessionStorage.removeItem(codeKey(eventId));
    setCode(next);
  };
  return [code, apply];
}

export default function CheckoutApp() {
  const { eventId = '' } = useParams();
  const token = useDonorAuth((s) => s.token);
  const claims = useDonorAuth((s) => s.claims);
  const signedIn = !!token && !isExpired(claims);
  const [code, setCode] = useAccessCode(eventId);
  const publicList = usePublicPackages(eventId);
  // The list with the code needs the donor's token; until it answers (or when it fails) the public list shows.
  const codedList = usePublicPackages(eventId, code, signedIn ? token : null);
  const packages = codedList.data ? codedList : publicList;
  const access: Access = { code, setCode, list: codedList, needsSignIn: !!code && !signedIn };
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
          <Route index element={<Shop eventId={eventId} packages={packages} access={access} />} />
          <Route path="my-tickets" element={<MyTicketsPage eventId={eventId} packages={packages.data} />} />
          <Route path="*" element={<Navigate to={`/checkout/${eventId}`} replace />} />
        </Routes>
      </main>
    </div>
  );
}

type PackagesQuery = ReturnType<typeof usePublicPackages>;

/** The access code applied on the shop, and what the list asked with it answered. */
interface Access {
  code: string | null;
  setCode: (code: string | null) => void;
  list: PackagesQuery;
  needsSignIn: boolean;
}

/** What came of the code, for the line under the field. */
function accessStatus(access: Access): { status?: string; error?: string } {
  const { code, list } = access;
  if (!code) return {};
  if (access.needsSignIn) return { status: `Sign in to use the code ${code}.` };
  if (list.isError)
    return {
      error:
        list.error instanceof ApiError && list.error.code === 'rate_limited'
          ? `Too many codes tried. ${explain(list.error)}`
          : explain(list.error),
    };
  if (!list.data) return { status: 'Checking the code…' };
  const revealed = list.data.filter((p) => p.visibility === 'hidden');
  return {
    status: revealed.length
      ? `Code ${code} unlocked ${revealed.map((p) => p.name).join(', ')}.`
      : `Code ${code} unlocks no other tickets here. If it is a promo code, enter it when you buy.`,
  };
}

function Shop({ eventId, packages, access }: { eventId: string; packages: PackagesQuery; access: Access }) {
  const queryClient = useQueryClient();
  const token = useDonorAuth((s) => s.token);
  const signOut = useDonorAuth((s) => s.signOut);
  const key = publicPackagesKey(eventId);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [purchase, setPurchase] = useState<Purchase | null>(null);
  const now = useNow((at) =>
    (packages.data ?? []).reduce<number | null>((min, p) => {
      const next = nextChange(p, at);
      return next !== null && (min === null || next < min) ? next : min;
    }, null),
  );
  const selected = packages.data?.find((p) => p.id === selectedId) ?? null;
  const codeError = access.list.error;
  useEffect(() => {
    if (codeError instanceof ApiError && codeError.status === 401) signOut();
  }, [codeError, signOut]);
  const { status: codeStatus, error: codeProblem } = accessStatus(access);
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
          unlockCode={selected.visibility === 'hidden' ? access.code : null}
          onBack={() => setSelectedId(null)}
          onBought={(p) => {
            setPurchase(p);
            queryClient.invalidateQueries({ queryKey: key });
            queryClient.invalidateQueries({ queryKey: myPurchasesKey });
          }}
          onStale={() => queryClient.invalidateQueries({ queryKey: key })}
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
          <CodeField
            applied={access.code}
            busy={!!access.code && !access.needsSignIn && access.list.isFetching}
            status={codeStatus}
            error={codeProblem}
            onApply={(code) => {
              // The same code again asks again (after a wait for a rate limit, or a new invitation).
              if (code === access.code) access.list.refetch();
              else access.setCode(code);
            }}
            onRemove={() => access.setCode(null)}
          />
          {access.needsSignIn && (
            <LoginPanel scope="donor" title="Sign in to use your code" returnTo={location.pathname} />
          )}
          <ul className="offer-list">
            {packages.data?.map((p) => (
              <OfferCard key={p.id} pkg={p} now={now} onChoose={() => setSelectedId(p.id)} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** One package on the shop: its price in force, how many per order, and whether (or when) it can be bought. */
function OfferCard({ pkg, now, onChoose }: { pkg: TicketPackage; now: number; onChoose: () => void }) {
  const soldOut = pkg.available === 0;
  const blocked = notOnSaleText(saleState(pkg, now), now);
  const limits = quantityHint(pkg.min_per_order, pkg.max_per_order);
  const tooFewLeft = !soldOut && quantityRange(pkg).tooFewLeft;
  const unavailable = blocked ?? (soldOut ? 'Sold out' : tooFewLeft ? 'Not enough left' : null);
  return (
    <li className={`offer card ${unavailable ? 'sold-out' : ''}`} data-testid="offer">
      {pkg.image_url && <img src={pkg.image_url} alt="" className="offer-image" loading="lazy" />}
      <div className="offer-body">
        <h2>{pkg.name}</h2>
        {pkg.visibility === 'hidden' && <p className="badge badge-info">Unlocked by your code</p>}
        {pkg.description && <p className="muted">{pkg.description}</p>}
        <p className="offer-meta">
          <PriceTag pricing={pricing(pkg, now)} />
          {(pkg.seats_per_package ?? 1) > 1 && <span> · table of {pkg.seats_per_package}</span>}
          {limits && <span className="muted">{limits}</span>}
          <span
            className={soldOut ? 'badge' : pkg.available !== null && pkg.available <= 10 ? 'badge badge-warn' : 'muted'}
          >
            {soldOut ? 'Sold out' : pkg.available === null ? 'Available' : `${pkg.available} left`}
          </span>
        </p>
        <button
          className="btn btn-primary btn-block"
          disabled={!!unavailable}
          onClick={onChoose}
          aria-label={unavailable ? `${pkg.name}: ${unavailable}` : `Choose ${pkg.name}`}
          data-testid="offer-action"
        >
          {unavailable ?? 'Choose'}
        </button>
      </div>
    </li>
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

/** Why the server refused the purchase, in words that say what to do about it. */
function explainPurchase(err: unknown, pkg: TicketPackage): string {
  if (!(err instanceof ApiError)) return explain(err);
  if (err.code === 'invalid_option_response' && err.errors.length)
    return `Please check your answers: ${err.errors.map((e) => e.message).join('; ')}`;
  if (err.code === 'invalid_quantity') {
    const { min, max } = quantityRange(pkg);
    return `This package is sold ${min === max ? `${min}` : `${min} to ${max}`} per order. Please change the quantity.`;
  }
  if (err.code === 'not_on_sale') return 'This package is not on sale right now — the list has been updated.';
  if (err.code === 'rate_limited') return `Too many purchases in a short time. ${explain(err)}`;
  return PROMO_CODES.has(err.code) ? `Promo code: ${explain(err)}` : explain(err);
}

function BuyPanel({
  eventId,
  pkg,
  unlockCode,
  onBack,
  onBought,
  onStale,
}: {
  eventId: string;
  pkg: TicketPackage;
  /** The code that revealed this hidden package: the purchase carries it as its promo code. */
  unlockCode: string | null;
  onBack: () => void;
  onBought: (p: Purchase) => void;
  /** The package changed under the donor (sold out, off sale, gone): the list is to be read again. */
  onStale: () => void;
}) {
  const token = useDonorAuth((s) => s.token);
  const claims = useDonorAuth((s) => s.claims);
  const signOut = useDonorAuth((s) => s.signOut);
  const signedIn = !!token && !isExpired(claims);
  const now = useNow((at) => nextChange(pkg, at));
  const blocked = notOnSaleText(saleState(pkg, now), now);
  const range = quantityRange(pkg);
  const limits = quantityHint(pkg.min_per_order, pkg.max_per_order);
  const quantityText = `${[
    limits ?? `Up to ${range.max} per order`,
    pkg.available === null ? null : `${pkg.available} left`,
    range.tooFewLeft ? `fewer than the ${range.min} an order must hold` : null,
  ]
    .filter(Boolean)
    .join(' · ')}.`;
  const clamp = (q: number) => Math.max(range.min, Math.min(range.max, q));
  const [quantity, setQuantity] = useState(range.min);
  const [answers, setAnswers] = useState<Answers>({});
  const [answerErrors, setAnswerErrors] = useState<Record<string, string>>({});
  const [promo, setPromo] = useState(unlockCode ?? '');
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
  const price = pricing(pkg, now);
  const unit = toCents(price.price);
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
    if (blocked) return setError(`${blocked}: this package cannot be bought right now.`);
    if (range.tooFewLeft)
      return setError(`Only ${pkg.available} left, fewer than the ${range.min} an order must hold.`);
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
      if (err instanceof ApiError && ['sold_out', 'not_on_sale', 'package_not_found'].includes(err.code)) onStale();
      setError(explainPurchase(err, pkg));
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
      <p className="offer-meta">
        <PriceTag pricing={price} />
      </p>
      {blocked && <Alert tone="warning">{blocked}</Alert>}
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
              disabled={quantity <= range.min}
              onClick={() => setQuantity((q) => clamp(q - 1))}
            >
              −
            </button>
            <input
              id="quantity"
              type="number"
              inputMode="numeric"
              min={range.min}
              max={range.max}
              value={quantity}
              aria-describedby="quantity-hint"
              onChange={(e) => setQuantity(clamp(Math.floor(Number(e.target.value) || range.min)))}
            />
            <button
              type="button"
              className="btn"
              aria-label="One more"
              disabled={quantity >= range.max}
              onClick={() => setQuantity((q) => clamp(q + 1))}
            >
              +
            </button>
          </div>
          <p className="hint" id="quantity-hint" data-testid="quantity-hint">
            {quantityText}
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
        <PromoField
          value={promo}
          onChange={setPromo}
          state={promoState}
          onSignIn={() => setAskSignIn(true)}
          lockedBy={unlockCode ? 'This package was unlocked by your code, so the order uses it.' : undefined}
        />
        <GiftField value={gift} onChange={setGift} />
        <OrderSummary totals={totals} quantity={quantity} unit={unit} />
        {error && <Alert>{error}</Alert>}
        <button
          type="submit"
          className="btn btn-primary btn-block btn-large"
          disabled={buying || !!blocked || range.tooFewLeft}
        >
          {blocked ?? (buying ? 'Buying…' : `Buy — ${formatCents(totals.total)}`)}
        </button>
        <p className="hint center">Payment is collected by FundrBolt after you confirm.</p>
      </form>
      {askSignIn && !signedIn && (
        <LoginPanel scope="donor" title="Sign in to buy" returnTo={location.pathname} focusOnMount />
      )}
    </div>
  );
}
