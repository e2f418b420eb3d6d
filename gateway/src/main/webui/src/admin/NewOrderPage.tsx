import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, newIdempotencyKey } from '../lib/api';
import { formatMoney } from '../lib/format';
import { explain } from '../lib/messages';
import { fromCents, parseMoneyInput } from '../lib/money';
import type { Purchase } from '../lib/types';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { OptionQuestions } from '../checkout/OptionQuestions';
import { toOptionResponses, type Answers } from '../checkout/answers';
import { usePackages, useAdminApi } from './hooks';
import { orderKey, ordersBase, ordersKey } from './orders';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Values = {
  package_id: string;
  quantity: string;
  payment: 'complimentary' | 'offline';
  unit_price: string;
  name: string;
  email: string;
  donor_id: string;
  note: string;
};
type Errors = Partial<Record<keyof Values, string>>;
const FIELDS = ['package_id', 'quantity', 'payment', 'unit_price', 'name', 'email', 'donor_id', 'note'];

/** Client-side copy of the coordinator order's rules (API.md), so mistakes show before anything is sent. */
function validateOrder(v: Values): Errors {
  const errors: Errors = {};
  if (!v.package_id) errors.package_id = 'Choose a package';
  if (!/^\d+$/.test(v.quantity.trim()) || Number(v.quantity) < 1 || Number(v.quantity) > 100)
    errors.quantity = 'Quantity must be a whole number from 1 to 100';
  if (v.payment === 'offline' && v.unit_price.trim() && parseMoneyInput(v.unit_price) === null)
    errors.unit_price = 'Enter a price like 120 or 120.50 (at most 2 decimals), or leave empty';
  else if (v.payment === 'offline' && (parseMoneyInput(v.unit_price) ?? 0) > 100_000_000)
    errors.unit_price = 'The price can be at most $1,000,000.00';
  if (v.name.trim().length > 200) errors.name = 'Please keep the name under 200 characters';
  if (v.email.trim() && !EMAIL.test(v.email.trim())) errors.email = 'Enter a valid email address, or leave empty';
  if (v.donor_id.trim() && !UUID.test(v.donor_id.trim())) errors.donor_id = 'A donor id is a UUID, or leave empty';
  if (v.note.length > 500) errors.note = 'Please keep the note under 500 characters';
  return errors;
}

function toOrderBody(v: Values, answers: Answers, options: Parameters<typeof toOptionResponses>[0]) {
  const body: Record<string, unknown> = {
    package_id: v.package_id,
    quantity: Number(v.quantity),
    payment: v.payment,
  };
  const unit = parseMoneyInput(v.unit_price);
  if (v.payment === 'offline' && v.unit_price.trim() && unit !== null) body.unit_price = fromCents(unit);
  if (v.name.trim()) body.name = v.name.trim();
  if (v.email.trim()) body.email = v.email.trim();
  if (v.donor_id.trim()) body.donor_id = v.donor_id.trim().toLowerCase();
  if (v.note.trim()) body.note = v.note.trim();
  const responses = toOptionResponses(options, answers);
  if (responses.length) body.option_responses = responses;
  return body;
}

/** A coordinator order: comps, sponsor tables, cheques and walk-ins, counted against the stock like any sale. */
export default function NewOrderPage() {
  const { eventId = '' } = useParams();
  const call = useAdminApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const packages = usePackages(eventId);
  const [values, setValues] = useState<Values>({
    package_id: '',
    quantity: '1',
    payment: 'complimentary',
    unit_price: '',
    name: '',
    email: '',
    donor_id: '',
    note: '',
  });
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per order as typed: a retry of the same order reuses it, so a lost answer never books it twice.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const pkg = packages.data?.find((p) => p.id === values.package_id);
  const options = pkg?.custom_options ?? [];
  const set = (name: keyof Values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [name]: e.target.value }));
    setErrors((found) => ({ ...found, [name]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBanner(null);
    const found = validateOrder(values);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) return document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    const body = toOrderBody(values, answers, options);
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: newIdempotencyKey() };
    setBusy(true);
    try {
      const purchase = await call<Purchase>(ordersBase(eventId), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': attempt.current.key },
      });
      attempt.current = null;
      queryClient.setQueryData(orderKey(eventId, purchase.id), purchase);
      await queryClient.invalidateQueries({ queryKey: ordersKey(eventId) });
      navigate(`/admin/events/${eventId}/orders/${purchase.id}`, { state: { created: true } });
    } catch (err) {
      const mapped: Errors = {};
      const other: string[] = [];
      if (err instanceof ApiError)
        for (const { field, message } of err.errors) {
          const name = field?.replace(/^body\./, '');
          if (FIELDS.includes(name)) mapped[name as keyof Values] = message;
          else other.push(field ? `${field}: ${message}` : message);
        }
      setErrors(mapped);
      setBanner([explain(err), ...other].join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Link className="back" to={`/admin/events/${eventId}/orders`}>
        ← All orders
      </Link>
      <PageTitle>New order</PageTitle>
      <form className="card form" onSubmit={submit} noValidate aria-label="New order">
        {banner && <Alert>{banner}</Alert>}
        <div className="grid-2">
          <Field label="Package" error={errors.package_id}>
            <select name="package_id" value={values.package_id} onChange={set('package_id')}>
              <option value="">Choose a package…</option>
              {packages.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} — {formatMoney(p.current_price ?? p.price)}
                  {p.is_enabled ? '' : ' (disabled)'}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Quantity"
            error={errors.quantity}
            hint={
              (pkg?.seats_per_package ?? 1) > 1
                ? `Packages; each seats ${pkg?.seats_per_package}.`
                : 'Counts against the package’s limit like any sale.'
            }
          >
            <input name="quantity" type="number" min={1} max={100} value={values.quantity} onChange={set('quantity')} />
          </Field>
        </div>
        <fieldset className="field">
          <legend>Payment</legend>
          <label className="inline">
            <input
              type="radio"
              name="payment"
              value="complimentary"
              checked={values.payment === 'complimentary'}
              onChange={set('payment')}
            />{' '}
            Complimentary (every amount $0.00)
          </label>
          <label className="inline">
            <input
              type="radio"
              name="payment"
              value="offline"
              checked={values.payment === 'offline'}
              onChange={set('payment')}
            />{' '}
            Paid offline (cheque, cash, bank transfer)
          </label>
        </fieldset>
        {values.payment === 'offline' && (
          <Field
            label="Unit price (USD)"
            error={errors.unit_price}
            hint={
              pkg
                ? `Empty = the package’s current price, ${formatMoney(pkg.current_price ?? pkg.price)}.`
                : 'Empty = the package’s current price.'
            }
          >
            <input
              name="unit_price"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={values.unit_price}
              onChange={set('unit_price')}
            />
          </Field>
        )}
        <div className="grid-2">
          <Field label="Buyer name" error={errors.name} hint="Optional.">
            <input name="name" type="text" maxLength={200} value={values.name} onChange={set('name')} />
          </Field>
          <Field label="Buyer email" error={errors.email} hint="Optional; the tickets are emailed here.">
            <input name="email" type="email" autoComplete="off" value={values.email} onChange={set('email')} />
          </Field>
          <Field
            label="Donor id"
            error={errors.donor_id}
            hint="Optional; the order then shows in that donor’s tickets."
          >
            <input
              name="donor_id"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={values.donor_id}
              onChange={set('donor_id')}
            />
          </Field>
        </div>
        <Field label="Note" error={errors.note} hint="Optional, up to 500 characters; seen by coordinators only.">
          <textarea name="note" rows={2} maxLength={500} value={values.note} onChange={set('note')} />
        </Field>
        {options.length > 0 && (
          <fieldset className="field">
            <legend>Answers</legend>
            <p className="hint">Required questions may stay unanswered in a coordinator order.</p>
            <OptionQuestions
              options={options}
              answers={answers}
              errors={{}}
              onChange={(id, value) => setAnswers((a) => ({ ...a, [id]: value }))}
            />
          </fieldset>
        )}
        <div className="form-actions">
          <Link className="btn" to={`/admin/events/${eventId}/orders`}>
            Cancel
          </Link>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create order'}
          </button>
        </div>
      </form>
    </>
  );
}
