/**
 * Makes the Door page installable and usable offline: links the web app manifest and registers the service worker
 * (public/admin/sw.js, scope /admin/), both from the bundle since the page's CSP allows no inline script.
 */
const MANIFEST = '/admin/manifest.json';
const WORKER = '/admin/sw.js';
const PRECACHE = '/admin/precache.json';

function link(rel: string, href: string) {
  if (document.head.querySelector(`link[rel="${rel}"]`)) return;
  const element = document.createElement('link');
  element.rel = rel;
  element.href = href;
  document.head.appendChild(element);
}

export function installDoorApp(): void {
  link('manifest', MANIFEST);
  link('apple-touch-icon', '/admin/icon-192.png');
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // The worker's URL carries the build's version, so a new build installs a worker that caches the new files.
  fetch(PRECACHE, { cache: 'no-store' })
    .then((response) => (response.ok ? (response.json() as Promise<{ version?: string }>) : null))
    .then((list) =>
      list?.version
        ? navigator.serviceWorker.register(`${WORKER}?v=${encodeURIComponent(list.version)}`, { scope: '/admin/' })
        : undefined,
    )
    .catch(() => {
      // offline: the worker installed earlier goes on serving the shell
    });
}
