/**
 * Every route answers in the shape its shared schema gives. The route table holds each route's
 * schema, and in tests (as in development) each success answer is checked as it is sent, so
 * every integration test that calls a route also checks its answer: a mismatch is a 500.
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { z } from 'zod';
import { errorHandler } from '../../../server/src/http/errors';
import { RouteTable } from '../../../server/src/http/route-table';
import { createLogger } from '../../../server/src/lib/logger';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A tiny app with one route answering `body` under `schema`. */
function appAnswering(
  body: unknown,
  schema: z.ZodType | null,
  checkResponses: boolean,
  send: 'json' | 'text' = 'json',
) {
  const table = new RouteTable({ checkResponses });
  const r = table.router('/things');
  r.get('/', { response: schema }, (_req, res) => {
    if (send === 'json') res.json(body);
    else res.type('application/geo+json').send(JSON.stringify(body));
  });
  const app = express();
  app.use('/api/things', r.router);
  app.use(errorHandler(createLogger('silent')));
  return app;
}

const Thing = z.object({ name: z.string(), count: z.number().int() });

describe('response schemas', () => {
  it('declares a schema (or no body) for every route of the app', () => {
    const { routes, responses } = t.app.locals;
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((route) => !responses.has(route));
    expect(missing).toEqual([]);
    const bodiless = routes.filter((route) => responses.get(route) === null).sort();
    expect(bodiless).toEqual([
      'DELETE /api/organisations/:id/members/:personId',
      'POST /api/auth/password',
      'POST /api/auth/password-reset/confirm',
      'POST /api/auth/sign-out',
      'POST /api/auth/verify-email',
    ]);
  });

  it('sends an answer that matches its schema', async () => {
    const res = await request(appAnswering({ name: 'a', count: 1 }, Thing, true)).get(
      '/api/things',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'a', count: 1 });
  });

  it.each([
    ['a missing field', { name: 'a' }],
    ['a wrong type', { name: 'a', count: 'one' }],
    ['a list for an object', [{ name: 'a', count: 1 }]],
  ])('fails loudly on %s while checking', async (_case, body) => {
    const res = await request(appAnswering(body, Thing, true)).get('/api/things');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal_error');
  });

  it('checks JSON sent as text too (the territories send prepared GeoJSON)', async () => {
    const res = await request(appAnswering({ name: 'a' }, Thing, true, 'text')).get('/api/things');
    expect(res.status).toBe(500);
  });

  it('fails loudly when a route declared to answer nothing sends a body', async () => {
    const res = await request(appAnswering({ name: 'a', count: 1 }, null, true)).get('/api/things');
    expect(res.status).toBe(500);
  });

  it('leaves answers alone when checking is off (production)', async () => {
    const res = await request(appAnswering({ name: 'a' }, Thing, false)).get('/api/things');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'a' });
  });

  it('checks answers in tests, as in development', () => {
    expect(process.env.NODE_ENV).not.toBe('production');
  });
});
