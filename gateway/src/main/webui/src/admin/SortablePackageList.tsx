import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
  type Announcements,
} from '@dnd-kit/core';
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Link } from 'react-router';
import { formatMoney } from '../lib/format';
import { describeTier, formatInstant, nextChange, pricing, quantityHint, saleState } from '../lib/salesRules';
import type { TicketPackage } from '../lib/types';
import { useNow } from '../lib/useNow';

interface Props {
  packages: TicketPackage[];
  onReorder: (packageIds: string[]) => void;
  onToggle: (pkg: TicketPackage, enabled: boolean) => void;
  editHref: (pkg: TicketPackage) => string;
  busyIds?: Set<string>;
  /** The zone of the sales times shown; undefined = the browser's. */
  timeZone?: string;
}

const earliest = (times: (number | null)[]) =>
  times.reduce<number | null>((min, t) => (t !== null && (min === null || t < min) ? t : min), null);

/** Package cards in display order; drag by the handle with a mouse, touch, or the keyboard (Space, arrows, Space). */
export function SortablePackageList({ packages, onReorder, onToggle, editHref, busyIds, timeZone }: Props) {
  const now = useNow((at) => earliest(packages.map((p) => nextChange(p, at))));
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: unknown) => packages.find((p) => p.id === id)?.name ?? 'package';
  const positionOf = (id: unknown) => packages.findIndex((p) => p.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${nameOf(active.id)}, position ${positionOf(active.id)} of ${packages.length}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} moved to position ${positionOf(over.id)} of ${packages.length}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? `${nameOf(active.id)} dropped at position ${positionOf(over.id)} of ${packages.length}.`
        : `${nameOf(active.id)} dropped.`,
    onDragCancel: ({ active }) =>
      `Reordering cancelled. ${nameOf(active.id)} is back at position ${positionOf(active.id)}.`,
  };

  const handleDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = packages.findIndex((p) => p.id === active.id);
    const to = packages.findIndex((p) => p.id === over.id);
    onReorder(arrayMove(packages, from, to).map((p) => p.id));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={handleDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: 'To reorder, press Space, move with the arrow keys, then press Space to drop or Escape to cancel.',
        },
      }}
    >
      <SortableContext items={packages.map((p) => p.id)} strategy={verticalListSortingStrategy}>
        <ol className="package-list" aria-label="Ticket packages in display order">
          {packages.map((pkg, index) => (
            <PackageCard
              key={pkg.id}
              pkg={pkg}
              index={index}
              onToggle={onToggle}
              editHref={editHref(pkg)}
              busy={busyIds?.has(pkg.id) ?? false}
              now={now}
              timeZone={timeZone}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function PackageCard({
  pkg,
  index,
  onToggle,
  editHref,
  busy,
  now,
  timeZone,
}: {
  pkg: TicketPackage;
  index: number;
  onToggle: Props['onToggle'];
  editHref: string;
  busy: boolean;
  now: number;
  timeZone?: string;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: pkg.id,
  });
  const sold = pkg.sold_count ?? 0;
  const state = saleState(pkg, now);
  const { tier } = pricing(pkg, now);
  const limits = quantityHint(pkg.min_per_order, pkg.max_per_order);
  const percent = pkg.quantity_limit ? Math.min(100, Math.round((sold / pkg.quantity_limit) * 100)) : 0;
  return (
    <li
      ref={setNodeRef}
      data-testid="package-card"
      data-index={index}
      className={`package-card card ${isDragging ? 'dragging' : ''} ${pkg.is_enabled ? '' : 'disabled'}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="drag-handle"
        aria-label={`Reorder ${pkg.name}`}
        {...attributes}
        {...listeners}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="7" cy="5" r="1.6" />
          <circle cx="13" cy="5" r="1.6" />
          <circle cx="7" cy="10" r="1.6" />
          <circle cx="13" cy="10" r="1.6" />
          <circle cx="7" cy="15" r="1.6" />
          <circle cx="13" cy="15" r="1.6" />
        </svg>
      </button>
      <div className="package-thumb">
        {pkg.image_url ? <img src={pkg.image_url} alt="" loading="lazy" /> : <span aria-hidden="true">🎟</span>}
      </div>
      <div className="package-body">
        <h3>
          <Link to={editHref}>{pkg.name}</Link>
        </h3>
        <p className="muted">
          {formatMoney(pkg.price)}
          {(pkg.seats_per_package ?? 1) > 1 && ` · table of ${pkg.seats_per_package}`}
          {limits && ` · ${limits.toLowerCase()}`}
          {pkg.custom_options?.length
            ? ` · ${pkg.custom_options.length} question${pkg.custom_options.length > 1 ? 's' : ''}`
            : ''}
        </p>
        <p className="badges" data-testid="package-badges">
          {state.kind === 'on_sale' && <span className="badge badge-ok">On sale</span>}
          {state.kind === 'upcoming' && (
            <span className="badge badge-info">On sale from {formatInstant(state.startsAt, { timeZone })}</span>
          )}
          {state.kind === 'ended' && <span className="badge badge-danger">Sales ended</span>}
          {pkg.visibility === 'hidden' && <span className="badge badge-warn">Hidden</span>}
          {tier && <span className="badge badge-info">{describeTier(tier, { timeZone })}</span>}
        </p>
        <div className="sold">
          <span>
            {sold} sold / {pkg.quantity_limit ?? '∞'}
          </span>
          {pkg.quantity_limit ? (
            <progress
              max={pkg.quantity_limit}
              value={Math.min(sold, pkg.quantity_limit)}
              aria-label={`${pkg.name}: ${percent}% sold`}
            />
          ) : null}
        </div>
      </div>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={pkg.is_enabled}
          disabled={busy}
          onChange={(e) => onToggle(pkg, e.target.checked)}
          aria-label={`${pkg.name} enabled`}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-text">{pkg.is_enabled ? 'Enabled' : 'Disabled'}</span>
      </label>
    </li>
  );
}
