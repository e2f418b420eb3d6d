#!/usr/bin/env node
// End-to-end walk of the web UI against a running stack (gateway + services):
//   GATEWAY_URL=http://localhost:8080 COORDINATOR_TOKEN=... DONOR_TOKEN=... EVENT_ID=... node e2e/ui.e2e.mjs
// (DOOR_TOKEN, a door_staff token of EVENT_ID, is optional: without it one is minted with the local dev key.)
// Uses the machine's Chromium through playwright-core (no browser download). Prints "N passed, M failed".
import { chromium } from 'playwright-core';
import { createSign, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const GATEWAY = (process.env.GATEWAY_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const COORDINATOR_TOKEN = process.env.COORDINATOR_TOKEN;
const DONOR_TOKEN = process.env.DONOR_TOKEN;
const EVENT_ID = process.env.EVENT_ID;
const SHOTS = resolve(process.env.E2E_SCREENSHOTS ?? './e2e-screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The door (API.md, "Door operations") is walked with a door_staff token: DOOR_TOKEN when given, else one minted here
// like `stack token` does, with the local stack's development key (FUNDRBOLT_DEV_KEYS, default deploy/local/dev-keys).
const DEV_KEYS = process.env.FUNDRBOLT_DEV_KEYS ?? new URL('../../local/dev-keys', import.meta.url).pathname;

if (!COORDINATOR_TOKEN || !DONOR_TOKEN || !EVENT_ID) {
  console.error('Set COORDINATOR_TOKEN, DONOR_TOKEN and EVENT_ID (and GATEWAY_URL if not http://localhost:8080).');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

/** A small valid PNG (solid colour), made here so the test needs no fixture file. */
function makePng(width = 32, height = 20, rgb = [67, 56, 202]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An RS256 JWT signed with the development key, with the claims deploy/local/tools/TokenTool.java writes. */
function mintToken({ roles, events, ttl = 3600 }) {
  const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: process.env.FUNDRBOLT_JWT_ISSUER ?? 'https://auth.fundrbolt.dev/local',
    aud: process.env.FUNDRBOLT_JWT_AUDIENCE ?? 'fundrbolt-tickets',
    sub: randomUUID(), iat: now, exp: now + ttl, jti: randomUUID(), groups: roles, ...(events ? { events } : {}),
  };
  const input = `${b64({ kid: 'dev-jwt-1', typ: 'JWT', alg: 'RS256' })}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(readFileSync(join(DEV_KEYS, 'jwt-dev-private.pem'), 'utf8'));
  return `${input}.${signature.toString('base64url')}`;
}

const results = [];
let failedAlready = false;
async function step(name, fn) {
  if (failedAlready) {
    results.push({ name, ok: false, skipped: true });
    console.log(`SKIP ${name} (an earlier step failed)`);
    return;
  }
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failedAlready = true;
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error?.message?.split('\n')[0] ?? error}`);
  }
}

mkdirSync(SHOTS, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'fundrbolt-e2e-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
context.setDefaultTimeout(15_000);
const consoleErrors = [];
// Every page the browser opens reports its Content-Security-Policy violations (blocked and report-only alike) to
// this test, so the admin and checkout flows below prove the SPA works under the gateway's CSP (issue 16).
const cspViolations = [];
await context.exposeBinding('__e2eCspViolation', ({ page }, text) => cspViolations.push(`${page.url()}: ${text}`));
await context.addInitScript(() =>
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__e2eCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`)));
const cspMessage = (m) => /Content Security Policy|Refused to/i.test(m.text());
const admin = context.pages()[0] ?? (await context.newPage());
// The browser logs every non-2xx as an error; the upload's expected 404s while a new package is on its way
// to media-service are the UI working as designed, not a fault.
// At the door, a ticket scanned twice answers 409 (shown as "Already in"), and offline requests fail by design.
// A code that unlocks a brand-new package answers 422 until promo-service has learnt the package (catalog.packages).
const expected = (m) =>
  (m.text().includes('404') && (m.location()?.url ?? '').endsWith('/image')) ||
  (m.text().includes('422') && (m.location()?.url ?? '').endsWith('/promo-codes')) ||
  (m.text().includes('409') && (m.location()?.url ?? '').endsWith('/tickets/check-in')) ||
  m.text().includes('ERR_INTERNET_DISCONNECTED');
admin.on('console', (m) => {
  if (cspMessage(m)) cspViolations.push(`admin console: ${m.text()}`);
  else if (m.type() === 'error' && !expected(m)) consoleErrors.push(`admin: ${m.text()}`);
});
const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const stamp = Date.now().toString(36).toUpperCase();
const packageName = `E2E package ${stamp}`;
const promoCode = `E2E${stamp}`;
const api = (path, options = {}) =>
  admin.request.fetch(`${GATEWAY}${path}`, { ...options, headers: { Authorization: `Bearer ${COORDINATOR_TOKEN}`, ...(options.headers ?? {}) } });
const eventBase = `/admin/events/${EVENT_ID}`;
let soldBefore = 0;
// The order lifecycle (API.md, "Order lifecycle"): a table of 3 seats at 100.00 whose fair market value is 30.00
// (10.00 a seat), so a third of it refunds 33.33 and a released seat adds 10.00 to the deductible amount.
const tableName = `E2E table ${stamp}`;
const buyerEmail = `e2e-buyer-${stamp.toLowerCase()}@example.org`;
const compEmail = `e2e-comp-${stamp.toLowerCase()}@example.org`;
let table;
let offlineOrder;
let giftPurchase;
// Tickets by email (API.md): a purchase with its own address, whose tickets are resent from both sides.
const resendEmail = `e2e-resend-${stamp.toLowerCase()}@example.org`;
let mailedPurchase;
// The door: a door_staff token for this event, and a seat with a guest name to find by name.
let DOOR_TOKEN = process.env.DOOR_TOKEN;
const guestName = `E2E Guest ${stamp}`;
let door;
const expectEqual = (what, actual, expected) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Sales rules (API.md, "Sales rules"): a hidden package with a window, 2–4 per order and two early prices, filled in
// the form in Europe/Paris time; one whose sale starts in two days, one whose sale has ended; an access code.
const ZONE = 'Europe/Paris';
const rulesName = `E2E rules ${stamp}`;
const futureName = `E2E future ${stamp}`;
const endedName = `E2E ended ${stamp}`;
const accessCode = `E2EVIP${stamp}`;
const minute = 60_000;
const day = 24 * 60 * minute;
const nowMinute = Math.floor(Date.now() / minute) * minute;
const rulesTimes = {
  start: nowMinute - day,
  end: nowMinute + 30 * day,
  earlyEnds: nowMinute + 3 * day,
  advanceEnds: nowMinute + 10 * day,
};
/** An instant as the datetime-local value of its wall time in `timeZone` (what the coordinator types). */
const wallIn = (ms, timeZone) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
};
const iso = (ms) => new Date(ms).toISOString();
let rulesPackage;

try {
  await step('admin signs in with a pasted token', async () => {
    const page = await admin.goto(`${GATEWAY}/admin/`);
    // The CSP check below means something only when the page carries the gateway's strict policy.
    const csp = page?.headers()['content-security-policy'] ?? '';
    if (!csp.includes("script-src 'self';") || !csp.includes("style-src 'self';")) throw new Error(`no strict CSP on /admin/: '${csp}'`);
    await admin.getByLabel('Access token').fill(COORDINATOR_TOKEN);
    await admin.getByRole('button', { name: 'Sign in', exact: true }).click();
    await admin.getByRole('heading', { name: 'Choose an event' }).waitFor();
    await admin.goto(`${GATEWAY}${eventBase}/packages`);
    await admin.getByRole('heading', { name: 'Ticket packages' }).waitFor();
    await shot(admin, '01-packages');
  });

  await step('admin creates a package', async () => {
    await admin.getByRole('link', { name: 'New package' }).click();
    await admin.getByLabel('Name', { exact: true }).fill(packageName);
    await admin.getByLabel('Price (USD)').fill('25.00');
    await admin.getByLabel('Quantity limit').fill('100');
    await admin.getByRole('button', { name: 'Create package' }).click();
    await admin.waitForURL(/\/packages\/[0-9a-f-]{36}$/);
    await admin.getByRole('heading', { name: `Edit “${packageName}”` }).waitFor();
  });

  await step('admin uploads an image', async () => {
    // The UI retries while a brand-new package is still on its way to media-service (catalog.packages).
    const uploaded = admin.waitForResponse(
      (r) => r.url().endsWith('/image') && r.request().method() === 'POST' && r.status() !== 404,
      { timeout: 30_000 });
    await admin.getByLabel('Choose an image…').setInputFiles({ name: 'e2e.png', mimeType: 'image/png', buffer: makePng() });
    const response = await uploaded;
    if (response.status() !== 201) throw new Error(`upload answered ${response.status()}`);
    await admin.getByText('Image uploaded.').waitFor();
    await shot(admin, '02-package-edit');
  });

  await step('admin drag-reorders two packages with the keyboard', async () => {
    // Make sure there are at least two packages to swap.
    const list = await (await api(`/api/v1${eventBase}/tickets/packages`)).json();
    if (list.packages.length < 2) await api(`/api/v1${eventBase}/tickets/packages`, { method: 'POST', data: { name: `E2E second ${stamp}`, price: 10 } });
    await admin.goto(`${GATEWAY}${eventBase}/packages`);
    const cards = admin.getByTestId('package-card');
    await cards.nth(1).waitFor();
    const firstBefore = await cards.nth(0).getByRole('heading').innerText();
    const secondBefore = await cards.nth(1).getByRole('heading').innerText();
    const saved = admin.waitForResponse((r) => r.url().endsWith('/packages/reorder'));
    await admin.getByRole('button', { name: `Reorder ${secondBefore}` }).focus();
    await admin.keyboard.press('Space');
    await admin.waitForTimeout(150);
    await admin.keyboard.press('ArrowUp');
    await admin.waitForTimeout(300);
    await admin.keyboard.press('Space');
    const response = await saved;
    if (response.status() !== 200) throw new Error(`reorder answered ${response.status()}`);
    await admin.waitForFunction(
      ([a]) => document.querySelector('[data-testid="package-card"] h3')?.textContent === a,
      [secondBefore],
    );
    const firstAfter = await cards.nth(0).getByRole('heading').innerText();
    if (firstAfter !== secondBefore || firstBefore === firstAfter) throw new Error(`order did not change (${firstBefore} → ${firstAfter})`);
    await shot(admin, '03-reordered');
  });

  await step('admin creates a promo code', async () => {
    await admin.getByRole('link', { name: 'Promo codes' }).click();
    await admin.getByRole('button', { name: 'New promo code' }).click();
    await admin.getByLabel('Code', { exact: true }).fill(promoCode);
    await admin.getByLabel('Discount (%)').fill('10');
    await admin.getByLabel('Expires at').fill('2099-12-31T23:00');
    await admin.getByRole('button', { name: 'Create code' }).click();
    await admin.getByTestId('promo-row').filter({ hasText: promoCode }).waitFor();
    await shot(admin, '04-promo-codes');
  });

  await step('admin opens the live sales panel', async () => {
    await admin.getByRole('link', { name: 'Live sales' }).click();
    await admin.getByTestId('stream-state').filter({ hasText: 'Live' }).waitFor();
    await admin.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="total-sold"]')?.textContent ?? ''));
    soldBefore = Number(await admin.getByTestId('total-sold').innerText());
    await shot(admin, '05-sales-before');
  });

  const donor = await context.newPage();
  donor.on('console', (m) => {
    if (cspMessage(m)) cspViolations.push(`donor console: ${m.text()}`);
    else if (m.type() === 'error') consoleErrors.push(`donor: ${m.text()}`);
  });
  await step('donor buys one ticket with the promo code', async () => {
    await donor.setViewportSize({ width: 390, height: 844 });
    await donor.goto(`${GATEWAY}/checkout/${EVENT_ID}`);
    await donor.getByRole('button', { name: `Choose ${packageName}` }).click();
    await donor.getByLabel(/Promo code/).fill(promoCode);
    await donor.getByRole('button', { name: /^Buy/ }).click();
    await donor.getByLabel('Access token').fill(DONOR_TOKEN);
    await donor.getByRole('button', { name: 'Sign in', exact: true }).click();
    await donor.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 20_000 });
    await donor.getByTestId('ticket').first().waitFor();
    await donor.getByRole('img', { name: /QR code of ticket/ }).first().waitFor();
    await shot(donor, '06-donor-tickets');
  });

  await step("the admin's live count moves", async () => {
    await admin.waitForFunction((before) => Number(document.querySelector('[data-testid="total-sold"]')?.textContent) >= before + 1, soldBefore, { timeout: 10_000 });
    await shot(admin, '07-sales-after');
  });

  await step('setup: a table of 3 seats and an offline order of it through the API', async () => {
    const created = await api(`/api/v1${eventBase}/tickets/packages`, {
      method: 'POST',
      data: { name: tableName, price: 100, quantity_limit: 20, seats_per_package: 3, fair_market_value: 30 },
    });
    if (created.status() !== 201) throw new Error(`package create answered ${created.status()}: ${await created.text()}`);
    table = await created.json();
    // purchase-service learns a new package from the catalog.packages events (within 2 s): repeat the same order with
    // the same Idempotency-Key until it is known (a refused attempt stores nothing).
    const key = `e2e-offline-${stamp}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await api(`/api/v1${eventBase}/tickets/purchases`, {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        data: { package_id: table.id, quantity: 1, payment: 'offline', email: buyerEmail, name: 'E2E Buyer' },
      });
      if (r.status() === 201) {
        offlineOrder = await r.json();
        break;
      }
      if (![404, 503].includes(r.status()) || Date.now() > deadline)
        throw new Error(`coordinator order answered ${r.status()}: ${await r.text()}`);
      await sleep(500);
    }
    expectEqual('offline order tickets', offlineOrder.tickets.length, 3);
    expectEqual('offline order channel', offlineOrder.channel, 'admin');
    expectEqual('offline order payment', offlineOrder.payment, 'offline');
    expectEqual('offline order total', Number(offlineOrder.total_price), 100);
  });

  await step('admin finds the order by ticket number on the Orders page and opens it', async () => {
    await admin.getByRole('link', { name: 'Orders', exact: true }).click();
    await admin.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
    const number = offlineOrder.tickets[0].ticket_number;
    const searched = admin.waitForResponse(
      (r) => r.url().includes('/tickets/purchases?') && r.url().includes(`q=${encodeURIComponent(number)}`));
    await admin.getByLabel('Search orders').fill(number);
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    const answer = await searched;
    if (answer.status() !== 200) throw new Error(`order search answered ${answer.status()}`);
    const found = await answer.json();
    expectEqual('orders matching the ticket number', found.purchases.map((p) => p.id), [offlineOrder.id]);
    const row = admin.getByTestId('order-row').filter({ hasText: buyerEmail });
    await row.waitFor();
    // The event also holds the donor's purchase: only the searched one may be listed.
    await admin.waitForFunction(() => document.querySelectorAll('[data-testid="order-row"]').length === 1);
    await row.getByText('Paid offline').waitFor();
    await shot(admin, '08-orders-search');
    await row.getByRole('link').click();
    await admin.waitForURL(new RegExp(`/orders/${offlineOrder.id}$`));
    await admin.getByRole('heading', { name: 'Order', exact: true }).waitFor();
    await admin.getByTestId('order-ticket').nth(2).waitFor();
    expectEqual('tickets shown', await admin.getByTestId('order-ticket').count(), 3);
    await admin.getByTestId('order-total').filter({ hasText: '$100.00' }).waitFor();
  });

  await step('admin cancels one seat with its pro-rata refund, then the rest with what remains', async () => {
    const [first] = offlineOrder.tickets;
    const cancel = async (seats, expectedRefund) => {
      await admin.getByRole('button', { name: `Cancel selected (${seats})` }).click();
      const dialog = admin.getByRole('dialog', { name: `Cancel ${seats} ticket${seats === 1 ? '' : 's'}` });
      await dialog.getByLabel('Reason').fill('E2E: cannot come');
      expectEqual('refund shown before confirming', await dialog.getByLabel('Refund (USD)').inputValue(), expectedRefund);
      const posted = admin.waitForResponse(
        (r) => r.url().endsWith(`/purchases/${offlineOrder.id}/cancellations`) && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: 'Confirm cancellation' }).click();
      const response = await posted;
      if (response.status() !== 201) throw new Error(`cancellation answered ${response.status()}: ${await response.text()}`);
      if (!response.request().headers()['idempotency-key']) throw new Error('the cancellation was sent without an Idempotency-Key');
      const cancellation = await response.json();
      expectEqual('cancellation kind', cancellation.kind, 'refund');
      expectEqual('refund recorded', Number(cancellation.refund_amount).toFixed(2), expectedRefund);
      await admin.getByText(`refund of $${expectedRefund} recorded`).waitFor();
      await dialog.waitFor({ state: 'detached' });
      return cancellation;
    };
    await admin.getByLabel(`Select ticket ${first.ticket_number}`).check();
    await cancel(1, '33.33');
    await admin.getByTestId('order-refunded').filter({ hasText: '$33.33' }).waitFor();
    await admin.getByTestId('cancellation').filter({ hasText: first.ticket_number }).waitFor();
    if (await admin.getByLabel(`Select ticket ${first.ticket_number}`).isEnabled())
      throw new Error('a cancelled ticket can still be selected');
    await shot(admin, '09-order-one-seat-cancelled');

    await admin.getByLabel('Select all cancellable tickets').check();
    const rest = await cancel(2, '66.67');
    expectEqual('packages returned with the last seats of the table', rest.packages_returned, 1);
    await admin.getByTestId('order-refunded').filter({ hasText: '$100.00' }).waitFor();
    await admin.getByRole('region', { name: 'Summary' }).getByText('Cancelled', { exact: true }).waitFor();
    const detail = await (await api(`/api/v1${eventBase}/tickets/purchases/${offlineOrder.id}`)).json();
    expectEqual('order status', detail.status, 'cancelled');
    expectEqual('order refunded', Number(detail.refunded_amount), 100);
    expectEqual('cancellations', detail.cancellations.map((c) => Number(c.refund_amount)), [33.33, 66.67]);
    expectEqual('tickets cancelled', detail.tickets.every((t) => t.status === 'cancelled'), true);
    await shot(admin, '10-order-cancelled');
  });

  await step('admin creates a complimentary order', async () => {
    await admin.getByRole('link', { name: '← All orders' }).click();
    await admin.getByRole('link', { name: 'New order' }).click();
    await admin.getByRole('heading', { name: 'New order' }).waitFor();
    await admin.getByLabel('Package', { exact: true }).selectOption(table.id);
    await admin.getByLabel('Quantity', { exact: true }).fill('1');
    await admin.getByRole('radio', { name: /Complimentary/ }).check();
    await admin.getByLabel('Buyer name').fill('E2E Sponsor');
    await admin.getByLabel('Buyer email').fill(compEmail);
    await admin.getByLabel('Note', { exact: true }).fill('E2E sponsor table');
    const posted = admin.waitForResponse(
      (r) => r.url().endsWith(`/events/${EVENT_ID}/tickets/purchases`) && r.request().method() === 'POST');
    await admin.getByRole('button', { name: 'Create order' }).click();
    const response = await posted;
    if (response.status() !== 201) throw new Error(`coordinator order answered ${response.status()}: ${await response.text()}`);
    const order = await response.json();
    expectEqual('comp channel', order.channel, 'admin');
    expectEqual('comp payment', order.payment, 'complimentary');
    expectEqual('comp total', Number(order.total_price), 0);
    expectEqual('comp email', order.email, compEmail);
    await admin.waitForURL(new RegExp(`/orders/${order.id}$`));
    await admin.getByText('Order created.').waitFor();
    await admin.getByText('Complimentary', { exact: true }).first().waitFor();
    await admin.getByTestId('order-total').filter({ hasText: '$0.00' }).waitFor();
    await admin.getByText('E2E sponsor table').waitFor();
    expectEqual('comp tickets shown', await admin.getByTestId('order-ticket').count(), 3);
    await shot(admin, '11-comp-order');
  });

  await step('donor buys the table with a 50.00 gift', async () => {
    await donor.goto(`${GATEWAY}/checkout/${EVENT_ID}`);
    await donor.getByRole('button', { name: `Choose ${tableName}` }).click();
    await donor.getByRole('button', { name: '$50', exact: true }).click();
    await donor.getByTestId('order-gift').filter({ hasText: '$50.00' }).waitFor();
    await donor.getByTestId('order-total').filter({ hasText: '$150.00' }).waitFor();
    const bought = donor.waitForResponse(
      (r) => r.url().endsWith(`/events/${EVENT_ID}/tickets/purchase`) && r.request().method() === 'POST');
    await donor.getByRole('button', { name: /^Buy/ }).click();
    const response = await bought;
    if (response.status() !== 201) throw new Error(`checkout answered ${response.status()}: ${await response.text()}`);
    expectEqual('donation sent', response.request().postDataJSON().donation_amount, 50);
    giftPurchase = await response.json();
    expectEqual('purchase donation', Number(giftPurchase.donation_amount), 50);
    expectEqual('purchase total', Number(giftPurchase.total_price), 150);
    expectEqual('purchase tax-deductible', Number(giftPurchase.tax_deductible_amount), 120); // 100 − 30 + 50
    await donor.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 20_000 });
    await donor.getByTestId('ticket').nth(2).waitFor();
    await donor.getByTestId('tax-deductible').filter({ hasText: '$120.00' }).waitFor();
    await shot(donor, '12-donor-gift');
  });

  await step('donor gives a seat back on My tickets and the deductible amount rises', async () => {
    const given = giftPurchase.tickets[1];
    await donor.getByRole('link', { name: 'My tickets', exact: true }).click();
    await donor.getByRole('heading', { name: 'My tickets', exact: true }).waitFor();
    const card = donor.getByTestId('purchase').filter({ hasText: giftPurchase.tickets[0].ticket_number });
    await card.getByRole('button', { name: 'Give seats back' }).click();
    const dialog = donor.getByRole('dialog', { name: 'Give seats back' });
    await dialog.getByLabel(given.ticket_number).check();
    await dialog.getByTestId('release-effect').filter({ hasText: 'no refund' }).waitFor();
    await dialog.getByTestId('release-effect').filter({ hasText: 'rises from $120.00 to $130.00' }).waitFor();
    await shot(donor, '13-donor-release-dialog');
    const released = donor.waitForResponse(
      (r) => r.url().endsWith(`/me/tickets/purchases/${giftPurchase.id}/release`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Give 1 seat back' }).click();
    const response = await released;
    if (response.status() !== 201) throw new Error(`release answered ${response.status()}: ${await response.text()}`);
    const cancellation = await response.json();
    expectEqual('release kind', cancellation.kind, 'release');
    expectEqual('release refund', Number(cancellation.refund_amount), 0);
    expectEqual('released tickets', cancellation.ticket_ids, [given.id]);
    await card.getByText(/given back to the charity/).waitFor();
    await card.getByTestId('tax-deductible').filter({ hasText: '$130.00' }).waitFor();
    await card.getByTestId('ticket').filter({ hasText: given.ticket_number }).getByTestId('ticket-status')
      .filter({ hasText: 'Cancelled' }).waitFor();
    await card.getByText('Active', { exact: true }).waitFor(); // two seats remain valid
    const detail = await (await api(`/api/v1${eventBase}/tickets/purchases/${giftPurchase.id}`)).json();
    expectEqual('purchase after release', [detail.status, Number(detail.refunded_amount), Number(detail.tax_deductible_amount)], ['active', 0, 130]);
    await shot(donor, '14-donor-released');
  });

  await step('setup: the donor buys the table through the API with an email address', async () => {
    const r = await api(`/api/v1/events/${EVENT_ID}/tickets/purchase`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DONOR_TOKEN}`, 'Idempotency-Key': `e2e-mailed-${stamp}` },
      data: { package_id: table.id, quantity: 1, email: resendEmail },
    });
    if (r.status() !== 201) throw new Error(`checkout answered ${r.status()}: ${await r.text()}`);
    mailedPurchase = await r.json();
    expectEqual('purchase email', mailedPurchase.email, resendEmail);
    expectEqual('mailed purchase tickets', mailedPurchase.tickets.length, 3);
  });

  await step('admin resends the first ticket from the order and sees it queued in the emails', async () => {
    const [first] = mailedPurchase.tickets;
    await admin.goto(`${GATEWAY}${eventBase}/orders/${mailedPurchase.id}`);
    await admin.getByRole('heading', { name: 'Order', exact: true }).waitFor();
    const row = admin.getByTestId('order-ticket').filter({ hasText: first.ticket_number });
    await row.getByText(`Resend to ${resendEmail}`, { exact: true }).waitFor();
    const resent = admin.waitForResponse(
      (r) => r.url().endsWith(`/events/${EVENT_ID}/tickets/${first.id}/resend`) && r.request().method() === 'POST');
    await row.getByRole('button', { name: 'Resend ticket', exact: true }).click();
    const response = await resent;
    if (response.status() !== 202) throw new Error(`resend answered ${response.status()}: ${await response.text()}`);
    expectEqual('resend answer', (await response.json()).status, 'queued');
    await row.getByText('Queued', { exact: true }).waitFor();
    // The order is reloaded after the 202: its emails list shows the new resend mail, to the purchase's address.
    const mail = admin.getByTestId('order-email')
      .filter({ has: admin.getByRole('cell', { name: 'resend', exact: true }) })
      .filter({ hasText: resendEmail });
    await mail.filter({ hasText: first.ticket_number }).waitFor();
    const detail = await (await api(`/api/v1${eventBase}/tickets/purchases/${mailedPurchase.id}`)).json();
    const resends = detail.emails.filter((m) => m.kind === 'resend');
    expectEqual('resend mails', resends.map((m) => [m.to, m.ticket_id]), [[resendEmail, first.id]]);
    await shot(admin, '15-admin-resend');
  });

  await step('donor resends a ticket on My tickets and sees the confirmation', async () => {
    const seatTicket = mailedPurchase.tickets[1];
    await donor.goto(`${GATEWAY}/checkout/${EVENT_ID}/my-tickets`);
    await donor.getByRole('heading', { name: 'My tickets', exact: true }).waitFor();
    const card = donor.getByTestId('purchase').filter({ hasText: seatTicket.ticket_number });
    const seat = card.getByTestId('ticket').filter({ hasText: seatTicket.ticket_number });
    await seat.getByText(`Resend to ${resendEmail}`, { exact: true }).waitFor();
    // The seat given back earlier cannot be resent.
    const given = donor.getByTestId('ticket').filter({ hasText: giftPurchase.tickets[1].ticket_number });
    if (await given.getByRole('button', { name: 'Resend', exact: true }).isEnabled())
      throw new Error('a cancelled ticket can be resent');
    const resent = donor.waitForResponse(
      (r) => r.url().endsWith(`/me/tickets/${seatTicket.id}/resend`) && r.request().method() === 'POST');
    await seat.getByRole('button', { name: 'Resend', exact: true }).click();
    const response = await resent;
    if (response.status() !== 202) throw new Error(`resend answered ${response.status()}: ${await response.text()}`);
    await seat.getByText('Queued', { exact: true }).waitFor();
    const detail = await (await api(`/api/v1${eventBase}/tickets/purchases/${mailedPurchase.id}`)).json();
    const resends = detail.emails.filter((m) => m.kind === 'resend').map((m) => m.ticket_id).sort();
    expectEqual('resent tickets', resends, [mailedPurchase.tickets[0].id, seatTicket.id].sort());
    await shot(donor, '16-donor-resend');
  });

  await step('setup: a guest name on a seat and a door staff token', async () => {
    const seatTicket = giftPurchase.tickets[2];
    const r = await api(`/api/v1/me/tickets/${seatTicket.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${DONOR_TOKEN}` },
      data: { guest_name: guestName },
    });
    if (r.status() !== 200) throw new Error(`guest PATCH answered ${r.status()}: ${await r.text()}`);
    DOOR_TOKEN ??= mintToken({ roles: ['door_staff'], events: [EVENT_ID] });
    // door staff are refused everything but the door
    const orders = await admin.request.fetch(`${GATEWAY}/api/v1${eventBase}/tickets/purchases`, {
      headers: { Authorization: `Bearer ${DOOR_TOKEN}` },
    });
    expectEqual('door staff on the orders endpoint', orders.status(), 403);
  });

  await step('door staff sign in on a phone and land on the Door page alone', async () => {
    door = await context.newPage();
    door.on('console', (m) => {
      if (cspMessage(m)) cspViolations.push(`door console: ${m.text()}`);
      else if (m.type() === 'error' && !expected(m)) consoleErrors.push(`door: ${m.text()}`);
    });
    await door.setViewportSize({ width: 390, height: 844 });
    await door.goto(`${GATEWAY}/admin/`);
    await door.getByLabel('Access token').fill(DOOR_TOKEN);
    await door.getByRole('button', { name: 'Sign in', exact: true }).click();
    // one event in the token: straight to its door, no other section
    await door.getByRole('heading', { name: 'Door', exact: true }).waitFor();
    await door.waitForURL(new RegExp(`/admin/events/${EVENT_ID}/door$`));
    if (await door.getByRole('navigation', { name: 'Event sections' }).count()) throw new Error('door staff see the event sections');
    // the door list is downloaded for offline use (its status comes from the server: the released seat is cancelled)
    await door.getByTestId('door-list-info').filter({ hasText: /updated/ }).waitFor({ timeout: 20_000 });
    await door.getByTestId('door-count').filter({ hasText: / of \d+ in$/ }).waitFor();
    await shot(door, '17-door');
  });

  const enterCode = async (code) => {
    await door.getByLabel('Ticket code').fill(code);
    await door.getByLabel('Ticket code').press('Enter');
  };

  await step("door staff check a ticket in by entering its QR code and see it admitted", async () => {
    const ticket = giftPurchase.tickets[0];
    const before = await (await api(`/api/v1${eventBase}/tickets/check-in/summary`)).json();
    const posted = door.waitForResponse((r) => r.url().endsWith('/tickets/check-in') && r.request().method() === 'POST');
    await enterCode(ticket.qr_code);
    const response = await posted;
    if (response.status() !== 200) throw new Error(`check-in answered ${response.status()}: ${await response.text()}`);
    if (!String(response.request().postDataJSON().device_id ?? '').startsWith('door-')) throw new Error('check-in sent without the device id');
    const result = door.getByTestId('door-result');
    await result.filter({ hasText: 'Admitted' }).filter({ hasText: ticket.ticket_number }).waitFor();
    await door.getByTestId('door-count').filter({ hasText: `${before.checked_in + 1} of ${before.total} in` }).waitFor();
    await shot(door, '18-door-admitted');
    // the same code again: already in, at the time of the first scan
    await enterCode(ticket.qr_code);
    await result.filter({ hasText: /^Already in at \d\d:\d\d/ }).waitFor();
  });

  await step('offline, two more tickets are admitted on the device, a cancelled one refused, and they upload once back online', async () => {
    const [first, second] = mailedPurchase.tickets;
    await context.setOffline(true);
    await door.getByTestId('door-connection').filter({ hasText: 'Offline' }).waitFor();
    const result = door.getByTestId('door-result');
    for (const ticket of [first, second]) {
      await enterCode(ticket.qr_code);
      await result.filter({ hasText: 'Admitted' }).filter({ hasText: ticket.ticket_number }).filter({ hasText: 'Saved on this device' }).waitFor();
    }
    // the released seat is cancelled in the door list: refused without the server
    await enterCode(giftPurchase.tickets[1].qr_code);
    await result.filter({ hasText: 'Cancelled ticket' }).waitFor();
    await door.getByTestId('door-pending').filter({ hasText: '2 scans waiting to upload' }).waitFor();
    await shot(door, '19-door-offline');
    const uploaded = door.waitForResponse((r) => r.url().endsWith('/tickets/check-ins/batch') && r.request().method() === 'POST', { timeout: 30_000 });
    await context.setOffline(false);
    const response = await uploaded;
    if (response.status() !== 200) throw new Error(`batch upload answered ${response.status()}: ${await response.text()}`);
    const sent = response.request().postDataJSON();
    expectEqual('uploaded codes', sent.scans.map((s) => s.qr_code), [first.qr_code, second.qr_code]);
    expectEqual('upload results', (await response.json()).results.map((r) => r.result), ['checked_in', 'checked_in']);
    await door.getByTestId('door-pending').filter({ hasText: 'Every offline scan is uploaded.' }).waitFor();
    expectEqual('outcomes shown', await door.getByTestId('door-outcome').evaluateAll((rows) => rows.map((r) => r.dataset.result)), ['checked_in', 'checked_in']);
    for (const ticket of [first, second]) {
      const found = await (await api(`/api/v1${eventBase}/tickets/attendees?q=${encodeURIComponent(ticket.ticket_number)}`)).json();
      if (!found.attendees[0]?.checked_in_at) throw new Error(`${ticket.ticket_number} is not checked in on the server`);
    }
    await shot(door, '20-door-uploaded');
  });

  await step('door staff find a guest by name, check them in by hand, then undo it', async () => {
    const seatTicket = giftPurchase.tickets[2];
    await door.getByRole('searchbox').fill(guestName);
    await door.getByRole('button', { name: 'Search', exact: true }).click();
    const row = door.getByTestId('attendee').filter({ hasText: seatTicket.ticket_number });
    await row.filter({ hasText: guestName }).filter({ hasText: 'Not in yet' }).waitFor();
    const posted = door.waitForResponse((r) => r.url().endsWith('/tickets/check-in') && r.request().method() === 'POST');
    await row.getByRole('button', { name: `Check in ${guestName}` }).click();
    const response = await posted;
    if (response.status() !== 200) throw new Error(`check-in by hand answered ${response.status()}: ${await response.text()}`);
    await door.getByTestId('door-result').filter({ hasText: 'Admitted' }).filter({ hasText: guestName }).waitFor();
    await row.filter({ hasText: 'In since' }).waitFor();
    const undone = door.waitForResponse((r) => r.url().includes(`/tickets/check-ins/${seatTicket.id}?device_id=`) && r.request().method() === 'DELETE');
    await door.getByRole('button', { name: 'Undo this admission' }).click();
    const undo = await undone;
    if (undo.status() !== 204) throw new Error(`undo answered ${undo.status()}: ${await undo.text()}`);
    await door.getByTestId('door-result').filter({ hasText: 'Undone' }).waitFor();
    await row.filter({ hasText: 'Not in yet' }).waitFor();
    const log = await (await api(`/api/v1${eventBase}/tickets/check-ins?size=5`)).json();
    const latest = log.check_ins.find((e) => e.ticket_id === seatTicket.id);
    expectEqual('latest log entry of the seat', latest?.action, 'undo');
    await shot(door, '21-door-undo');
  });

  await step('the Door page is installable and opens again offline', async () => {
    const manifest = await door.locator('link[rel="manifest"]').getAttribute('href');
    expectEqual('manifest link', manifest, '/admin/manifest.json');
    const app = await (await admin.request.fetch(`${GATEWAY}${manifest}`)).json();
    expectEqual('manifest scope and start', [app.scope, app.start_url, app.display], ['/admin/', '/admin/', 'standalone']);
    await door.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000 });
    const scope = await door.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    expectEqual('service worker scope', scope, `${GATEWAY}/admin/`);
    await context.setOffline(true);
    try {
      await door.reload();
      await door.getByRole('heading', { name: 'Door', exact: true }).waitFor();
      await door.getByTestId('door-connection').filter({ hasText: 'Offline' }).waitFor();
      // the door list survived the reload in IndexedDB
      await door.getByTestId('door-list-info').filter({ hasText: /updated/ }).waitFor();
      await shot(door, '22-door-offline-shell');
    } finally {
      await context.setOffline(false);
    }
  });

  await step('door staff scan a real ticket from a fake camera stream and see it admitted', async () => {
    // a fresh seat, its QR image as the API renders it, held in front of chromium's fake camera
    const bought = await api(`/api/v1/events/${EVENT_ID}/tickets/purchase`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DONOR_TOKEN}` },
      data: { package_id: table.id, quantity: 1 },
    });
    if (bought.status() !== 201) throw new Error(`purchase answered ${bought.status()}: ${await bought.text()}`);
    const ticket = (await bought.json()).tickets[0];
    const png = await api(`/api/v1/me/tickets/${ticket.id}/qr.png`, { headers: { Authorization: `Bearer ${DONOR_TOKEN}` } });
    if (png.status() !== 200) throw new Error(`qr.png answered ${png.status()}`);
    const dir = mkdtempSync(join(tmpdir(), 'fundrbolt-camera-'));
    const video = join(dir, 'ticket.y4m');
    writeFileSync(join(dir, 'ticket.png'), await png.body());
    execFileSync('java', [fileURLToPath(new URL('./QrVideo.java', import.meta.url)), join(dir, 'ticket.png'), video]);
    const camera = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const phone = await camera.newContext({ viewport: { width: 390, height: 844 } });
      await phone.grantPermissions(['camera'], { origin: GATEWAY });
      const page = await phone.newPage();
      await page.goto(`${GATEWAY}/admin/`);
      await page.getByLabel('Access token').fill(DOOR_TOKEN);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Door', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Scan with the camera' }).click();
      await page.getByTestId('door-result').filter({ hasText: 'Admitted' }).filter({ hasText: ticket.ticket_number })
        .waitFor({ timeout: 30_000 });
      await shot(page, '22-door-camera');
    } finally {
      await camera.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const after = await (await api(`/api/v1${eventBase}/tickets/attendees?q=${ticket.ticket_number}`)).json();
    if (!after.attendees[0]?.checked_in_at) throw new Error('the camera scan did not check the ticket in');
  });

  await step('admin fills a sales window, 2–4 per order, hidden and two early prices in Paris time, and sees them saved', async () => {
    await admin.goto(`${GATEWAY}${eventBase}/packages/new`);
    await admin.getByLabel('Name', { exact: true }).fill(rulesName);
    await admin.getByLabel('Price (USD)').fill('150.00');
    await admin.getByLabel('Time zone').selectOption(ZONE);
    await admin.getByLabel('Sales start').fill(wallIn(rulesTimes.start, ZONE));
    await admin.getByLabel('Sales end').fill(wallIn(rulesTimes.end, ZONE));
    await admin.getByLabel('Minimum per order').fill('2');
    await admin.getByLabel('Maximum per order').fill('4');
    await admin.getByLabel('Visibility').selectOption('hidden');
    await admin.getByRole('button', { name: 'Add price tier' }).click();
    await admin.getByLabel('Tier 1 name').fill('Early bird');
    await admin.getByLabel('Tier 1 price').fill('100.00');
    await admin.getByLabel('Tier 1 ends at').fill(wallIn(rulesTimes.earlyEnds, ZONE));
    await admin.getByRole('button', { name: 'Add price tier' }).click();
    await admin.getByLabel('Tier 2 name').fill('Advance');
    await admin.getByLabel('Tier 2 price').fill('125.00');
    await admin.getByLabel('Tier 2 ends at').fill(wallIn(rulesTimes.advanceEnds, ZONE));
    await shot(admin, '23-package-sales-rules-form');
    const created = admin.waitForResponse((r) => r.url().endsWith(`${eventBase}/tickets/packages`) && r.request().method() === 'POST');
    await admin.getByRole('button', { name: 'Create package' }).click();
    const response = await created;
    if (response.status() !== 201) throw new Error(`package create answered ${response.status()}: ${await response.text()}`);
    rulesPackage = await response.json();
    expectEqual('sent as UTC instants', response.request().postDataJSON().sales_start_at, iso(rulesTimes.start));
    expectEqual('saved window', [rulesPackage.sales_start_at, rulesPackage.sales_end_at], [iso(rulesTimes.start), iso(rulesTimes.end)]);
    expectEqual('saved limits and visibility', [rulesPackage.min_per_order, rulesPackage.max_per_order, rulesPackage.visibility], [2, 4, 'hidden']);
    expectEqual('saved tiers', rulesPackage.price_tiers.map((t) => [t.label, Number(t.price), t.ends_at]),
      [['Early bird', 100, iso(rulesTimes.earlyEnds)], ['Advance', 125, iso(rulesTimes.advanceEnds)]]);
    expectEqual('on sale, at the early price', [rulesPackage.on_sale, Number(rulesPackage.current_price)], [true, 100]);
    // Re-opened from the list: the same values, in the zone chosen before.
    await admin.waitForURL(/\/packages\/[0-9a-f-]{36}$/);
    await admin.goto(`${GATEWAY}${eventBase}/packages`);
    await admin.getByRole('link', { name: rulesName, exact: true }).click();
    await admin.getByRole('heading', { name: `Edit “${rulesName}”` }).waitFor();
    const value = (label) => admin.getByLabel(label, { exact: true }).inputValue();
    expectEqual('re-opened in the chosen zone',
      [await value('Time zone'), await value('Sales start'), await value('Sales end'), await value('Tier 1 ends at'), await value('Tier 2 ends at')],
      [ZONE, wallIn(rulesTimes.start, ZONE), wallIn(rulesTimes.end, ZONE), wallIn(rulesTimes.earlyEnds, ZONE), wallIn(rulesTimes.advanceEnds, ZONE)]);
    expectEqual('re-opened rules',
      [await value('Minimum per order'), await value('Maximum per order'), await value('Visibility'), await value('Tier 1 name'), await value('Tier 2 price')],
      ['2', '4', 'hidden', 'Early bird', '125.00']);
    await shot(admin, '24-package-sales-rules-reopened');
  });

  await step('setup: a package on sale in two days and one whose sale has ended, through the API', async () => {
    for (const data of [
      { name: futureName, price: 40, sales_start_at: iso(nowMinute + 2 * day) },
      { name: endedName, price: 30, sales_end_at: iso(nowMinute - 60 * minute) },
    ]) {
      const r = await api(`/api/v1${eventBase}/tickets/packages`, { method: 'POST', data });
      if (r.status() !== 201) throw new Error(`package create answered ${r.status()}: ${await r.text()}`);
    }
  });

  await step('the package list badges: on sale, hidden, the early price, on sale from, sales ended', async () => {
    await admin.goto(`${GATEWAY}${eventBase}/packages`);
    const badges = (name) => admin.getByTestId('package-card').filter({ has: admin.getByRole('link', { name, exact: true }) }).getByTestId('package-badges');
    const rules = badges(rulesName);
    await rules.getByText('On sale', { exact: true }).waitFor();
    await rules.getByText('Hidden', { exact: true }).waitFor();
    await rules.getByText(/^Early bird — \$100\.00 until /).waitFor();
    await badges(futureName).getByText(/^On sale from /).waitFor();
    await badges(endedName).getByText('Sales ended', { exact: true }).waitFor();
    await admin.getByText(`Sales times in ${ZONE}.`).waitFor();
    await shot(admin, '25-package-badges');
  });

  await step('admin creates an access code (no discount) that unlocks the hidden package', async () => {
    await admin.getByRole('link', { name: 'Promo codes' }).click();
    await admin.getByRole('button', { name: 'New promo code' }).click();
    await admin.getByLabel('Code', { exact: true }).fill(accessCode);
    await admin.getByLabel('Discount type').selectOption('none');
    if (await admin.getByLabel(/^Discount \(/).count()) throw new Error('an access code still asks for a discount');
    await admin.getByRole('group', { name: 'Unlocks packages' }).getByLabel(rulesName).check();
    // promo-service knows a package from the catalog.packages events (within 2 s): until then the code is refused.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const created = admin.waitForResponse((r) => r.url().endsWith(`${eventBase}/promo-codes`) && r.request().method() === 'POST');
      await admin.getByRole('button', { name: 'Create code' }).click();
      const response = await created;
      if (response.status() === 201) {
        const promo = await response.json();
        expectEqual('access code', [promo.discount_type, Number(promo.discount_value), promo.unlocks_package_ids], ['none', 0, [rulesPackage.id]]);
        break;
      }
      if (response.status() !== 422 || Date.now() > deadline) throw new Error(`promo create answered ${response.status()}: ${await response.text()}`);
      await sleep(1000);
    }
    const row = admin.getByTestId('promo-row').filter({ hasText: accessCode });
    await row.getByText('No discount (access only)').waitFor();
    await row.getByTestId('promo-unlocks').filter({ hasText: rulesName }).waitFor();
    await shot(admin, '26-promo-unlocks');
  });

  await step('donor sees "On sale <weekday>" and "Sales ended", and no hidden package without the code', async () => {
    await donor.goto(`${GATEWAY}/checkout/${EVENT_ID}`);
    const future = donor.getByTestId('offer').filter({ hasText: futureName }).getByTestId('offer-action');
    await future.waitFor();
    const zone = await donor.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: zone }).format(nowMinute + 2 * day);
    const text = await future.innerText();
    if (!new RegExp(`^On sale ${weekday} \\d{1,2}:\\d{2}`).test(text)) throw new Error(`the future package says '${text}'`);
    if (await future.isEnabled()) throw new Error('a package not yet on sale can be chosen');
    const ended = donor.getByTestId('offer').filter({ hasText: endedName }).getByTestId('offer-action');
    expectEqual('ended package', [await ended.innerText(), await ended.isEnabled()], ['Sales ended', false]);
    expectEqual('hidden package listed without its code', await donor.getByTestId('offer').filter({ hasText: rulesName }).count(), 0);
    await shot(donor, '27-checkout-windows');
  });

  await step('donor enters the code, sees the hidden package at its early price and buys two with the code', async () => {
    await donor.getByRole('button', { name: 'I have a code' }).click();
    await donor.getByLabel('I have a code').fill(accessCode.toLowerCase());
    const listed = donor.waitForResponse((r) => r.url().includes('/tickets/packages?code='));
    await donor.getByRole('button', { name: 'Apply' }).click();
    const list = await listed;
    if (list.status() !== 200) throw new Error(`the list with the code answered ${list.status()}: ${await list.text()}`);
    if (!list.request().headers().authorization) throw new Error('the list with a code was asked without the donor token');
    await donor.getByText(`Code ${accessCode} unlocked ${rulesName}.`).waitFor();
    const card = donor.getByTestId('offer').filter({ hasText: rulesName });
    await card.getByText('Unlocked by your code').waitFor();
    await card.getByTestId('price').filter({ hasText: '$100.00' }).filter({ hasText: '$150.00' }).waitFor();
    await card.getByTestId('price-tier').filter({ hasText: /^Early bird · until / }).waitFor();
    await card.getByText('2–4 per order').waitFor();
    await shot(donor, '28-checkout-unlocked');
    await card.getByRole('button', { name: `Choose ${rulesName}` }).click();
    expectEqual('quantity starts at the minimum', await donor.getByLabel('Quantity').inputValue(), '2');
    await donor.getByTestId('quantity-hint').filter({ hasText: '2–4 per order' }).waitFor();
    const promo = donor.getByLabel(/Promo code/);
    expectEqual('the code carried to the order', [await promo.inputValue(), await promo.getAttribute('readonly')], [accessCode, '']);
    await donor.getByTestId('order-total').filter({ hasText: '$200.00' }).waitFor();
    const bought = donor.waitForResponse((r) => r.url().endsWith(`/events/${EVENT_ID}/tickets/purchase`) && r.request().method() === 'POST');
    await donor.getByRole('button', { name: /^Buy/ }).click();
    const response = await bought;
    if (response.status() !== 201) throw new Error(`checkout answered ${response.status()}: ${await response.text()}`);
    const purchase = await response.json();
    expectEqual('purchase of the revealed package',
      [purchase.package_id, purchase.quantity, purchase.promo_code, Number(purchase.unit_price), Number(purchase.total_price)],
      [rulesPackage.id, 2, accessCode, 100, 200]);
    await donor.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 20_000 });
    await shot(donor, '29-checkout-bought-unlocked');
  });

  await step('no console errors', async () => {
    if (consoleErrors.length) throw new Error(consoleErrors.join(' | '));
  });

  await step('no Content-Security-Policy violations', async () => {
    if (cspViolations.length) throw new Error(cspViolations.join(' | '));
  });
} finally {
  await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`Screenshots: ${SHOTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
