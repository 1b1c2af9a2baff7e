import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
import { loadConfig } from '../../../server/src/config';
import type { TerritoryImport } from '../../../server/src/features/territories/territories.repo';
import type { SpoView } from '@shared/schemas/tenders';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../../seed/demo-accounts';
import { territoryLocator } from '../../../seed/places';
import { seedDemoActivities, seedDemoTenderIfEmpty } from '../../../seed/seed';
import { readTerritoryBoundaries } from '../../../seed/territories';
import { signIn } from '../../support/accounts';
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

describe('re-seeding the demo once suppliers have built SPOs on it', () => {
  it('keeps the demo activities an SPO names, live or sealed, and replaces the rest', async () => {
    await seedDemoActivities(t.database, { count: 100, seed: 6, territories });
    const open = (r: { status: string }) => r.status === 'active' || r.status === 'at_risk';
    const seeded = await rows();
    // X: the demo provider account's, so it can accept, for a sealed version; Y: any other.
    const x = seeded.find((r) => open(r) && r.provider === 'Riverside Youth Trust (demo)')!;
    const y = seeded.find((r) => open(r) && r.provider !== 'Riverside Youth Trust (demo)')!;
    const supplier = await signIn(t.app, 'supplier@demo.test', DEMO_PASSWORD);
    const provider = await signIn(t.app, 'provider@demo.test', DEMO_PASSWORD);
    const supplierId = (await supplier.get('/api/me')).body.organisations[0].id as string;
    const tender = (await request(t.app).get('/api/tenders')).body.items[0] as { id: string };

    const spo = await supplier.post(`/api/tenders/${tender.id}/spos`).send({ supplierId });
    expect(spo.status).toBe(201);
    const spoId = spo.body.id as string;
    const withX = await supplier
      .post(`/api/spos/${spoId}/lines`)
      .send({ activityId: x.id, kind: 'cash', annualPence: 500_000 });
    expect(withX.status).toBe(201);
    const lineX = (withX.body as SpoView).lines[0]!.id;
    const accepted = await provider
      .post(`/api/spos/${spoId}/lines/${lineX}/response`)
      .send({ decision: 'accepted', note: '' });
    expect(accepted.status).toBe(200);
    const submitted = await supplier.post(`/api/spos/${spoId}/submit`);
    expect(submitted.status).toBe(200);
    // X now lives on only in the sealed version; Y only in the live draft.
    expect((await supplier.delete(`/api/spos/${spoId}/lines/${lineX}`)).status).toBe(200);
    const withY = await supplier
      .post(`/api/spos/${spoId}/lines`)
      .send({ activityId: y.id, kind: 'volunteering', annualHours: 40 });
    expect(withY.status).toBe(201);
    const before = (await supplier.get(`/api/spos/${spoId}`)).body as SpoView;

    // Another seed, then the same one again (which generates X's and Y's ids anew).
    expect(await seedDemoActivities(t.database, { count: 50, seed: 7, territories })).toBe(50);
    const afterOther = await rows();
    expect(afterOther).toHaveLength(52);
    expect(afterOther).toContainEqual(x);
    expect(afterOther).toContainEqual(y);
    expect(await seedDemoActivities(t.database, { count: 100, seed: 6, territories })).toBe(98);
    expect(await rows()).toEqual(seeded);

    const after = (await supplier.get(`/api/spos/${spoId}`)).body as SpoView;
    expect(after).toEqual(before);
    expect(after.lines.map((l) => l.activity.id)).toEqual([y.id]);
    expect(after.contentHash).toBe((submitted.body as SpoView).contentHash);
    const sealed = await sql<{ content: string }>`
      SELECT content FROM spo_versions WHERE spo_id = ${spoId}`.execute(t.database.db);
    expect(sealed.rows.map((r) => JSON.parse(r.content).lines[0].activity.id)).toEqual([x.id]);
    for (const id of [x.id, y.id]) {
      expect((await request(t.app).get(`/api/activities/${id}`)).status).toBe(200);
    }
  });
});
