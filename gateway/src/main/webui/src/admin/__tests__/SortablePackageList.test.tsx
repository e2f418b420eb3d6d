import { act, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketPackage } from '../../lib/types';
import { SortablePackageList } from '../SortablePackageList';

const pkg = (id: string, name: string, order: number): TicketPackage => ({
  id,
  event_id: 'e',
  name,
  description: null,
  price: 100,
  quantity_limit: 50,
  sold_count: 5,
  available: 45,
  display_order: order,
  image_url: null,
  is_enabled: true,
  version: 1,
  custom_options: [],
});

// jsdom has no layout: give each card a rect from its position so dnd-kit's keyboard coordinates work.
const original = Element.prototype.getBoundingClientRect;
beforeEach(() => {
  Element.prototype.getBoundingClientRect = function () {
    const card = (this as Element).closest('[data-index]');
    const index = card ? Number(card.getAttribute('data-index')) : 0;
    const top = index * 100;
    return {
      x: 0,
      y: top,
      top,
      left: 0,
      width: 400,
      height: 90,
      bottom: top + 90,
      right: 400,
      toJSON: () => ({}),
    } as DOMRect;
  };
});
afterEach(() => {
  Element.prototype.getBoundingClientRect = original;
});

describe('SortablePackageList', () => {
  it('moves a package down with the keyboard (Space, ArrowDown, Space)', async () => {
    const onReorder = vi.fn();
    render(
      <MemoryRouter>
        <SortablePackageList
          packages={[pkg('a', 'Gala seat', 0), pkg('b', 'VIP table', 1), pkg('c', 'Student', 2)]}
          onReorder={onReorder}
          onToggle={vi.fn()}
          editHref={(p) => p.id}
        />
      </MemoryRouter>,
    );
    const handle = screen.getByRole('button', { name: 'Reorder Gala seat' });
    handle.focus();
    // dnd-kit listens for the next keys on the document one tick after the drag starts.
    const press = async (code: string, key: string) => {
      await act(async () => {
        fireEvent.keyDown(document.activeElement ?? handle, { code, key });
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    };
    await press('Space', ' ');
    await press('ArrowDown', 'ArrowDown');
    await press('Space', ' ');
    expect(onReorder).toHaveBeenCalledWith(['b', 'a', 'c']);
  });

  it('switches a package off', () => {
    const onToggle = vi.fn();
    const p = pkg('a', 'Gala seat', 0);
    render(
      <MemoryRouter>
        <SortablePackageList packages={[p]} onReorder={vi.fn()} onToggle={onToggle} editHref={(x) => x.id} />
      </MemoryRouter>,
    );
    fireEvent.click(screen.getByRole('switch', { name: 'Gala seat enabled' }));
    expect(onToggle).toHaveBeenCalledWith(p, false);
    expect(screen.getByText('5 sold / 50')).toBeInTheDocument();
  });

  it('badges each package: on sale, on sale from, sales ended, hidden, and the tier in force', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T12:00:00Z'));
    try {
      const list = [
        { ...pkg('a', 'Open seat', 0), sales_start_at: null, sales_end_at: null, visibility: 'public' as const },
        { ...pkg('b', 'Friday seat', 1), sales_start_at: '2026-12-04T09:00:00.000Z', sales_end_at: null },
        { ...pkg('c', 'Past seat', 2), sales_start_at: null, sales_end_at: '2026-12-01T09:00:00.000Z' },
        {
          ...pkg('d', 'Sponsor table', 3),
          visibility: 'hidden' as const,
          min_per_order: 2,
          max_per_order: 2,
          price_tiers: [
            { label: 'Early bird', price: 100, ends_at: '2026-12-01T09:00:00.000Z' },
            { label: 'Advance', price: 125, ends_at: '2026-12-11T09:00:00.000Z' },
          ],
        },
      ];
      render(
        <MemoryRouter>
          <SortablePackageList
            packages={list}
            onReorder={vi.fn()}
            onToggle={vi.fn()}
            editHref={(x) => x.id}
            timeZone="Europe/Paris"
          />
        </MemoryRouter>,
      );
      const badges = screen.getAllByTestId('package-badges').map((b) => b.textContent);
      const paris = (iso: string) =>
        new Intl.DateTimeFormat(undefined, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/Paris',
        }).format(new Date(iso));
      expect(badges).toEqual([
        'On sale',
        `On sale from ${paris('2026-12-04T09:00:00Z')}`,
        'Sales ended',
        `On saleHiddenAdvance — $125.00 until ${paris('2026-12-11T09:00:00Z')}`,
      ]);
      expect(screen.getByText(/\$100\.00 · sold in pairs/)).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});
