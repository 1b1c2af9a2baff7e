import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../support/test-app';
import { OUTSIDE, TOWNS } from './locate.towns';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/territories/locate', () => {
  it('covers all four nations and at least 40 towns', () => {
    const nations = new Set(TOWNS.map(([, , , code]) => code[0]));
    expect([...nations].sort()).toEqual(['E', 'N', 'S', 'W']);
    expect(TOWNS.length).toBeGreaterThanOrEqual(40);
  });

  const towns = TOWNS.map(([town, lon, lat, code]) => ({ town, lon, lat, code }));
  it.each(towns)('puts $town in $code', async ({ lon, lat, code }) => {
    const res = await request(t.app).get('/api/territories/locate').query({ lon, lat });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(code);
    expect(typeof res.body.name).toBe('string');
  });

  it.each(OUTSIDE)('answers not_in_territory for %s', async (_place, lon, lat) => {
    const res = await request(t.app).get('/api/territories/locate').query({ lon, lat });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_in_territory');
  });

  it.each([
    ['no coordinates', ''],
    ['a missing lat', 'lon=-1.2'],
    ['an empty lon', 'lon=&lat=51'],
    ['a word', 'lon=west&lat=51'],
    ['hex', 'lon=0x10&lat=51'],
    ['Infinity', 'lon=Infinity&lat=51'],
    ['NaN', 'lon=NaN&lat=51'],
    ['a repeated lon', 'lon=1&lon=2&lat=51'],
    ['bracket syntax', 'lon[]=1&lat=51'],
    ['lat above 90', 'lon=0&lat=90.5'],
    ['lon below -180', 'lon=-181&lat=51'],
    ['a broken escape', 'lon=%E0%A4%A&lat=51'],
  ])('refuses %s with validation_failed', async (_case, query) => {
    const res = await request(t.app).get(`/api/territories/locate?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        code: 'validation_failed',
        message: expect.stringMatching(/lon|lat/),
      }),
    );
    expect(Array.isArray(res.body.error.details)).toBe(true);
  });
});
