import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PromoField } from '../PromoField';
import { usePromoValidation } from '../usePromoValidation';

function Harness({ token = 'tok' }: { token?: string | null }) {
  const [code, setCode] = useState('');
  const state = usePromoValidation('e1', code, 'p1', 2, token, 10);
  return <PromoField value={code} onChange={setCode} state={state} />;
}

// A new Response per call: a body can be read once, and a slow run may check an intermediate code first.
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json', ...headers },
  });

afterEach(() => vi.restoreAllMocks());

describe('promo code live validation', () => {
  it('shows the discount of a valid code for the chosen package and quantity', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      json(200, {
        valid: true,
        code: 'GALA20',
        discount_type: 'percentage',
        discount_value: 20,
        discount_amount: 480,
      }),
    );
    render(<Harness />);
    await userEvent.type(screen.getByLabelText(/Promo code/), 'gala20');
    expect(await screen.findByText(/you save \$480\.00/)).toBeInTheDocument();
    expect(screen.getByText(/GALA20: 20 % off/)).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    expect(url).toBe('/api/v1/events/e1/promo-codes/gala20/validate?package_id=p1&quantity=2');
    expect((init as RequestInit).headers).toMatchObject({ Authorization: 'Bearer tok' });
  });

  it.each([
    [404, 'promo_code_not_found', 'That promo code does not exist for this event.'],
    [410, 'promo_code_expired', 'That promo code is not active right now (expired, not yet valid or switched off).'],
    [409, 'promo_code_exhausted', 'That promo code has been used as many times as it allows.'],
    [422, 'promo_code_not_applicable', 'That promo code does not apply to this package.'],
  ])('explains %i %s in plain words', async (status, code, message) => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json(status, { status, code, title: 'x' }));
    render(<Harness />);
    await userEvent.type(screen.getByLabelText(/Promo code/), 'NOPE1');
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByLabelText(/Promo code/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows Retry-After when rate limited', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      json(429, { status: 429, code: 'rate_limited' }, { 'Retry-After': '42' }),
    );
    render(<Harness />);
    await userEvent.type(screen.getByLabelText(/Promo code/), 'SPAM1');
    expect(await screen.findByText(/wait 42 seconds/)).toBeInTheDocument();
  });

  it('asks to sign in before checking when there is no donor token, and rejects a malformed code at once', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    render(<Harness token={null} />);
    await userEvent.type(screen.getByLabelText(/Promo code/), 'GALA20');
    expect(screen.getByText(/when you sign in/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Promo code/), '!');
    expect(screen.getByText(/3–50 letters/)).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
