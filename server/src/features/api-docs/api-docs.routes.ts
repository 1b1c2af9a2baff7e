import type { Request } from 'express';
import { z } from 'zod';
import type { RouteTable } from '../../http/route-table';
import type { OpenApiDocument } from './openapi';

/** The OpenAPI document as served: any JSON object (its own schema is the OpenAPI 3.1 one). */
const OpenApiJson = z.looseObject({ openapi: z.string(), info: z.looseObject({}) });

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

/** `GET /api/openapi.json`: the API's OpenAPI 3.1 document. Public and the same for everyone. */
export function apiDocsRoutes(table: RouteTable) {
  const r = table.router('');
  r.get('/openapi.json', { response: OpenApiJson }, (req, res) => {
    res
      .set('Cache-Control', 'public, max-age=300')
      .type('application/json; charset=utf-8')
      .send(documentText(req));
  });
  return r.router;
}
