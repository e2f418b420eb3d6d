import type { SalesPoint } from './useSalesStream';

/** Packages sold since the page opened: a step line in inline SVG (no chart library). */
export function SalesChart({ points }: { points: SalesPoint[] }) {
  const width = 600;
  const height = 160;
  const pad = 24;
  if (points.length === 0) return <p className="muted">Waiting for the first update…</p>;
  // The line runs to the latest update (the chart is a pure function of its points; no clock read in render).
  const now = points[points.length - 1].at;
  const start = points[0].at;
  const span = Math.max(60_000, now - start);
  const min = points[0].totalSold;
  const max = Math.max(min + 1, ...points.map((p) => p.totalSold));
  const x = (t: number) => pad + ((t - start) / span) * (width - 2 * pad);
  const y = (v: number) => height - pad - ((v - min) / (max - min)) * (height - 2 * pad);
  let d = `M ${x(points[0].at)} ${y(points[0].totalSold)}`;
  for (const p of points.slice(1)) d += ` H ${x(p.at)} V ${y(p.totalSold)}`;
  d += ` H ${x(now)}`;
  const gained = points[points.length - 1].totalSold - min;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${gained} packages sold since this page opened`}>
        <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} className="axis" />
        <text x={pad} y={height - 6} className="tick">
          {new Date(start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        </text>
        <text x={width - pad} y={height - 6} className="tick" textAnchor="end">
          now
        </text>
        <text x={pad} y={pad - 8} className="tick">
          {max}
        </text>
        <path d={`${d} V ${height - pad} H ${x(points[0].at)} Z`} className="area" />
        <path d={d} className="line" />
      </svg>
      <figcaption>+{gained} since this page opened</figcaption>
    </figure>
  );
}
