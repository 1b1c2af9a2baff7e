import os from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config';
import type { DatabaseHandle } from '../server/src/db/client';
import { migrate } from '../server/src/db/migrate';
import { createCoverageRepo } from '../server/src/features/coverage/coverage.repo';
import { seedDemoActivities, seedIfEmpty, seedMeasuresIfEmpty } from '../seed/seed';
import { readTerritoryBoundaries } from '../seed/territories';

/** The 1, 5 and 15 minute load averages: other work on the machine skews the figures. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/**
 * The catalogue the demo generator writes activity by activity; bigger ones replicate it in
 * SQL (see `replicateCatalogue`).
 */
export const GENERATED_MAX = 100_000;

/**
 * Migrates and seeds a bench database (territories, TOMs) and makes its demo catalogue
 * `count` activities of `seed`, generating it only when the count differs, so a kept
 * database is generated once. Up to GENERATED_MAX activities come from the demo generator;
 * beyond, the generator's GENERATED_MAX are replicated in SQL. Answers whether anything changed.
 */
export async function prepareCatalogue(
  database: DatabaseHandle,
  { count, seed }: { count: number; seed: number },
): Promise<boolean> {
  const config = loadConfig();
  let changed = (await migrate(database)).length > 0;
  changed = (await seedIfEmpty(database, config.boundariesFile)) || changed;
  changed = (await seedMeasuresIfEmpty(database, config.tomsFile)) || changed;
  const demoCount = async () =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM activities WHERE is_demo`.execute(
        database.db,
      )
    ).rows[0]?.n;
  const present = await demoCount();
  if (count === 0 || present === count) return changed;
  const generated = Math.min(count, GENERATED_MAX);
  console.log(`  generating ${count} demo activities (seed ${seed})…`);
  const started = performance.now();
  await seedDemoActivities(database, {
    count: generated,
    seed,
    territories: await readTerritoryBoundaries(config.boundariesFile),
  });
  if (count > generated) {
    console.log(
      `  ${await demoCount()} generated in ${((performance.now() - started) / 1000).toFixed(1)} s; replicating to ${count}…`,
    );
    await replicateCatalogue(database, count);
  }
  // VACUUM sets the visibility map, so that the map index answers without the heap.
  await sql`VACUUM ANALYZE activities`.execute(database.db);
  await sql`VACUUM ANALYZE activity_map_cells`.execute(database.db);
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * Grows the demo catalogue to `count` in one set-based statement: copies of the generated
 * activities (their measures too), each moved by up to about 1.5 km in a direction drawn from
 * a hash of its source's id and copy number (so the same every run), and kept at its source's
 * point where the move would leave the source's territory. Copies are demo activities of the
 * same providers; the database's own triggers place them (hexes, districts, map cells).
 */
async function replicateCatalogue(database: DatabaseHandle, count: number): Promise<void> {
  const { db } = database;
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM activities WHERE is_demo`.execute(db);
  const sources = rows[0]?.n ?? 0;
  const wanted = count - sources;
  if (sources === 0 || wanted <= 0) return;
  const copies = Math.ceil(wanted / sources);
  await db.transaction().execute(async (tx) => {
    await sql`
      CREATE TEMP TABLE replica_sources ON COMMIT DROP AS
      SELECT a.*, row_number() OVER (ORDER BY a.seq) AS rn FROM activities a WHERE a.is_demo`.execute(
      tx,
    );
    // A hash in [-0.5, 0.5) from text: deterministic, unlike random().
    const unit = (text: ReturnType<typeof sql>) =>
      sql`(('x' || substr(md5(${text}), 1, 8))::bit(32)::int::float8 / 4294967296.0)`;
    await sql`
      CREATE TEMP TABLE replica_rows ON COMMIT DROP AS
      SELECT md5(s.id::text || ':' || c.i)::uuid AS id, s.id AS source_id, s.rn, s.provider_id,
        s.title, s.summary, s.description, s.themes, s.category, s.priority_groups, s.location,
        s.address, s.territory_code, s.service_radius_km, s.service_area,
        s.people_reached_per_year, s.outcomes, s.evidence, s.costs_avoided, s.funding_gap_pence,
        s.volunteer_hours_per_year, s.in_kind, s.capacity_pence, s.status, s.at_risk_until,
        ST_SetSRID(ST_MakePoint(
          round((ST_X(s.location) + ${unit(sql`s.id::text || ':x' || c.i`)} * 0.04)::numeric, 5)::float8,
          round((ST_Y(s.location) + ${unit(sql`s.id::text || ':y' || c.i`)} * 0.025)::numeric, 5)::float8
        ), 4326) AS moved
      FROM replica_sources s CROSS JOIN generate_series(1, ${copies}::int) AS c(i)
      ORDER BY c.i, s.rn
      LIMIT ${wanted}::int`.execute(tx);
    await sql`
      INSERT INTO activities (id, provider_id, title, summary, description, themes, category,
        priority_groups, location, address, territory_code, service_radius_km, service_area,
        people_reached_per_year, outcomes, evidence, costs_avoided, funding_gap_pence,
        volunteer_hours_per_year, in_kind, capacity_pence, status, at_risk_until, is_demo)
      SELECT r.id, r.provider_id, r.title, r.summary, r.description, r.themes, r.category,
        r.priority_groups,
        CASE WHEN ST_Covers(t.geom, r.moved) THEN r.moved ELSE r.location END,
        r.address, r.territory_code, r.service_radius_km, r.service_area,
        r.people_reached_per_year, r.outcomes, r.evidence, r.costs_avoided, r.funding_gap_pence,
        r.volunteer_hours_per_year, r.in_kind, r.capacity_pence, r.status, r.at_risk_until, true
      FROM replica_rows r JOIN territories t ON t.code = r.territory_code
      ORDER BY r.territory_code, r.rn`.execute(tx);
    await sql`
      INSERT INTO activity_measures (activity_id, framework_id, measure_code)
      SELECT r.id, m.framework_id, m.measure_code
      FROM replica_rows r JOIN activity_measures m ON m.activity_id = r.source_id`.execute(tx);
    await createCoverageRepo(tx).rebuildAll();
  });
}
