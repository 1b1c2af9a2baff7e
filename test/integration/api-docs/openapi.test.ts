import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { z } from 'zod';
import { buildOpenApiDocument, openApiPath } from '../../../server/src/features/api-docs/openapi';
import { RouteTable } from '../../../server/src/http/route-table';
import { validate } from '../../../server/src/http/validate';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** `METHOD /api/path` of every operation the document describes, in the route table's form. */
function documentedRoutes(document: ReturnType<typeof buildOpenApiDocument>): string[] {
  return Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
    Object.keys(item as object)
      .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
      .map((method) => `${method.toUpperCase()} ${template.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    // A copy: the validator resolves references in place.
    const result = await validator.validate(structuredClone(t.app.locals.openapi) as never);
    expect(validator.version).toBe('3.1');
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does refuse a broken one: a response without its description.
    const broken = structuredClone(t.app.locals.openapi);
    const ok = broken.paths?.['/api/health']?.get?.responses?.['200'] as { description?: string };
    delete ok.description;
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });

  it('describes every route in the route table, and no route the app lacks', () => {
    expect(documentedRoutes(t.app.locals.openapi).sort()).toEqual([...t.app.locals.routes].sort());
  });

  it('misses a route only when the route table lacks it: the comparison can fail', () => {
    const table = new RouteTable();
    const r = table.router('/things');
    r.get('/', { response: z.object({ n: z.number() }) }, (_req, res) => res.json({ n: 1 }));
    r.get('/:id', { response: z.object({ n: z.number() }) }, (_req, res) => res.json({ n: 1 }));
    const document = buildOpenApiDocument(table);
    table.routes.push('DELETE /api/things/:id');
    expect(documentedRoutes(document).sort()).not.toEqual([...table.routes].sort());
  });

  it('takes each route’s request schemas from its validate() handlers', () => {
    const table = new RouteTable();
    const r = table.router('/things');
    r.post(
      '/:id',
      { response: z.object({ ok: z.boolean() }), status: 201 },
      validate('params', z.object({ id: z.uuid() })),
      validate('query', z.object({ dryRun: z.enum(['yes', 'no']).optional() })),
      validate('body', z.object({ name: z.string().min(1) })),
      (_req, res) => res.status(201).json({ ok: true }),
    );
    const operation = buildOpenApiDocument(table).paths?.['/api/things/{id}']?.post;
    expect(operation?.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'id', required: true }),
      expect.objectContaining({ in: 'query', name: 'dryRun' }),
    ]);
    expect(operation?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { required: ['name'] } } },
    });
    expect(Object.keys(operation?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '403', '404', '409', '413']),
    );
    expect(operation?.responses?.['200']).toBeUndefined();
  });

  it('asks for the session cookie where a route needs one, and makes it optional elsewhere', () => {
    const { paths, components } = t.app.locals.openapi;
    expect(components?.securitySchemes?.session).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'ia_session' }),
    );
    expect(paths?.['/api/me']?.get?.security).toEqual([{ session: [] }]);
    expect(paths?.['/api/me']?.get?.responses?.['401']).toBeDefined();
    expect(paths?.['/api/activities']?.get?.security).toEqual([{}, { session: [] }]);
    expect(paths?.['/api/activities']?.get?.responses?.['401']).toBeUndefined();
  });

  it('documents every error with the one shared error shape', () => {
    const { components } = t.app.locals.openapi;
    for (const status of [400, 401, 403, 404, 409, 413, 415, 429, 503]) {
      expect(components?.responses?.[`Error${status}`]).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      });
    }
    expect(components?.schemas?.Error).toMatchObject({
      required: ['error'],
      properties: { error: { required: expect.arrayContaining(['code', 'message']) } },
    });
    expect(
      t.app.locals.openapi.paths?.['/api/auth/sign-in']?.post?.responses?.['429'],
    ).toBeDefined();
  });

  it('is served at /api/openapi.json to anyone, cacheable, as built at startup', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(t.app.locals.openapi)));
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('writes Express paths in OpenAPI’s form', () => {
    expect(openApiPath('/api/spos/:id/lines/:lineId')).toBe('/api/spos/{id}/lines/{lineId}');
    expect(openApiPath('/api/tenders/:id/report.csv')).toBe('/api/tenders/{id}/report.csv');
  });
});

describe('the API reference page', () => {
  it('answers HTML that loads its renderer and script from this origin only', async () => {
    const res = await request(t.app).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const sources = [...res.text.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) expect(source).toMatch(/^\/api\/docs\/assets\//);
    // No inline script: the page keeps the app's content security policy.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    for (const source of sources) {
      const asset = await request(t.app).get(source);
      expect({ source, status: asset.status }).toEqual({ source, status: 200 });
    }
    const bundle = await request(t.app).get('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.text).toContain('SwaggerUIBundle');
    const init = await request(t.app).get('/api/docs/assets/init.js');
    expect(init.text).toContain("url: '/api/openapi.json'");
  });

  it('serves only the renderer’s own files, nothing else of the package or the disk', async () => {
    for (const path of [
      '/api/docs/assets/package.json',
      '/api/docs/assets/index.html',
      '/api/docs/assets/..%2F..%2Fpackage.json',
    ]) {
      const res = await request(t.app).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
