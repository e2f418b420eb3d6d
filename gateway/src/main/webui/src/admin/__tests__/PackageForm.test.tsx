import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api';
import type { TicketPackage } from '../../lib/types';
import { PackageForm } from '../PackageForm';

const existing: TicketPackage = {
  id: 'p1',
  event_id: 'e1',
  name: 'VIP Table',
  description: null,
  price: 1200,
  quantity_limit: 10,
  sold_count: 2,
  available: 8,
  display_order: 0,
  image_url: null,
  is_enabled: true,
  version: 3,
  seats_per_package: 10,
  fair_market_value: null,
  custom_options: [],
};

describe('PackageForm', () => {
  it('shows the API rules as inline messages and sends nothing', async () => {
    const onSubmit = vi.fn();
    render(<PackageForm onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Create package' }));
    expect(await screen.findByText('Package name is required')).toBeInTheDocument();
    expect(screen.getByText('Price is required')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(screen.getByLabelText('Price (USD)'), '10.123');
    await userEvent.type(screen.getByLabelText('Quantity limit'), '0');
    await userEvent.type(screen.getByLabelText('Fair market value (USD)'), '20');
    await userEvent.click(screen.getByRole('button', { name: 'Create package' }));
    expect(await screen.findByText('Price must have at most 2 decimals')).toBeInTheDocument();
    expect(screen.getByText(/Quantity limit must be a whole number from 1 to 100,000/)).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Price (USD)'));
    await userEvent.type(screen.getByLabelText('Price (USD)'), '-5');
    await userEvent.click(screen.getByRole('button', { name: 'Create package' }));
    expect(await screen.findByText('Price cannot be negative')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('creates with a clean body', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    render(<PackageForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Name'), '  Gala seat ');
    await userEvent.type(screen.getByLabelText('Price (USD)'), '150.50');
    await userEvent.click(screen.getByRole('button', { name: 'Create package' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        name: 'Gala seat',
        price: 150.5,
        is_enabled: true,
        seats_per_package: 1,
      }),
    );
  });

  it('puts problem+json field errors on the matching fields', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        code: 'validation_failed',
        errors: [
          { field: 'price', message: 'must be at most 1000000.00' },
          { field: 'name', message: 'is already used' },
        ],
      }),
    );
    render(<PackageForm initial={existing} onSubmit={onSubmit} />);
    await userEvent.clear(screen.getByLabelText('Price (USD)'));
    await userEvent.type(screen.getByLabelText('Price (USD)'), '999.99');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('must be at most 1000000.00')).toBeInTheDocument();
    expect(screen.getByLabelText('Price (USD)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('is already used');
    expect(onSubmit).toHaveBeenCalledWith({ price: 999.99 }); // PATCH sends only what changed
  });

  it('explains a version conflict with a Reload action', async () => {
    const onReload = vi.fn();
    const onSubmit = vi.fn().mockRejectedValue(new ApiError(412, { code: 'version_conflict' }));
    render(<PackageForm initial={existing} onSubmit={onSubmit} onReload={onReload} />);
    await userEvent.type(screen.getByLabelText('Name'), '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Someone else changed this/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });
});
