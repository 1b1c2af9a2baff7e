import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { Health } from '@shared/schemas/health';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('reports the database back end and its PostGIS version', async () => {
  const res = await request(t.app).get('/api/health');
  expect(res.status).toBe(200);
  const health = Health.parse(res.body);
  expect(health.database).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded');
  expect(health.postgis).toMatch(/^3\.\d+/);
  expect(res.headers['cache-control']).toBe('no-store');
});

it('serves the client configuration with the ONS attribution', async () => {
  const res = await request(t.app).get('/api/config');
  expect(res.status).toBe(200);
  expect(res.body.boundaryAttribution).toContain('Office for National Statistics');
  expect(res.body.boundaryAttribution).toContain('Open Government Licence');
});
