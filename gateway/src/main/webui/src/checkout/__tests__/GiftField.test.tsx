import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { discountCents, orderTotals, parseDonation } from '../../lib/money';
import { GiftField } from '../GiftField';
import { OrderSummary } from '../OrderSummary';

/** The checkout's summary as BuyPanel wires it: 2 × 100.00 with a 20 % code, plus the gift typed here. */
function Harness() {
  const [gift, setGift] = useState('');
  const base = 2 * 10000;
  const totals = orderTotals(10000, 2, discountCents(base, 'percentage', 20), parseDonation(gift).cents ?? 0);
  return (
    <>
      <GiftField value={gift} onChange={setGift} />
      <OrderSummary totals={totals} quantity={2} unit={10000} />
    </>
  );
}

describe('checkout gift', () => {
  it('adds a suggested gift to the total after the discount', async () => {
    render(<Harness />);
    expect(screen.getByTestId('order-total')).toHaveTextContent('$160.00');
    await userEvent.click(screen.getByRole('button', { name: '$50' }));
    expect(screen.getByRole('button', { name: '$50' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('Gift amount (USD)')).toHaveValue('50.00');
    expect(screen.getByTestId('order-discount')).toHaveTextContent('−$40.00');
    expect(screen.getByTestId('order-gift')).toHaveTextContent('$50.00');
    expect(screen.getByTestId('order-total')).toHaveTextContent('$210.00');
    await userEvent.click(screen.getByRole('button', { name: '$50' }));
    expect(screen.getByLabelText('Gift amount (USD)')).toHaveValue('');
  });

  it('takes a free amount and refuses one out of range', async () => {
    render(<Harness />);
    const field = screen.getByLabelText('Gift amount (USD)');
    await userEvent.type(field, '12.34');
    expect(screen.getByTestId('order-total')).toHaveTextContent('$172.34');
    await userEvent.clear(field);
    await userEvent.type(field, '100000.01');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/from \$0\.00 to \$100,000\.00 with at most 2 decimals/);
  });
});
