import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
import { loadConfig } from '../../../server/src/config';
import type { TerritoryImport } from '../../../server/src/features/territories/territories.repo';
import { seedDemoAccounts } from '../../../seed/demo-accounts';
import { territoryLocator } from '../../../seed/places';
import { seedDemoActivities, seedDemoTenderIfEmpty } from '../../../seed/seed';
import { readTerritoryBoundaries } from '../../../seed/territories';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let territories: TerritoryImport[];
beforeAll(async () => {
  t = await createTestApp();
  territories = await readTerritoryBoundaries(loadConfig().boundariesFile);
  await seedDemoAccounts(t.database, 1024);
});
afterAll(() => t.close());

const rows = () =>
  sql<{
    id: string;
    territory_code: string;
    lon: number;
    lat: number;
    is_demo: boolean;
    status: string;
    provider: string;
  }>`
    SELECT a.id, a.territory_code, ST_X(a.location) AS lon, ST_Y(a.location) AS lat, a.is_demo,
      a.status, o.name AS provider
    FROM activities a JOIN organisations o ON o.id = a.provider_id ORDER BY a.id`
    .execute(t.database.db)
    .then((r) => r.rows);

describe('seeding the demo catalogue', () => {
  it('writes every generated activity, in the territory the database derives, labelled demo', async () => {
    expect(await seedDemoActivities(t.database, { count: 400, seed: 5, territories })).toBe(400);
    const written = await rows();
    expect(written).toHaveLength(400);
    const { locate } = territoryLocator(territories);
    for (const r of written) {
      expect([r.id, r.territory_code]).toEqual([r.id, locate(r.lon, r.lat)?.code]);
      expect(r.is_demo).toBe(true);
    }
    expect(new Set(written.map((r) => r.territory_code)).size).toBe(45);
    // The demo provider account has a few of its own to edit.
    expect(written.filter((r) => r.provider === 'Riverside Youth Trust (demo)')).toHaveLength(5);
  });

  it('replaces the demo catalogue when run again, identically for the same seed', async () => {
    const before = await rows();
    expect(await seedDemoActivities(t.database, { count: 400, seed: 5, territories })).toBe(400);
    expect(await rows()).toEqual(before);
    await seedDemoActivities(t.database, { count: 100, seed: 6, territories });
    expect(await rows()).toHaveLength(100);
  });

  it('serves the demo through the API: clusters add up to every open activity', async () => {
    const open = (await rows()).filter((r) => r.status === 'active' || r.status === 'at_risk');
    const map = await request(t.app).get('/api/activities/map?bbox=-9,49.5,2.5,61&zoom=5');
    expect(map.body.total).toBe(open.length);
    const list = await request(t.app).get('/api/activities?pageSize=1');
    expect(list.body.total).toBe(open.length);
    expect(list.body.items[0].demo).toBe(true);
  });
});

describe('the demo tender', () => {
  it('is published once for the demo buyer, open for SPOs', async () => {
    expect(await seedDemoTenderIfEmpty(t.database, 'ocds-test00')).toBe(true);
    expect(await seedDemoTenderIfEmpty(t.database, 'ocds-test00')).toBe(false);
    const res = await request(t.app).get('/api/tenders');
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      status: 'open',
      buyer: { name: 'Thames Valley Police Procurement (demo)' },
      baselineAnnualPence: 750_000,
    });
  });
});
