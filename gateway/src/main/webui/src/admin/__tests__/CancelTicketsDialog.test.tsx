import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import type { Cancellation } from '../../lib/types';
import { seat, tablePurchase } from '../../test/fixtures';
import { CancelTicketsDialog } from '../CancelTicketsDialog';

const cancellation = (extra: Partial<Cancellation> = {}): Cancellation => ({
  id: 'c1',
  ticket_ids: ['t1'],
  packages_returned: 0,
  refund_amount: 33.33,
  kind: 'refund',
  reason: 'Ill',
  created_by: 'u1',
  created_at: '2026-11-25T10:00:00.000Z',
  ...extra,
});

function open(props: Partial<Parameters<typeof CancelTicketsDialog>[0]> = {}) {
  const purchase = props.purchase ?? tablePurchase();
  const handlers = {
    onConfirm: vi.fn().mockResolvedValue(cancellation()),
    onClose: vi.fn(),
    onDone: vi.fn(),
    onStale: vi.fn(),
  };
  render(<CancelTicketsDialog purchase={purchase} tickets={[purchase.tickets[0]]} {...handlers} {...props} />);
  return { ...handlers, ...props };
}

describe('cancel tickets dialog', () => {
  it('shows the pro-rata refund before confirming and sends it as the server default', async () => {
    const { onConfirm, onDone } = open();
    expect(screen.getByRole('dialog', { name: 'Cancel 1 ticket' })).toBeInTheDocument();
    expect(screen.getByLabelText('Reason')).toHaveFocus();
    expect(screen.getByLabelText('Refund (USD)')).toHaveValue('33.33');
    expect(screen.getByLabelText('Refund (USD)')).toHaveAccessibleDescription(
      /Default, pro rata: \$100\.00 × 1 of 3 seats = \$33\.33\. Any amount from \$0\.00 to \$100\.00/,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    expect(await screen.findByText(/Please give a reason/)).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Reason'), '  Cannot come  ');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(cancellation()));
    expect(onConfirm).toHaveBeenCalledWith({ ticket_ids: ['t1'], reason: 'Cannot come' }, expect.any(String));
  });

  it('refunds what remains when the last valid seats are cancelled', () => {
    const purchase = tablePurchase({
      refunded_amount: 33.33,
      tickets: [seat(1, { status: 'cancelled' }), seat(2), seat(3)],
    });
    open({ purchase, tickets: purchase.tickets.slice(1) });
    expect(screen.getByRole('dialog', { name: 'Cancel 2 tickets' })).toBeInTheDocument();
    expect(screen.getByLabelText('Refund (USD)')).toHaveValue('66.67');
    expect(screen.getByText(/last valid seats: the default refunds what remains, \$66\.67/)).toBeInTheDocument();
  });

  it('takes an override within 0..refundable and refuses one above it', async () => {
    const { onConfirm } = open();
    await userEvent.type(screen.getByLabelText('Reason'), 'Goodwill');
    const refund = screen.getByLabelText('Refund (USD)');
    await userEvent.clear(refund);
    await userEvent.type(refund, '100.01');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    expect(await screen.findByText('The refund can be at most $100.00.')).toBeInTheDocument();
    expect(refund).toHaveAttribute('aria-invalid', 'true');
    expect(onConfirm).not.toHaveBeenCalled();

    await userEvent.clear(refund);
    await userEvent.type(refund, '0');
    expect(screen.getByTestId('refund-preview')).toHaveTextContent('$0.00');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    await waitFor(() =>
      expect(onConfirm).toHaveBeenCalledWith(
        { ticket_ids: ['t1'], reason: 'Goodwill', refund_amount: 0 },
        expect.any(String),
      ),
    );
  });

  it('retries with the same Idempotency-Key after a network failure', async () => {
    const onConfirm = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(0, { code: 'network_error' }))
      .mockResolvedValueOnce(cancellation());
    const { onDone } = open({ onConfirm });
    await userEvent.type(screen.getByLabelText('Reason'), 'Ill');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    expect(await screen.findByText(/could not reach the server/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [first, second] = onConfirm.mock.calls.map((call) => call[1]);
    expect(first).toBeTruthy();
    expect(second).toBe(first);
  });

  it('shows the problem’s validation errors on their fields and in the banner', async () => {
    const onConfirm = vi.fn().mockRejectedValue(
      new ApiError(422, {
        code: 'validation_failed',
        errors: [
          { field: 'refund_amount', message: 'must not exceed the refundable amount 50.00' },
          { field: 'ticket_ids[0]', message: 'is not a ticket of this purchase' },
        ],
      }),
    );
    open({ onConfirm });
    await userEvent.type(screen.getByLabelText('Reason'), 'Ill');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    expect(await screen.findByText('must not exceed the refundable amount 50.00')).toBeInTheDocument();
    expect(screen.getByLabelText('Refund (USD)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('ticket_ids[0]: is not a ticket of this purchase')).toBeInTheDocument();
  });

  it.each([
    ['ticket_cancelled', /has been cancelled meanwhile/],
    ['already_checked_in', /checked-in ticket cannot be cancelled/],
  ])('explains 409 %s and reloads the order', async (code, message) => {
    const onConfirm = vi.fn().mockRejectedValue(new ApiError(409, { code }));
    const { onStale } = open({ onConfirm });
    await userEvent.type(screen.getByLabelText('Reason'), 'Ill');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(onStale).toHaveBeenCalled();
  });

  it('closes on Escape and on “Keep tickets”', async () => {
    const { onClose } = open();
    await userEvent.keyboard('{Escape}');
    await userEvent.click(screen.getByRole('button', { name: 'Keep tickets' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
