import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import { seat, tablePurchase } from '../../test/fixtures';
import { ReleaseSeatsDialog } from '../ReleaseSeatsDialog';

const table = { fair_market_value: 30, seats_per_package: 3 };
const released = {
  id: 'c1',
  ticket_ids: ['t2'],
  packages_returned: 0,
  refund_amount: 0,
  kind: 'release' as const,
  reason: null,
  created_by: 'd1',
  created_at: '2026-11-25T10:00:00.000Z',
};

describe('give seats back dialog', () => {
  it('explains the deductible amount before and after, then releases the chosen seats', async () => {
    const onConfirm = vi.fn().mockResolvedValue(released);
    const onDone = vi.fn();
    const purchase = tablePurchase({ donation_amount: 50, total_price: 150 });
    render(
      <ReleaseSeatsDialog purchase={purchase} pkg={table} onConfirm={onConfirm} onClose={vi.fn()} onDone={onDone} />,
    );
    expect(screen.getByRole('dialog', { name: 'Give seats back' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Give seats back' })).toBeDisabled();

    await userEvent.click(screen.getByRole('checkbox', { name: /EVT7K-000002/ }));
    expect(screen.getByTestId('release-effect')).toHaveTextContent(
      'You get no refund; the value of these seats becomes a tax-deductible gift: your deductible amount rises from $120.00 to $130.00.',
    );
    await userEvent.click(screen.getByRole('checkbox', { name: /EVT7K-000003/ }));
    expect(screen.getByTestId('release-effect')).toHaveTextContent('from $120.00 to $140.00');

    await userEvent.click(screen.getByRole('checkbox', { name: /EVT7K-000003/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Give 1 seat back' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(released));
    expect(onConfirm).toHaveBeenCalledWith(['t2'], expect.any(String));
  });

  it('offers only valid seats that are not checked in, and says nothing of figures without a fair market value', async () => {
    const purchase = tablePurchase({
      tickets: [seat(1, { status: 'cancelled' }), seat(2, { checked_in_at: '2026-11-24T19:00:00.000Z' }), seat(3)],
    });
    render(
      <ReleaseSeatsDialog
        purchase={purchase}
        pkg={{ fair_market_value: null, seats_per_package: 3 }}
        onConfirm={vi.fn()}
        onClose={vi.fn()}
        onDone={vi.fn()}
      />,
    );
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toBeChecked(); // the only seat that can go is ticked already
    expect(screen.getByTestId('release-effect')).toHaveTextContent(/no refund; the seats go back to the charity/);
    expect(screen.getByTestId('release-effect')).not.toHaveTextContent(/rises from/);
  });

  it('explains a seat checked in meanwhile and reloads the tickets', async () => {
    const onStale = vi.fn();
    const purchase = tablePurchase({ tickets: [seat(1)] });
    render(
      <ReleaseSeatsDialog
        purchase={purchase}
        pkg={table}
        onConfirm={vi.fn().mockRejectedValue(new ApiError(409, { code: 'already_checked_in' }))}
        onClose={vi.fn()}
        onDone={vi.fn()}
        onStale={onStale}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Give 1 seat back' }));
    expect(await screen.findByText(/checked in meanwhile/)).toBeInTheDocument();
    expect(onStale).toHaveBeenCalled();
  });
});
