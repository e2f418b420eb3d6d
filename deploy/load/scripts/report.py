"""Writes deploy/load/RESULTS.md and chart.svg from the results.json of one benchmark run."""
import json
import os
import sys

TARGETS = "../../../shared/design/ARCHITECTURE.md (Targets)"


def fmt(value, digits=1):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def ratio(a, b):
    if not a or not b:
        return None
    return a / b


def valid(phase):
    """A phase whose answers were not all expected (or that was not run) gives no figure."""
    return bool(phase) and phase.get("valid", True)


def sold(phase):
    return phase.get("sold_per_s") if valid(phase) else None


def shown(phase):
    if not phase:
        return "not run"
    if not valid(phase):
        return "**INVALID** (" + "; ".join(phase.get("invalid_because", [])) + ")"
    return fmt(phase.get("sold_per_s"))


def main(results_path, markdown_path, svg_path):
    r = json.load(open(results_path))
    machine = r.get("machine", {})
    pgbench = {int(k): v for k, v in r.get("pgbench", {}).items()}
    limit_clients, limit = max(pgbench.items(), key=lambda item: item[1]) if pgbench else (None, None)
    buyers = [16, 64, 200]
    ours = {n: r.get(f"hot_gateway_{n}", {}) for n in buyers}
    naive = {n: r.get(f"naive_gateway_{n}", {}) for n in buyers}
    direct = r.get("hot_direct_200", {})
    lines = []
    w = lines.append
    w("# Benchmark results")
    w("")
    w(f"Run on {machine.get('date', '?')}: {machine.get('cores', '?')} cores, {machine.get('memory_gib', '?')} GiB, "
      f"{machine.get('java', '?')}, {machine.get('postgresql', '?')}, kernel {machine.get('kernel', '?')}. "
      "Load generator, gateway, the four services, PostgreSQL, Kafka, Redis and Azurite all on this one machine.")
    w("")
    w(f"Command: `{machine.get('command', 'deploy/load/run')}` (raw outputs in `.local/load/`). "
      f"Targets: {TARGETS}.")
    w("")
    w("## 1. Hot package checkout (one package, one ticket per purchase)")
    w("")
    w("Database limit: `pgbench` running the sale's own transaction (conditional update + purchase + ticket + "
      "outbox row, fsync on, prepared statements) directly on the same PostgreSQL:")
    w("")
    w("| pgbench clients | " + " | ".join(str(c) for c in sorted(pgbench)) + " |")
    w("|---|" + "---|" * len(pgbench))
    w("| transactions/s | " + " | ".join(fmt(pgbench[c]) for c in sorted(pgbench)) + " |")
    w("")
    w(f"Best: **{fmt(limit)}/s at {limit_clients} clients** — the per-transaction limit the service is measured against.")
    w("")
    w("| buyers | ours: sold/s | p50 / p95 / p99 ms | answers | CPU ms per purchase | naive: sold/s | naive answers | naive CPU ms per purchase | ours / naive | ours / pgbench best |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for n in buyers:
        o, b = ours[n], naive[n]
        lat = o.get("latency_ms", {})
        w(f"| {n} | {shown(o)} | {fmt(lat.get('p50'))} / {fmt(lat.get('p95'))} / {fmt(lat.get('p99'))} | "
          f"{o.get('status', {})} | {fmt(o.get('cpu_ms_per_purchase'), 2)} | {shown(b)} | {b.get('status', {})} | "
          f"{fmt(b.get('cpu_ms_per_purchase'), 2)} | "
          f"{fmt(ratio(sold(o), sold(b)), 2)}× | {fmt(ratio(sold(o), limit), 2)}× |")
    w("")
    w("CPU ms per purchase: the CPU time of every process on the machine but the load generator (services, "
      "PostgreSQL, Kafka, Redis, Azurite) over the phase, divided by its successful purchases — how far the design is "
      "from what the hardware can do. A phase is **INVALID** when any answer was not the expected one (201; the naive "
      "design also 409 `version_conflict`) or a socket failed: its figure is not used.")
    w("")
    failed = {n: naive[n].get("status", {}).get("409", naive[n].get("status", {}).get(409, 0)) for n in buyers}
    w("Naive buyers refused although tickets remained (409 `version_conflict` after 3 retries): "
      + ", ".join(f"{n} buyers: {fmt(failed[n])}" for n in buyers) + ".")
    w("")
    c = r.get("hot_consistency", {})
    ok = c.get('sold_count') == c.get('sum_quantity') and not c.get('over_limit')
    w(f"Consistency after the run, over the {c.get('packages', 1)} packages sold here (warm-up, sweep, gateway-overhead "
      f"pair; unlimited, so none could sell out while measured): inventory sold_count = {c.get('sold_count')}, sum of purchase quantities = "
      f"{c.get('sum_quantity')}, packages over their limit: {c.get('over_limit', 0)} → "
      f"{'equal, no oversell' if ok else 'MISMATCH'}.")
    w("")
    run = r.get("consistency")
    if run:
        w(f"Consistency of the whole run (every phase's purchases of the event): purchase-service's rows "
          f"{run.get('truth')}, the catalog's sales view {run.get('sales_view')}, promo uses {run.get('promo_uses')} → "
          f"{'equal' if run.get('equal') else '**MISMATCH**'} (confirmed uses = purchases with a code; current uses = "
          f"confirmed + held).")
        held = (run.get("promo_uses") or {}).get("held") if isinstance(run.get("promo_uses"), dict) else None
        if held:
            w("")
            w(f"**{held:,} promo uses were still held** when the run ended: requests that wrk cut off at a phase's end "
              "after their redeem. purchase-service does not give such a use back itself (a cancelled request skips "
              "its compensation), so it stays held until promo's reconciliation asks purchase-service about it "
              "(`PROMO_RECONCILE_MAX_AGE`, 5 min) and releases it: a capped code loses those uses for that long. A "
              "known gap, left for the next stop.")
        w("")
    again = r.get("hot_gateway_200_after_direct", {})
    g = sold(again) if again else sold(ours[200])
    d = sold(direct)
    overhead = (1 - g / d) * 100 if g and d else None
    w(f"Gateway overhead at 200 buyers: direct to purchase-service {shown(direct)} sold/s, through the gateway right after it "
      f"{shown(again)} sold/s (answers {again.get('status')}) → **{fmt(overhead)} % throughput loss** (target ≤ 10 %).")
    w("")
    codes = {v: r.get(f"hot_code_{v}_200", {}) for v in ("unlimited", "capped")}
    if any(codes.values()):
        w("### Everyone with one promo code (200 buyers through the gateway)")
        w("")
        w("| code | sold/s | p50 / p99 ms | answers | CPU ms per purchase | throughput against no code |")
        w("|---|---|---|---|---|---|")
        base = ours[200]
        w(f"| none (the sweep above) | {shown(base)} | {fmt(base.get('latency_ms', {}).get('p50'))} / "
          f"{fmt(base.get('latency_ms', {}).get('p99'))} | {base.get('status', {})} | {fmt(base.get('cpu_ms_per_purchase'), 2)} | 1.00× |")
        for variant, label in (("unlimited", "one code, no limits"), ("capped", "one code, max_total_uses 10,000,000")):
            phase = codes[variant]
            w(f"| {label} | {shown(phase)} | {fmt(phase.get('latency_ms', {}).get('p50'))} / "
              f"{fmt(phase.get('latency_ms', {}).get('p99'))} | {phase.get('status', {})} | "
              f"{fmt(phase.get('cpu_ms_per_purchase'), 2)} | {fmt(ratio(sold(phase), sold(base)), 2)}× |")
        w("")
        w("With a code each purchase also makes purchase-service's redeem call to promo-service (one transaction there: "
          "the application row, the counting UPDATE of the code's row) before its claim; the capped code's counter is "
          "exact, so every redeem updates that one row.")
        w("")
    s = r.get("storm", {})
    w("## 2. Sold-out storm")
    w("")
    w(f"1,000 concurrent buyers for 100 tickets: answers {s.get('status')}, sold_count afterwards {s.get('sold_count')} "
      f"(exactly 100 expected), all answered within {fmt(s.get('total_s'), 2)} s (slowest answer {fmt(s.get('last_answer_s'), 2)} s).")
    w("")
    live = r.get("live", {})
    w("## 3. Live count latency")
    w("")
    w(f"{fmt(live.get('sales'), 0)} sales at a steady rate, each from its 201 (committed) to the first SSE `sales` event "
      f"showing it: **p50 {fmt(live.get('p50_ms'))} ms, p99 {fmt(live.get('p99_ms'))} ms** (max {fmt(live.get('max_ms'))} ms; "
      f"target p99 ≤ 500 ms). Failed purchases: {fmt(live.get('failures'), 0)}, sales never seen: {fmt(live.get('missing'), 0)}.")
    w("")
    pc, pu, pd = r.get("promo_cached", {}), r.get("promo_uncached", {}), r.get("promo_cached_direct", {})
    w("## 4. Promo validate at 500 requests/s")
    w("")
    w("| | requests/s | p50 ms | p99 ms | answers |")
    w("|---|---|---|---|---|")
    w(f"| cached (Redis), through the gateway | {fmt(pc.get('requests_per_s'))} | {fmt(pc.get('p50_ms'), 2)} | {fmt(pc.get('p99_ms'), 2)} | {pc.get('status')} |")
    w(f"| cached (Redis), direct to promo-service | {fmt(pd.get('requests_per_s'))} | {fmt(pd.get('p50_ms'), 2)} | {fmt(pd.get('p99_ms'), 2)} | {pd.get('status')} |")
    w(f"| uncached, through the gateway | {fmt(pu.get('requests_per_s'))} | {fmt(pu.get('p50_ms'), 2)} | {fmt(pu.get('p99_ms'), 2)} | {pu.get('status')} |")
    w("")
    w("Each after a warm-up at the same rate; `hey` with 10 workers at 50 requests/s each. A cached validate is one Redis "
      "round trip (the code and the donor's anti-guessing count in one MGET), the package from a 1 s in-memory cache, and "
      "a database read only for codes with usage limits. Target: cached p99 ≤ 10 ms.")
    w("")
    w("## 5. Footprint (JVM mode)")
    w("")
    w("| service | start to ready s | RSS idle MiB | RSS under the 200-buyer load MiB |")
    w("|---|---|---|---|")
    for svc, f in r.get("footprint", {}).items():
        w(f"| {svc} | {fmt(f.get('ready_s'), 2)} | {fmt(f.get('rss_idle_mib'))} | {fmt(f.get('rss_load_mib'))} |")
    w("")
    w("Targets: ready ≤ 3 s, RSS ≤ 300 MiB under load.")
    w("")
    w("## Against the targets of ARCHITECTURE.md")
    w("")
    w("| target | measured | |")
    w("|---|---|---|")
    def verdict(ok):
        return "met" if ok else "**missed**"
    best = sold(ours[200])
    w(f"| 200 buyers through the gateway ≥ 1.5× pgbench best ({fmt(limit)}/s) | {shown(ours[200])}/s = {fmt(ratio(best, limit), 2)}× | {verdict(best and limit and best >= 1.5 * limit)} |")
    for n in buyers:
        rt = ratio(sold(ours[n]), sold(naive[n]))
        w(f"| {n} buyers: ≥ 5× the naive design | {fmt(rt, 1)}× | {verdict(rt and rt >= 5)} |")
    s64, s200 = sold(ours[64]), sold(ours[200])
    w(f"| 200 buyers no more than 5 % below 64 | {fmt(s64)} → {fmt(s200)}/s | {verdict(s64 and s200 and s200 >= 0.95 * s64)} |")
    bad = sum(int(v) for k, v in ours[200].get("status", {}).items() if str(k).startswith("5"))
    w(f"| zero 5xx, zero oversell | 5xx: {bad}; sold_count {c.get('sold_count')} = Σ quantity {c.get('sum_quantity')} | {verdict(bad == 0 and c.get('sold_count') is not None and c.get('sold_count') == c.get('sum_quantity') and not c.get('over_limit'))} |")
    w(f"| sale → stream p99 ≤ 500 ms | {fmt(live.get('p99_ms'))} ms | {verdict(live.get('p99_ms') is not None and live.get('p99_ms') <= 500)} |")
    w(f"| cached promo validate p99 ≤ 10 ms at 500/s, through the gateway | {fmt(pc.get('p99_ms'), 2)} ms at {fmt(pc.get('requests_per_s'))}/s | {verdict(pc.get('p99_ms') is not None and pc.get('p99_ms') <= 10)} |")
    w(f"| cached promo validate p99 ≤ 10 ms at 500/s, direct | {fmt(pd.get('p99_ms'), 2)} ms at {fmt(pd.get('requests_per_s'))}/s | {verdict(pd.get('p99_ms') is not None and pd.get('p99_ms') <= 10)} |")
    w(f"| gateway overhead ≤ 10 % | {fmt(overhead)} % | {verdict(overhead is not None and overhead <= 10)} |")
    for variant in ("unlimited", "capped"):
        if codes.get(variant):
            cost = ratio(sold(codes[variant]), sold(ours[200]))
            w(f"| one shared promo code ({variant}) costs ≤ 20 % of the throughput | "
              f"{fmt(None if cost is None else (1 - cost) * 100)} % | {verdict(cost is not None and cost >= 0.8)} |")
    slow = [svc for svc, f in r.get("footprint", {}).items() if (f.get("ready_s") or 99) > 3]
    heavy = [svc for svc, f in r.get("footprint", {}).items() if (f.get("rss_load_mib") or 0) > 300]
    w(f"| ready ≤ 3 s, RSS ≤ 300 MiB under load | slower: {', '.join(slow) or 'none'}; heavier: {', '.join(heavy) or 'none'} | {verdict(not slow and not heavy)} |")
    if run:
        w(f"| every view equals purchase-service's rows (sold, tickets, revenue, promo uses) | {'equal' if run.get('equal') else 'mismatch'} | {verdict(run.get('equal'))} |")
    w("")
    w("![throughput and latency](chart.svg)")
    w("")
    # The profiling notes behind the misses are written by hand (deploy/load/analysis.md) and kept with the figures.
    analysis = os.path.join(os.path.dirname(os.path.abspath(markdown_path)), "analysis.md")
    if os.path.exists(analysis):
        w(open(analysis).read().rstrip())
        w("")
    open(markdown_path, "w").write("\n".join(lines))
    open(svg_path, "w").write(chart(buyers, ours, naive, limit))


def chart(buyers, ours, naive, limit):
    width, height, left, bottom = 720, 360, 70, 300
    values = [sold(ours[n]) or 0 for n in buyers] + [sold(naive[n]) or 0 for n in buyers]
    top = max(values + [limit or 0, 1]) * 1.15
    scale = (bottom - 40) / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">Hot package: successful purchases/s (p99 ms above bars)</text>',
             f'<line x1="{left}" y1="{bottom}" x2="{width - 20}" y2="{bottom}" stroke="#333"/>']
    group = (width - left - 40) / len(buyers)
    for i, n in enumerate(buyers):
        x0 = left + i * group + 20
        for j, (label, data, color) in enumerate((("ours", ours[n], "#2f6fdf"), ("naive", naive[n], "#d9534f"))):
            v = sold(data) or 0
            h = v * scale
            x = x0 + j * 70
            parts.append(f'<rect x="{x}" y="{bottom - h}" width="60" height="{h}" fill="{color}"/>')
            label = f"{v:,.0f}/s" if valid(data) else "invalid"
            parts.append(f'<text x="{x + 30}" y="{bottom - h - 18}" text-anchor="middle">{label}</text>')
            p99 = data.get("latency_ms", {}).get("p99")
            if p99 is not None:
                parts.append(f'<text x="{x + 30}" y="{bottom - h - 5}" text-anchor="middle" fill="#555">p99 {p99:,.0f}</text>')
        parts.append(f'<text x="{x0 + 65}" y="{bottom + 18}" text-anchor="middle">{n} buyers</text>')
    if limit:
        y = bottom - limit * scale
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - 20}" y2="{y}" stroke="#2a9d55" stroke-dasharray="6,4"/>')
        parts.append(f'<text x="{width - 22}" y="{y - 5}" text-anchor="end" fill="#2a9d55">pgbench best {limit:,.0f}/s</text>')
    parts.append(f'<rect x="{left}" y="{height - 30}" width="12" height="12" fill="#2f6fdf"/><text x="{left + 18}" y="{height - 20}">ours (batched conditional claim)</text>')
    parts.append(f'<rect x="{left + 260}" y="{height - 30}" width="12" height="12" fill="#d9534f"/><text x="{left + 278}" y="{height - 20}">naive optimistic retry</text>')
    parts.append("</svg>")
    return "\n".join(parts)


if __name__ == "__main__":
    main(*sys.argv[1:4])
