import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { LadNeedCollection, TerritoryNeedDetail, TerritoryNeedList } from '@shared/schemas/need';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let lads: LadNeedCollection;

beforeAll(async () => {
  t = await createTestApp();
  const res = await request(t.app).get('/api/need/lads');
  lads = LadNeedCollection.parse(res.body);
});
afterAll(() => t.close());

const district = (code: string) => lads.features.find((f) => f.properties.code === code);

describe('GET /api/need/lads', () => {
  it('answers every one of the 361 districts as GeoJSON, with its territory', async () => {
    const res = await request(t.app).get('/api/need/lads');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(lads.features).toHaveLength(361);
    const codes = new Set(lads.features.map((f) => f.properties.code));
    expect(codes.size).toBe(361);
    for (const f of lads.features) {
      expect(f.id).toBe(f.properties.code);
      expect(f.geometry.type).toBe('MultiPolygon');
    }
  });

  it('has the figures of Hartlepool as the sources give them', () => {
    const hartlepool = district('E06000001')?.properties;
    expect(hartlepool).toEqual(
      expect.objectContaining({
        name: 'Hartlepool',
        territoryCode: 'E23000013',
        population: 93836,
        deprivationQuintile: 1,
      }),
    );
    expect(hartlepool?.imd2025?.imd?.rankOfAverageScore).toEqual(expect.any(Number));
  });

  it('has no English IMD 2025 figures for a Scottish district: null, not zeros', () => {
    const glasgow = district('S12000049')?.properties;
    expect(glasgow?.name).toBe('Glasgow City');
    expect(glasgow?.imd2025).toBeNull();
    expect(glasgow?.deprivationQuintile).toEqual(expect.any(Number));
  });

  it('sends coordinates at no more than four decimals, for a lighter map', () => {
    const coordinates = JSON.stringify(district('E06000001')?.geometry.coordinates);
    expect(coordinates).not.toMatch(/\.\d{5,}/);
  });

  it('answers 304 to a request that has the current version', async () => {
    const first = await request(t.app).get('/api/need/lads');
    const etag = first.headers.etag;
    expect(etag).toEqual(expect.any(String));
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    const again = await request(t.app).get('/api/need/lads').set('If-None-Match', etag!);
    expect(again.status).toBe(304);
  });
});

describe('GET /api/need/territories', () => {
  it('answers all 45 territories, each with its districts counted', async () => {
    const res = await request(t.app).get('/api/need/territories');
    expect(res.status).toBe(200);
    const list = TerritoryNeedList.parse(res.body);
    expect(list).toHaveLength(45);
    expect(list.reduce((sum, row) => sum + row.lads, 0)).toBe(361);
  });

  it('has no homicide rate for Scotland or Northern Ireland: null, not 0', async () => {
    const list = TerritoryNeedList.parse((await request(t.app).get('/api/need/territories')).body);
    const byCode = new Map(list.map((row) => [row.code, row]));
    expect(byCode.get('S23000009')?.homicidePerMillion).toBeNull();
    expect(byCode.get('N23000001')?.homicidePerMillion).toBeNull();
    expect(byCode.get('E23000001')?.homicidePerMillion).toEqual(expect.any(Number));
  });
});

describe('GET /api/need/territories/:code', () => {
  it('answers a territory with its districts, whose populations add up to its own', async () => {
    const res = await request(t.app).get('/api/need/territories/E23000013');
    expect(res.status).toBe(200);
    const detail = TerritoryNeedDetail.parse(res.body);
    expect(detail.territory.code).toBe('E23000013');
    expect(detail.lads.map((l) => l.code)).toContain('E06000001');
    expect(detail.lads).toHaveLength(detail.territory.lads);
    const population = detail.lads.reduce((sum, l) => sum + (l.population ?? 0), 0);
    expect(detail.territory.population).toBe(population);
  });

  it('reads a code in lower case too', async () => {
    const res = await request(t.app).get('/api/need/territories/e23000013');
    expect(res.status).toBe(200);
    expect(res.body.territory.code).toBe('E23000013');
  });

  it.each(['E23999999', 'nowhere', 'E06000001'])(
    'answers territory_not_found for %s',
    async (code) => {
      const res = await request(t.app).get(`/api/need/territories/${code}`);
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual(
        expect.objectContaining({ code: 'territory_not_found', message: expect.any(String) }),
      );
    },
  );
});

describe('after the need data changes', () => {
  it('answers a district without figures with nulls, never zeros, under a new ETag', async () => {
    const before = await request(t.app).get('/api/need/lads');
    await t.database.db.deleteFrom('lad_need').where('lad_code', '=', 'E06000001').execute();
    const after = await request(t.app).get('/api/need/lads');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const hartlepool = LadNeedCollection.parse(after.body).features.find(
      (f) => f.properties.code === 'E06000001',
    );
    expect(hartlepool?.properties).toEqual(
      expect.objectContaining({
        name: 'Hartlepool',
        population: null,
        deprivationScore: null,
        deprivationQuintile: null,
        childPovertyPct: null,
        claimantPct: null,
        imd2025: null,
      }),
    );
  });
});
