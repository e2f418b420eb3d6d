import { z } from 'zod';

// The gateway's Content-Security-Policy has no 'unsafe-eval': without jitless, zod probes `new Function` on its
// first object parse, which the browser reports as a CSP violation (zod then falls back to this same mode).
z.config({ jitless: true });

export { z };
