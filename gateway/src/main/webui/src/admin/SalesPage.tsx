import { useState } from 'react';
import { useParams } from 'react-router';
import { downloadFile } from '../lib/api';
import { useAdminAuth } from '../lib/auth';
import { formatDateTime, formatMoney } from '../lib/format';
import { explain } from '../lib/messages';
import { Alert } from '../components/Alert';
import { PageTitle } from '../components/PageTitle';
import { adminBase } from './hooks';
import { SalesChart } from './SalesChart';
import { useSalesStream, type StreamState } from './useSalesStream';

const STATE_TEXT: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Stopped',
};

export default function SalesPage() {
  const { eventId = '' } = useParams();
  const token = useAdminAuth((s) => s.token);
  const url = token ? `${adminBase(eventId)}/tickets/sales/stream?access_token=${encodeURIComponent(token)}` : null;
  const { sales, state, history } = useSalesStream(url);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);

  const exportCsv = async (path: string, name: string) => {
    setExportError(null);
    setExporting(name);
    try {
      await downloadFile(`${adminBase(eventId)}/tickets/${path}`, token, name);
    } catch (err) {
      setExportError(explain(err));
    } finally {
      setExporting(null);
    }
  };

  return (
    <>
      <div className="page-head">
        <PageTitle>Live sales</PageTitle>
        <span className={`stream-state stream-${state}`} role="status" data-testid="stream-state">
          <span className="dot" aria-hidden="true" /> {STATE_TEXT[state]}
        </span>
      </div>
      <div className="stats">
        <div className="stat card">
          <span className="stat-label">Packages sold</span>
          <span className="stat-value" data-testid="total-sold">
            {sales?.total_sold ?? '—'}
          </span>
        </div>
        <div className="stat card">
          <span className="stat-label">Tickets (seats)</span>
          <span className="stat-value">{sales?.total_tickets ?? sales?.total_sold ?? '—'}</span>
        </div>
        <div className="stat card">
          <span className="stat-label">Revenue</span>
          <span className="stat-value">{sales ? formatMoney(sales.total_revenue) : '—'}</span>
        </div>
      </div>
      <section className="card">
        <h2>Since this page opened</h2>
        <SalesChart points={history} />
      </section>
      <section className="card">
        <h2>By package</h2>
        {sales?.packages.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col">Sold</th>
                <th scope="col">Revenue</th>
              </tr>
            </thead>
            <tbody>
              {sales.packages.map((p) => (
                <tr key={p.package_id}>
                  <th scope="row">{p.name}</th>
                  <td>
                    {p.sold_count} / {p.quantity_limit ?? '∞'}
                    {p.quantity_limit ? (
                      <progress
                        max={p.quantity_limit}
                        value={Math.min(p.sold_count, p.quantity_limit)}
                        aria-label={`${p.name} sold`}
                      />
                    ) : null}
                  </td>
                  <td>{formatMoney(p.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{sales ? 'No packages yet.' : 'Waiting for data…'}</p>
        )}
        {sales && <p className="hint">Updated {formatDateTime(sales.updated_at)}</p>}
      </section>
      <section className="card">
        <h2>Exports</h2>
        {exportError && <Alert>{exportError}</Alert>}
        <div className="form-actions start">
          <button
            className="btn"
            disabled={!!exporting}
            onClick={() => exportCsv('purchases/export.csv', 'purchases.csv')}
          >
            {exporting === 'purchases.csv' ? 'Preparing…' : 'Download purchases (CSV)'}
          </button>
          <button className="btn" disabled={!!exporting} onClick={() => exportCsv('guests.csv', 'guests.csv')}>
            {exporting === 'guests.csv' ? 'Preparing…' : 'Download guest list (CSV)'}
          </button>
        </div>
      </section>
    </>
  );
}
