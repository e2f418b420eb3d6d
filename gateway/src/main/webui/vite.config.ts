/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves dist/ (Quarkus Quinoa); in `npm run dev` the API is proxied to a local gateway.
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';

/** Files of public/ that the admin app's service worker keeps besides the built ones. */
const PUBLIC_SHELL = ['/favicon.svg', '/admin/manifest.json', '/admin/icon-192.png', '/admin/icon-512.png'];

/**
 * Writes admin/precache.json: every file of this build for public/admin/sw.js to keep, and a version (a hash of
 * their names, which Vite derives from their contents, and of the public files) that names the worker's cache.
 */
function adminPrecache(): Plugin {
  return {
    name: 'fundrbolt-admin-precache',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/'))
        .map((name) => `/${name}`);
      const files = [...built, ...PUBLIC_SHELL].sort();
      const hash = createHash('sha256').update(files.join('\n'));
      for (const file of PUBLIC_SHELL) hash.update(readFileSync(new URL(`./public${file}`, import.meta.url)));
      const version = hash.digest('hex').slice(0, 16);
      this.emitFile({
        type: 'asset',
        fileName: 'admin/precache.json',
        source: `${JSON.stringify({ version, files }, null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), adminPrecache()],
  build: { outDir: 'dist', sourcemap: false, target: 'es2022' },
  server: {
    proxy: {
      '/api': gateway,
      '/images': gateway,
      '/config.json': gateway,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
