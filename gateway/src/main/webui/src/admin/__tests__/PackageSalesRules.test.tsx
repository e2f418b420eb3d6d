import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import type { TicketPackage } from '../../lib/types';
import { PackageForm } from '../PackageForm';

const existing: TicketPackage = {
  id: 'p1',
  event_id: 'e1',
  name: 'Gala seat',
  description: null,
  price: 150,
  quantity_limit: null,
  sold_count: 0,
  available: null,
  display_order: 0,
  image_url: null,
  is_enabled: true,
  version: 2,
  custom_options: [],
  sales_start_at: '2026-12-04T09:00:00.000Z',
  sales_end_at: '2026-12-24T17:00:00.000Z',
  min_per_order: 2,
  max_per_order: 4,
  visibility: 'hidden',
  price_tiers: [
    { label: 'Early bird', price: 100, ends_at: '2026-12-11T09:00:00.000Z' },
    { label: 'Advance', price: 125, ends_at: '2026-12-18T09:00:00.000Z' },
  ],
  on_sale: false,
  current_price: 100,
};

afterEach(() => localStorage.clear());

/** Replaces what an input holds, as pasting does (typing key by key re-validates the whole form each time). */
async function fill(input: HTMLElement, value: string) {
  await userEvent.clear(input);
  await userEvent.click(input);
  await userEvent.paste(value);
}

describe('package form: sales rules', { timeout: 20_000 }, () => {
  it('sends the window, limits, visibility and tiers typed in the chosen zone as UTC instants', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    render(<PackageForm onSubmit={onSubmit} timeZone="UTC" />);
    await fill(screen.getByLabelText('Name'), 'Gala seat');
    await fill(screen.getByLabelText('Price (USD)'), '150');
    await userEvent.selectOptions(screen.getByLabelText('Time zone'), 'Europe/Paris');
    expect(screen.getByLabelText('Sales start')).toHaveAccessibleDescription(/^Europe\/Paris time/);
    await fill(screen.getByLabelText('Sales start'), '2026-12-04T10:00');
    await fill(screen.getByLabelText('Sales end'), '2026-12-24T18:00');
    await fill(screen.getByLabelText('Minimum per order'), '2');
    await fill(screen.getByLabelText('Maximum per order'), '4');
    await userEvent.selectOptions(screen.getByLabelText('Visibility'), 'hidden');
    await userEvent.click(screen.getByRole('button', { name: 'Add price tier' }));
    await fill(screen.getByLabelText('Tier 1 name'), 'Early bird');
    await fill(screen.getByLabelText('Tier 1 price'), '100');
    await fill(screen.getByLabelText('Tier 1 ends at'), '2026-12-11T10:00');
    await userEvent.click(screen.getByRole('button', { name: 'Add price tier' }));
    await fill(screen.getByLabelText('Tier 2 name'), 'Advance');
    await fill(screen.getByLabelText('Tier 2 price'), '125.50');
    await fill(screen.getByLabelText('Tier 2 ends at'), '2026-12-18T10:00');
    await userEvent.click(screen.getByRole('button', { name: 'Create package' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        name: 'Gala seat',
        price: 150,
        is_enabled: true,
        seats_per_package: 1,
        sales_start_at: '2026-12-04T09:00:00.000Z',
        sales_end_at: '2026-12-24T17:00:00.000Z',
        min_per_order: 2,
        max_per_order: 4,
        visibility: 'hidden',
        price_tiers: [
          { label: 'Early bird', price: 100, ends_at: '2026-12-11T09:00:00.000Z' },
          { label: 'Advance', price: 125.5, ends_at: '2026-12-18T09:00:00.000Z' },
        ],
      }),
    );
    expect(localStorage.getItem('fundrbolt.admin.timeZone')).toBe('Europe/Paris');
  });

  it('shows a saved package in the chosen zone; another zone moves the clock, not the moments', async () => {
    const onSubmit = vi.fn();
    render(<PackageForm initial={existing} onSubmit={onSubmit} timeZone="Europe/Paris" />);
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/Paris');
    expect(screen.getByLabelText('Sales start')).toHaveValue('2026-12-04T10:00');
    expect(screen.getByLabelText('Sales end')).toHaveValue('2026-12-24T18:00');
    expect(screen.getByLabelText('Tier 1 name')).toHaveValue('Early bird');
    expect(screen.getByLabelText('Tier 1 price')).toHaveValue('100.00');
    expect(screen.getByLabelText('Tier 2 ends at')).toHaveValue('2026-12-18T10:00');
    expect(screen.getByLabelText('Visibility')).toHaveValue('hidden');
    expect(screen.getByLabelText('Minimum per order')).toHaveValue(2);

    await userEvent.selectOptions(screen.getByLabelText('Time zone'), 'America/New_York');
    expect(screen.getByLabelText('Sales start')).toHaveValue('2026-12-04T04:00');
    expect(screen.getByLabelText('Tier 1 ends at')).toHaveValue('2026-12-11T04:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Nothing changed.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends only the changed rules on edit: a cleared end as null, the tiers as a whole', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    render(<PackageForm initial={existing} onSubmit={onSubmit} timeZone="Europe/Paris" />);
    await userEvent.clear(screen.getByLabelText('Sales end'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove tier 1' }));
    expect(screen.getByLabelText('Tier 1 name')).toHaveValue('Advance');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        sales_end_at: null,
        price_tiers: [{ label: 'Advance', price: 125, ends_at: '2026-12-18T09:00:00.000Z' }],
      }),
    );
  });

  it('checks the rules before sending: ends in order, an end after the start, max at least min', async () => {
    const onSubmit = vi.fn();
    render(<PackageForm initial={existing} onSubmit={onSubmit} timeZone="Europe/Paris" />);
    await fill(screen.getByLabelText('Tier 2 ends at'), '2026-12-11T10:00');
    await fill(screen.getByLabelText('Tier 1 price'), '99.999');
    await fill(screen.getByLabelText('Sales end'), '2026-12-01T10:00');
    await fill(screen.getByLabelText('Maximum per order'), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Must end after tier 1 ends')).toBeInTheDocument();
    expect(screen.getByLabelText('Tier 2 ends at')).toHaveAccessibleDescription('Must end after tier 1 ends');
    expect(screen.getByLabelText('Tier 1 price')).toHaveAccessibleDescription(
      'Tier price must have at most 2 decimals',
    );
    expect(screen.getByLabelText('Sales end')).toHaveAccessibleDescription('The sale must end after it starts');
    expect(screen.getByLabelText('Maximum per order')).toHaveAccessibleDescription(
      'Maximum cannot be less than the minimum',
    );
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('drops a tier input’s error as soon as it is fixed, not at its next blur', async () => {
    render(<PackageForm onSubmit={vi.fn()} timeZone="UTC" />);
    await userEvent.click(screen.getByRole('button', { name: 'Add price tier' }));
    await fill(screen.getByLabelText('Tier 1 name'), 'Early bird');
    await userEvent.tab(); // leaving the name checks the whole list: the untouched end is reported missing
    await waitFor(() =>
      expect(screen.getByLabelText('Tier 1 ends at')).toHaveAccessibleDescription('Say when this price ends'),
    );
    await fill(screen.getByLabelText('Tier 1 ends at'), '2026-12-11T10:00');
    await waitFor(() => expect(screen.getByLabelText('Tier 1 ends at')).not.toHaveAttribute('aria-invalid'));
    expect(screen.getByLabelText('Tier 1 ends at')).toHaveFocus();
  });

  it('allows at most five tiers', async () => {
    render(<PackageForm onSubmit={vi.fn()} timeZone="UTC" />);
    const add = screen.getByRole('button', { name: 'Add price tier' });
    for (let i = 0; i < 5; i++) await userEvent.click(add);
    expect(screen.getAllByTestId('tier-row')).toHaveLength(5);
    expect(add).toBeDisabled();
  });

  it('puts the server’s field errors next to the tier, window and limit inputs', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        code: 'validation_failed',
        errors: [
          { field: 'price_tiers[1].ends_at', message: 'must be after the previous tier’s ends_at' },
          { field: 'price_tiers[0].label', message: 'must be one line' },
          { field: 'sales_end_at', message: 'must be after sales_start_at' },
          { field: 'max_per_order', message: 'must be at least min_per_order' },
        ],
      }),
    );
    render(<PackageForm initial={existing} onSubmit={onSubmit} timeZone="Europe/Paris" />);
    await fill(screen.getByLabelText('Maximum per order'), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Tier 2 ends at')).toHaveAccessibleDescription(
        'must be after the previous tier’s ends_at',
      ),
    );
    expect(screen.getByLabelText('Tier 1 name')).toHaveAccessibleDescription('must be one line');
    expect(screen.getByLabelText('Sales end')).toHaveAccessibleDescription('must be after sales_start_at');
    expect(screen.getByLabelText('Maximum per order')).toHaveAccessibleDescription('must be at least min_per_order');
    expect(within(screen.getByRole('form')).queryByRole('alert')).toBeNull();
  });
});
