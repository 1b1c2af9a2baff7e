import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { RouteTable } from '../../http/route-table';
import type { OpenApiDocument } from './openapi';

/** The OpenAPI document as served: any JSON object (its own schema is the OpenAPI 3.1 one). */
const OpenApiJson = z.looseObject({ openapi: z.string(), info: z.looseObject({}) });

/** Where the reference page's files are served from: our own origin, never a CDN. */
export const DOCS_ASSETS = '/api/docs/assets';

// Swagger UI's prebuilt browser bundle, from the installed package (in production too:
// the server's packages stay external to the build).
const SWAGGER_UI_DIR = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);
const SWAGGER_FILES = new Set(['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png']);

// A file of its own rather than an inline script, so the page needs no 'unsafe-inline'.
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#api-reference',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Impact Atlas API reference</title>
    <link rel="icon" type="image/png" href="${DOCS_ASSETS}/favicon-32x32.png" />
    <link rel="stylesheet" href="${DOCS_ASSETS}/swagger-ui.css" />
  </head>
  <body>
    <main id="api-reference">
      <p>The API reference needs JavaScript. The document itself is at
        <a href="/api/openapi.json">/api/openapi.json</a>.</p>
    </main>
    <script src="${DOCS_ASSETS}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_ASSETS}/init.js"></script>
  </body>
</html>
`;

// Built once at startup (`app.locals.openapi`); serialised on first request.
const serialised = new WeakMap<object, string>();
function documentText(req: Request): string {
  const document = req.app.locals.openapi as OpenApiDocument;
  let text = serialised.get(document);
  if (text === undefined) {
    text = JSON.stringify(document);
    serialised.set(document, text);
  }
  return text;
}

/**
 * `GET /api/openapi.json`, the API's OpenAPI 3.1 document (public, the same for everyone),
 * and `GET /api/docs`, a reference page rendering it with Swagger UI served from here.
 */
export function apiDocsRoutes(table: RouteTable) {
  const r = table.router('');
  r.get('/openapi.json', { response: OpenApiJson }, (req, res) => {
    res
      .set('Cache-Control', 'public, max-age=300')
      .type('application/json; charset=utf-8')
      .send(documentText(req));
  });
  r.get('/docs', { response: z.string() }, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('html').send(PAGE);
  });

  // The page's files: not API routes, so not in the route table or the document.
  const assets = Router();
  assets.get('/init.js', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('text/javascript').send(INIT_SCRIPT);
  });
  const swaggerFile: RequestHandler = (req, res, next) => {
    const name = String(req.params.name);
    if (!SWAGGER_FILES.has(name)) return next();
    res.sendFile(name, { root: SWAGGER_UI_DIR, maxAge: '1d' });
  };
  assets.get('/:name', swaggerFile);
  r.router.use('/docs/assets', assets);
  return r.router;
}
