import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const reactRouterDist = path.join(
  path.dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
  'dist',
);

export default defineConfig(({ command }) => ({
  root: path.join(root, 'client'),
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@shared', replacement: path.join(root, 'shared/src') },
      // Leaflet's package names only its UMD build, which cannot be tree-shaken; its ES module
      // build can. Nothing here needs the global `L` that only the UMD build sets. The bare
      // import only: `leaflet/dist/leaflet.css` stays as it is.
      { find: /^leaflet$/, replacement: 'leaflet/dist/leaflet-src.esm.js' },
      // react-router's package exports name only its development build, console warnings and
      // all (remix-run/react-router#12532); a production build takes the production one beside it.
      ...(command === 'build'
        ? [
            { find: /^react-router$/, replacement: `${reactRouterDist}/production/index.mjs` },
            {
              find: /^react-router\/dom$/,
              replacement: `${reactRouterDist}/production/dom-export.mjs`,
            },
          ]
        : []),
    ],
  },
  build: {
    outDir: path.join(root, 'dist/client'),
    emptyOutDir: true,
    // `.vite/manifest.json` lists each chunk with what it imports, so that
    // `npm run bench -- bundle` can tell what each page loads. The server serves no dot-folders.
    manifest: true,
    // Source maps only when asked: a production build ships none.
    sourcemap: process.env.BUILD_SOURCEMAP === '1',
    rolldownOptions: {
      output: {
        // Pages are lazy chunks (client/src/app/App.tsx). Beside them, a few named chunks split
        // by how often they change, so a deploy that touches only app code leaves the libraries
        // cached.
        codeSplitting: {
          groups: [
            // Libraries the entry loads (React, the router, React Query, zod). Libraries only
            // some pages use (socket.io, big.js, react-leaflet's layers) stay with those pages.
            { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 3 },
            // Only pages with a map load Leaflet; apart, it stays cached while they change.
            { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 2 },
            // The app's own frame (layout, header, API client) as one chunk, not a dozen. Not
            // main.tsx, or the entry chunk would be left empty and drop out of the manifest.
            {
              name: 'shell',
              test: (id) =>
                /(client|shared)[\\/]src[\\/]/.test(id) &&
                !/client[\\/]src[\\/]main\.tsx$/.test(id),
              tags: ['$initial'],
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
}));
