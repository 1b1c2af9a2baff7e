import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { booleanPointInPolygon, point } from '@turf/turf';
import fc from 'fast-check';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import request from 'supertest';
import { TerritoryProperties } from '@shared/schemas/territories';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/territories', () => {
  it('answers the 45 territories as RFC 7946 GeoJSON under 1 MB', async () => {
    const res = await request(t.app).get('/api/territories');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(Buffer.byteLength(res.text)).toBeLessThan(1_000_000);
    // check-geojson throws on anything RFC 7946 forbids, including wrong ring winding.
    const collection = checkGeoJson(res.text) as FeatureCollection<MultiPolygon>;
    expect(collection.features).toHaveLength(45);
    const codes = collection.features.map((f) => TerritoryProperties.parse(f.properties).code);
    expect(new Set(codes).size).toBe(45);
    expect(codes.filter((c) => c.startsWith('E23'))).toHaveLength(39);
    expect(codes.filter((c) => c.startsWith('W15'))).toHaveLength(4);
    expect(codes).toEqual(expect.arrayContaining(['S23000009', 'N23000001']));
    for (const f of collection.features) {
      expect(Object.keys(f.properties ?? {}).sort()).toEqual(['code', 'force', 'name', 'nation']);
      expect(f.geometry.type).toBe('MultiPolygon');
    }
  });

  it('sends a display geometry lighter than the full one', async () => {
    const display = await request(t.app).get('/api/territories');
    const scotlandDisplay = (display.body as FeatureCollection<MultiPolygon>).features.find(
      (f) => f.properties?.code === 'S23000009',
    )!;
    const full = await request(t.app).get('/api/territories/S23000009');
    const count = (g: MultiPolygon) => g.coordinates.flat(2).length;
    expect(count(scotlandDisplay.geometry)).toBeLessThan(count(full.body.geometry) * 0.6);
  });

  it('is cacheable and answers 304 to a matching If-None-Match', async () => {
    const first = await request(t.app).get('/api/territories');
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const second = await request(t.app).get('/api/territories').set('If-None-Match', etag);
    expect(second.status).toBe(304);
    expect(second.text).toBeFalsy();
    const other = await request(t.app)
      .get('/api/territories')
      .set('If-None-Match', '"something-else"');
    expect(other.status).toBe(200);
  });

  it('compresses the collection for clients that accept gzip', async () => {
    const res = await request(t.app).get('/api/territories').set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});

describe('GET /api/territories/:code', () => {
  it('answers one territory at full resolution', async () => {
    const res = await request(t.app).get('/api/territories/E23000029');
    expect(res.status).toBe(200);
    const feature = checkGeoJson(res.text) as unknown as { type: string; properties: unknown };
    expect(feature.type).toBe('Feature');
    expect(feature.properties).toEqual({
      code: 'E23000029',
      name: 'Thames Valley',
      force: 'Thames Valley Police',
      nation: 'England',
    });
  });

  it('accepts a code in lower case', async () => {
    const res = await request(t.app).get('/api/territories/n23000001');
    expect(res.status).toBe(200);
    expect(res.body.properties.name).toBe('Northern Ireland');
  });

  it('does not let a browser or proxy cache a not-found answer as GeoJSON', async () => {
    const res = await request(t.app).get('/api/territories/E23000099');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control'] ?? '').not.toMatch(/public/);
  });

  it.each(['E23000099', 'nonsense', 'E23000029x', '%20', 'E23000001%00', '%00', 'x'.repeat(300)])(
    'answers territory_not_found for %s',
    async (code) => {
      const res = await request(t.app).get(`/api/territories/${code}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('territory_not_found');
    },
  );

  it('agrees with turf on which territory holds random points across the UK', async () => {
    const all = (await request(t.app).get('/api/territories'))
      .body as FeatureCollection<MultiPolygon>;
    const full = await Promise.all(
      all.features.map(
        async (f) => (await request(t.app).get(`/api/territories/${f.properties!.code}`)).body,
      ),
    );
    // Seeded, so that a disagreement can be replayed.
    const points = fc.sample(
      fc.tuple(
        fc.double({ min: -8.2, max: 1.7, noNaN: true }),
        fc.double({ min: 50.0, max: 60.8, noNaN: true }),
      ),
      { numRuns: 150, seed: 20261122 },
    );
    for (const [lon, lat] of points) {
      const expected =
        full.find((f) => booleanPointInPolygon(point([lon, lat]), f))?.properties.code ?? null;
      const res = await request(t.app).get('/api/territories/locate').query({ lon, lat });
      expect({ lon, lat, code: res.status === 200 ? res.body.code : null }).toEqual({
        lon,
        lat,
        code: expected,
      });
    }
  });
});

describe('malformed requests', () => {
  it('answers unknown API routes with a JSON 404', async () => {
    const res = await request(t.app).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        code: 'route_not_found',
        message: expect.any(String),
        requestId: expect.any(String),
      }),
    );
  });

  it('answers a broken percent-escape in the path with a 400, not a 500', async () => {
    const res = await request(t.app).get('/api/territories/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_request');
  });

  it('answers unreadable JSON bodies with a 400 in the error shape', async () => {
    const res = await request(t.app)
      .post('/api/territories')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_request');
  });

  it('never answers an arbitrary territory code in the path with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), async (raw) => {
        const res = await request(t.app).get(`/api/territories/${encodeURIComponent(raw)}`);
        expect(res.status).toBeLessThan(500);
        expect(res.body.error?.code ?? res.body.type).toEqual(expect.any(String));
      }),
      { numRuns: 200 },
    );
  });

  it('sends security headers', async () => {
    const res = await request(t.app).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('never answers an arbitrary query string with a 5xx', async () => {
    const paths = [
      '/api/territories',
      '/api/territories/locate',
      '/api/territories/E23000001',
      '/api/health',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.string({ unit: 'binary', maxLength: 60 }),
        async (p, raw) => {
          const query = encodeURI(raw).replace(/%25/g, '%');
          const res = await request(t.app).get(`${p}?${query}`);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
        },
      ),
      { numRuns: 150 },
    );
  });
});
