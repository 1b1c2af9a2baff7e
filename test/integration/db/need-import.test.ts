import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { buildOrganisation } from '../../../seed/factories';
import { NEED_DIR, periodLabel, seedNeed } from '../../../seed/need';
import { signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import { activityOf } from '../tenders/spo-fixtures';

/** The need import: 361 districts, their figures as published, and the roll-up by territory. */

let t: TestApp;
let provider: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
});
afterAll(async () => {
  await t.close();
});

type Row = Record<string, string>;
const csv = async (file: string) =>
  parse(await fs.readFile(path.join(NEED_DIR, file), 'utf8'), {
    columns: true,
    bom: true,
  }) as Row[];

const territoryNeed = (code: string) =>
  t.database.db
    .selectFrom('territory_need')
    .selectAll()
    .where('territory_code', '=', code)
    .executeTakeFirstOrThrow();

describe('need import', () => {
  it('imports every district with a boundary and a row of need', async () => {
    const { db } = t.database;
    const lads = await db.selectFrom('lads').select('code').execute();
    const needs = await db.selectFrom('lad_need').select('lad_code').execute();
    expect(lads).toHaveLength(361);
    expect(needs).toHaveLength(361);
    const territories = await db.selectFrom('territory_need').selectAll().execute();
    expect(territories).toHaveLength(45);
    expect(territories.reduce((n, r) => n + r.lads, 0)).toBe(361);
  });

  it('keeps the published figures of a district, and null where a source has none', async () => {
    const hartlepool = await t.database.db
      .selectFrom('lad_need')
      .selectAll()
      .where('lad_code', '=', 'E06000001')
      .executeTakeFirstOrThrow();
    expect(hartlepool.population).toBe(93836);
    expect(hartlepool.deprivation_quintile).toBe(1);
    expect(hartlepool.deprivation_score).toBeCloseTo(34.960676, 5);
    expect(hartlepool.imd2025).toMatchObject({ imd: { averageScore: 37.58 } });

    const glasgow = await t.database.db
      .selectFrom('lad_need')
      .selectAll()
      .where('lad_code', '=', 'S12000049')
      .executeTakeFirstOrThrow();
    expect(glasgow.imd2025).toBeNull();
    expect(glasgow.deprivation_quintile).not.toBeNull();
  });

  it('takes the latest year of child poverty after housing costs', async () => {
    const rows = (await csv('children-in-relative-poverty.csv')).filter(
      (r) =>
        r.areacd === 'E06000001' &&
        r.indicator === 'Children in relative poverty after housing costs',
    );
    const latest = rows.sort((a, b) => (a.period! < b.period! ? 1 : -1))[0]!;
    const row = await t.database.db
      .selectFrom('lad_need')
      .select(['child_poverty_pct', 'child_poverty_period'])
      .where('lad_code', '=', 'E06000001')
      .executeTakeFirstOrThrow();
    expect(row.child_poverty_pct).toBeCloseTo(Number(latest.observation), 6);
    expect(row.child_poverty_period).toBe(periodLabel(latest.period!));
  });

  it('rolls districts up to a territory weighted by population', async () => {
    // Cleveland: Hartlepool, Middlesbrough, Redcar and Cleveland, Stockton-on-Tees.
    const rows = (await csv('la_imd_lad23.derived.csv')).filter(
      (r) => r.territory_code === 'E23000013',
    );
    expect(rows).toHaveLength(4);
    const population = rows.reduce((s, r) => s + Number(r.pop_2020), 0);
    const score =
      rows.reduce((s, r) => s + Number(r.la_deprivation_score) * Number(r.pop_2020), 0) /
      population;
    const q1 =
      rows
        .filter((r) => r.la_imd_pop_quintile === '1')
        .reduce((s, r) => s + Number(r.pop_2020), 0) / population;
    const cleveland = await territoryNeed('E23000013');
    expect(Number(cleveland.population)).toBe(population);
    expect(cleveland.deprivation_score).toBeCloseTo(score, 6);
    expect(cleveland.most_deprived_quintile_share).toBeCloseTo(q1, 6);
    expect(cleveland.lads).toBe(4);
    expect(cleveland.homicide_per_million).not.toBeNull();
    expect(cleveland.homicide_period).toBe('April 2022 to March 2025');
  });

  it('gives a territory with no district in the most deprived quintile a share of 0', async () => {
    // Thames Valley's 13 districts all lie outside the UK's most deprived fifth.
    expect((await territoryNeed('E23000029')).most_deprived_quintile_share).toBe(0);
  });

  it('has no homicide figure for Scotland or Northern Ireland: no data, not zero', async () => {
    expect((await territoryNeed('S23000009')).homicide_per_million).toBeNull();
    expect((await territoryNeed('N23000001')).homicide_per_million).toBeNull();
  });

  it('places an activity in its district, and again when it moves', async () => {
    // Hartlepool's headland, then Middlesbrough town centre.
    const activity = await activityOf(provider, { location: { lon: -1.2115, lat: 54.6892 } });
    const ladOf = async () =>
      (
        await t.database.db
          .selectFrom('activities')
          .select('lad_code')
          .where('id', '=', activity.id)
          .executeTakeFirstOrThrow()
      ).lad_code;
    expect(await ladOf()).toBe('E06000001');
    const moved = await provider.agent
      .patch(`/api/activities/${activity.id}`)
      .send({ version: activity.version, location: { lon: -1.2348, lat: 54.5742 } });
    expect(moved.status).toBe(200);
    expect(await ladOf()).toBe('E06000002');
  });

  it('re-imports without changing a figure, and re-places activities already listed', async () => {
    const before = await sql<{ h: string }>`
      SELECT md5(string_agg(lad_code || coalesce(deprivation_score::text, '-'), ',' ORDER BY lad_code)) AS h
      FROM lad_need`.execute(t.database.db);
    await sql`UPDATE activities SET lad_code = NULL`.execute(t.database.db);
    await seedNeed(t.database);
    const after = await sql<{ h: string }>`
      SELECT md5(string_agg(lad_code || coalesce(deprivation_score::text, '-'), ',' ORDER BY lad_code)) AS h
      FROM lad_need`.execute(t.database.db);
    expect(after.rows[0]!.h).toBe(before.rows[0]!.h);
    const unplaced = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM activities WHERE lad_code IS NULL`.execute(t.database.db);
    expect(unplaced.rows[0]!.n).toBe(0);
  });

  it('words ONS periods plainly', () => {
    expect(periodLabel('2024-04-01/P1Y')).toBe('April 2024 to March 2025');
    expect(periodLabel('2025-01-01/P1Y')).toBe('2025');
    expect(periodLabel('2022-04-01/P3Y')).toBe('April 2022 to March 2025');
  });
});
