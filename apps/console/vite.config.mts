import path from 'node:path';
import { defineConfig } from 'vite';

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '..', '..');

// Paths the API owns; in development Vite forwards them to the API on :3000.
const API_PATHS = [
  '/auth',
  '/catalog',
  '/applications',
  '/review-tasks',
  '/supplier',
  '/vouchers',
  '/settlements',
  '/claims',
  '/redemption-runs',
  '/dashboard',
  '/inbox',
  '/admin',
  '/health',
];

export default defineConfig({
  root: here,
  // The API serves the built console at /console/.
  base: '/console/',
  resolve: {
    // The pure policy rules (Money, dates, eligibility) are shared with the server.
    alias: { '@app/domain': path.join(repo, 'libs', 'domain', 'src') },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: path.join(here, 'dist'), emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    fs: { allow: [repo] },
    proxy: Object.fromEntries(API_PATHS.map((p) => [p, { target: 'http://127.0.0.1:3000' }])),
  },
});
