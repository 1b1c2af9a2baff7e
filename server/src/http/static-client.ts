import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/**
 * Serves the built client and answers every other non-API GET with its `index.html`,
 * so that deep links such as `/territories/E23000029` open the same view.
 */
export function staticClient(clientDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, 'index.html');
  // Hashed asset names never change content, so they may be cached for a year.
  // A missing asset is a 404, never index.html: a page from before a redeploy must see
  // its stale chunk fail cleanly rather than parse HTML as JavaScript.
  // The build writes each asset precompressed (`.br`, and `.gz` by zopfli): sent as they
  // are, to clients that accept them, rather than compressed again on every request.
  router.use(
    '/assets',
    expressStaticGzip(path.join(clientDir, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      serveStatic: { immutable: true, maxAge: '1y', fallthrough: false },
    }),
  );
  router.use(express.static(clientDir, { index: false }));
  // Paths with a file extension are files, not pages of the app.
  router.get(/^(?!\/api(\/|$))(?!.*\/[^/]*\.[^/]*$).*/, (_req, res) => {
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain')
        .send('The client has not been built yet: run `npm run build`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  });
  return router;
}
