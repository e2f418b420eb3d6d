import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatDateTime, formatMoney } from '../lib/format';
import { explain } from '../lib/messages';
import type { PurchasePage } from '../lib/types';
import { Alert } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { useAdminApi, usePackages } from './hooks';
import { OriginBadges, StatusBadge } from './OrderBadges';
import { ordersBase, ordersKey } from './orders';

const PAGE_SIZE = 25;
const STATUSES = ['active', 'cancelled'] as const;

/** Every order of the event, newest first: searchable by ticket number, email or guest, filtered by status. */
export default function OrdersPage() {
  const { eventId = '' } = useParams();
  const call = useAdminApi();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = STATUSES.find((s) => s === params.get('status')) ?? '';
  const page = Math.max(0, Math.floor(Number(params.get('page')) || 0));
  const [typed, setTyped] = useState(q);
  const packages = usePackages(eventId);
  const packageName = (id: string) => packages.data?.find((p) => p.id === id)?.name ?? '—';

  const orders = useQuery({
    queryKey: [...ordersKey(eventId), { q, status, page }],
    queryFn: () => {
      const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
      if (q) query.set('q', q);
      if (status) query.set('status', status);
      return call<PurchasePage>(`${ordersBase(eventId)}?${query}`);
    },
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    update({ q: typed.trim(), page: '' });
  };

  const data = orders.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / (data.size || PAGE_SIZE))) : 1;
  return (
    <>
      <div className="page-head">
        <PageTitle>Orders</PageTitle>
        <Link className="btn btn-primary" to="new">
          New order
        </Link>
      </div>
      <form className="card filters" onSubmit={search} role="search" aria-label="Orders">
        <div className="field grow">
          <label htmlFor="order-search">Search orders</label>
          <input
            id="order-search"
            type="search"
            maxLength={100}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-describedby="order-search-hint"
            autoComplete="off"
            spellCheck={false}
          />
          <p id="order-search-hint" className="hint">
            Ticket number, buyer email, or a guest’s name or email.
          </p>
        </div>
        <div className="field">
          <label htmlFor="order-status">Status</label>
          <select id="order-status" value={status} onChange={(e) => update({ status: e.target.value, page: '' })}>
            <option value="">All</option>
            <option value="active">Active</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </div>
        <div className="filters-actions">
          <button type="submit" className="btn btn-primary">
            Search
          </button>
          {q && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setTyped('');
                update({ q: '', page: '' });
              }}
            >
              Clear
            </button>
          )}
        </div>
      </form>
      {orders.isPending && <p role="status">Loading orders…</p>}
      {orders.isError && <Alert>{explain(orders.error)}</Alert>}
      {data && data.purchases.length === 0 && (
        <p className="empty card">{q || status ? 'No orders match.' : 'No orders yet.'}</p>
      )}
      {data && data.purchases.length > 0 && (
        <div className="table-wrap card">
          <table>
            <caption className="visually-hidden">Orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Buyer</th>
                <th scope="col">Package</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Refunded
                </th>
                <th scope="col">Status</th>
                <th scope="col">Origin</th>
              </tr>
            </thead>
            <tbody>
              {data.purchases.map((p) => (
                <tr key={p.id} data-testid="order-row">
                  <td>
                    <Link
                      to={p.id}
                      aria-label={`Open order of ${formatDateTime(p.created_at)}${buyer(p) ? ` by ${buyer(p)}` : ''}`}
                    >
                      {formatDateTime(p.created_at)}
                    </Link>
                  </td>
                  <td>
                    {p.email ?? <span className="muted">no email</span>}
                    {p.name && <div className="muted small">{p.name}</div>}
                  </td>
                  <td>{packageName(p.package_id)}</td>
                  <td className="num">{p.quantity}</td>
                  <td className="num">{formatMoney(p.total_price)}</td>
                  <td className="num">{Number(p.refunded_amount ?? 0) > 0 ? formatMoney(p.refunded_amount) : '—'}</td>
                  <td>
                    <StatusBadge status={p.status ?? 'active'} />
                  </td>
                  <td>
                    <OriginBadges purchase={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > 0 && (
        <nav className="pager" aria-label="Order pages">
          <button
            type="button"
            className="btn btn-small"
            disabled={page === 0}
            onClick={() => update({ page: String(page - 1) })}
          >
            Previous page
          </button>
          <span role="status">
            Page {page + 1} of {pages} · {data.total} order{data.total === 1 ? '' : 's'}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={page + 1 >= pages}
            onClick={() => update({ page: String(page + 1) })}
          >
            Next page
          </button>
        </nav>
      )}
    </>
  );
}

const buyer = (p: { email?: string | null; name?: string | null }) => p.name ?? p.email ?? '';
