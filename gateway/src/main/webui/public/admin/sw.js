// The admin app's service worker (scope /admin/, registered by the Door page's bundle): it keeps the built shell
// (index.html and every file of the build, listed by the build in /admin/precache.json) so the Door page opens and
// works without a connection. The API is never answered from a cache: the door keeps its own data in IndexedDB.
const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const PREFIX = 'fundrbolt-admin-';
const CACHE = PREFIX + VERSION;
const SHELL = '/admin/';
// A navigation that the network has not answered by then is served from the cache (a door with a weak signal).
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch('/admin/precache.json', { cache: 'no-store' });
      if (!response.ok) throw new Error(`precache list answered ${response.status}`);
      const { files } = await response.json();
      const cache = await caches.open(CACHE);
      await cache.addAll([SHELL, ...files]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)));
      await self.clients.claim();
    })(),
  );
});

async function navigation(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request);
  network.catch(() => undefined); // answered below, or by the cache
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, timeout]);
    if (response) return response;
  } catch {
    // offline: the cached shell below
  }
  // Every /admin/ path is the same single-page app; the cached shell routes it in the browser.
  const shell = await cache.match(SHELL);
  return shell ?? network;
}

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // Built files have content-hashed names, so a kept copy never goes stale.
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (path.startsWith('/api/') || path === '/admin/precache.json' || path === '/admin/sw.js') return;
  if (request.mode === 'navigate') {
    if (path === '/admin' || path.startsWith('/admin/')) event.respondWith(navigation(request));
    return;
  }
  if (path.startsWith('/assets/') || path === '/favicon.svg' || path.startsWith('/admin/'))
    event.respondWith(fromCacheFirst(request));
});
