/**
 * Matching at national scale: `GET /api/tenders/:id/matches`, `/suggestion` and `/reach` over
 * a catalogue of 100,000 activities (the map bench's generator), real HTTP with keep-alive,
 * beside a naive baseline that does what the route does in JavaScript: load every active
 * activity with the score's inputs (awarded lines, measures, supported cells, district need),
 * score them all with the shared `scoreMatch`, sort and take the page. Prints median and p95 of each, the ratio, the
 * targets (matches p95 < 100 ms, suggestion < 500 ms) and whether both rank the same page.
 * Matches are read from the tender's kept scores (migration 0019): the first read, which builds
 * them, is timed on its own, and a third figure edits 20 candidates before each read, which
 * that read scores again. The edits are undone before the naive ranking is compared.
 *
 * Three tenders of a bench buyer (a police force) are written straight into the tables, each
 * with priorities (themes, groups, two measures, three focus districts, two delivery sites):
 * in the largest territory (the Met, ~17,000 activities), in Thames Valley, and across three
 * territories. Run `npm run bench -- coverage` first on the same database to include its
 * 200,000 awarded lines (the score reads them); the bench prints how many there are.
 *   npm run bench -- matching [--activities N] [--seed S] [--runs R]
 * Embedded PGlite (kept in the temporary folder) by default; PostgreSQL when DATABASE_URL is set.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { distance } from '@turf/turf';
import { sql } from 'kysely';
import { compareMatches, scoreMatch, type MatchActivity, type MatchTender } from '@shared/matching';
import type { MatchPage, ReachView, SuggestionView } from '@shared/schemas/matching';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client';
import { createMatchingRepo } from '../server/src/features/matching/matching.repo';
import { matchTenderOf } from '../server/src/features/matching/matching.service';
import { seedNeedIfEmpty } from '../seed/need';
import { loadAverage, prepareCatalogue } from './catalogue';
import { fmt, percentile } from './stats';
import { prepareTenders, TENDERS } from './tenders';

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    activities: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '40' },
  },
});
const COUNT = Number(values.activities);
const SEED = Number(values.seed);
const RUNS = Number(values.runs);
const TARGET_MATCHES_P95_MS = 100;
const TARGET_SUGGESTION_MS = 500;
/** Activities edited between reads in the "edited" figure: each read scores them again. */
const EDITS_BETWEEN = 20;
const config = loadConfig();

/**
 * The naive way: every active activity's inputs loaded into JavaScript (five plain queries),
 * each scored with `scoreMatch`, all sorted, one page taken.
 */
async function naiveMatches(database: DatabaseHandle, tenderId: string, pageSize: number) {
  const { db } = database;
  const t = (await createMatchingRepo(database).tenderContext(tenderId))!;
  const tender: MatchTender = matchTenderOf(t);
  const [activities, awarded, measures, cells, need] = await Promise.all([
    sql<{
      id: string;
      territory_code: string;
      lad_code: string | null;
      hex_i: number | null;
      hex_j: number | null;
      themes: string[];
      priority_groups: string[];
      lon: number;
      lat: number;
      capacity_pence: string;
      funding_gap_pence: string;
      evidence: { links?: unknown[]; evaluationSummary?: string };
      outcomes: unknown[];
      costs_avoided: Record<string, { annualPence: number; confidence: 'high' | 'medium' | 'low' }>;
    }>`SELECT id, territory_code, lad_code, hex_i, hex_j, themes, priority_groups,
         ST_X(location) AS lon, ST_Y(location) AS lat, capacity_pence, funding_gap_pence,
         evidence, outcomes, costs_avoided
       FROM activities WHERE status IN ('active', 'at_risk')`.execute(db),
    sql<{ activity_id: string; pence: string }>`
      SELECT activity_id, sum(annual_pence) AS pence FROM awarded_lines
      GROUP BY activity_id`.execute(db),
    sql<{ activity_id: string; m: string }>`
      SELECT activity_id, framework_id || ':' || measure_code AS m FROM activity_measures`.execute(
      db,
    ),
    sql<{ territory_code: string; i: number; j: number }>`
      SELECT territory_code, i, j FROM hex_coverage WHERE activities_supported > 0`.execute(db),
    sql<{ lad_code: string; q: number | null }>`
      SELECT lad_code, deprivation_quintile AS q FROM lad_need`.execute(db),
  ]);
  const committed = new Map(awarded.rows.map((r) => [r.activity_id, Number(r.pence)]));
  const measuresOf = new Map<string, string[]>();
  for (const r of measures.rows) {
    const list = measuresOf.get(r.activity_id) ?? [];
    list.push(r.m);
    measuresOf.set(r.activity_id, list);
  }
  const supported = new Set(cells.rows.map((c) => `${c.territory_code}|${c.i}|${c.j}`));
  const quintile = new Map(need.rows.map((r) => [r.lad_code, r.q]));
  const territories = new Set(t.territories);
  const focusLads = new Set(t.focusLads);
  const confidenceOrder = { high: 3, medium: 2, low: 1 } as const;
  const scored = [];
  for (const a of activities.rows) {
    if (!territories.has(a.territory_code)) continue;
    const costs = Object.values(a.costs_avoided ?? {});
    const best = costs.reduce<MatchActivity['bestConfidence']>(
      (b, c) =>
        b === null || confidenceOrder[c.confidence] > confidenceOrder[b] ? c.confidence : b,
      null,
    );
    const input: MatchActivity = {
      id: a.id,
      inFocusArea:
        (a.lad_code !== null && focusLads.has(a.lad_code)) ||
        t.focusTerritories.includes(a.territory_code),
      themes: a.themes,
      measures: (measuresOf.get(a.id) ?? []).filter((m) => t.measures.includes(m)),
      groups: a.priority_groups,
      capacityPence: Number(a.capacity_pence),
      fundingGapPence: Number(a.funding_gap_pence),
      heldPence: committed.get(a.id) ?? 0,
      committedPence: committed.get(a.id) ?? 0,
      deprivationQuintile: a.lad_code ? (quintile.get(a.lad_code) ?? null) : null,
      cellSupported: supported.has(`${a.territory_code}|${a.hex_i}|${a.hex_j}`),
      distanceKm:
        t.sites.length > 0
          ? Math.min(...t.sites.map((s) => distance([a.lon, a.lat], [s.lon, s.lat])))
          : null,
      evidenceLinks: a.evidence?.links?.length ?? 0,
      hasEvaluationSummary: (a.evidence?.evaluationSummary ?? '') !== '',
      outcomes: a.outcomes?.length ?? 0,
      bestConfidence: best,
      ownSectorSavingsPence: tender.ownCostArea
        ? (a.costs_avoided?.[tender.ownCostArea]?.annualPence ?? 0)
        : 0,
    };
    const s = scoreMatch(tender, input);
    scored.push({ id: a.id, score: s.score, roomPence: s.roomPence });
  }
  scored.sort(compareMatches);
  return {
    candidates: scored.length,
    page: scored.filter((s) => s.roomPence > 0).slice(0, pageSize),
  };
}

/** `runs` timed calls after one warm-up (timed on its own: for matches, it builds the kept scores). */
async function timed<T>(
  runs: number,
  fn: () => Promise<T>,
  before?: (run: number) => Promise<void>,
) {
  const warming = performance.now();
  await fn();
  const warmUp = performance.now() - warming;
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i += 1) {
    await before?.(i);
    const started = performance.now();
    last = await fn();
    times.push(performance.now() - started);
  }
  return { times, last, warmUp };
}

/** Edits the `run`th `n` of the tender's candidates (their funding gap, which moves their score). */
async function editCandidates(
  database: DatabaseHandle,
  territories: string[],
  n: number,
  run: number,
  byPence = 100,
) {
  await sql`UPDATE activities SET funding_gap_pence = funding_gap_pence + ${byPence},
      updated_at = now()
    WHERE id IN (SELECT id FROM activities WHERE territory_code = ANY(${territories}::text[])
      AND status = 'active' ORDER BY seq LIMIT ${n} OFFSET ${run * n})`.execute(database.db);
}

const p50 = (t: number[]) => percentile(t, 50);
const p95 = (t: number[]) => percentile(t, 95);
const line = (name: string, times: number[]) =>
  `    ${name.padEnd(40)} median ${fmt(p50(times))}  p95 ${fmt(p95(times))}  (${times.length} runs)`;

async function measure(label: string, database: DatabaseHandle): Promise<void> {
  console.log(`\n${label}: ${COUNT} activities, ${RUNS} requests per figure`);
  await prepareCatalogue(database, { count: COUNT, seed: SEED });
  await seedNeedIfEmpty(database);
  const tenders = await prepareTenders(database);
  const { rows: awarded } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM awarded_lines`.execute(database.db);
  console.log(`  ${awarded[0]!.n} awarded lines in the database`);
  const server = http.createServer(createApp({ database, config }));
  server.keepAliveTimeout = 0;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async <T>(url: string): Promise<T> => {
    const res = await fetch(`${base}${url}`, { signal: AbortSignal.timeout(60_000) });
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return body;
  };
  try {
    for (const [i, id] of tenders.entries()) {
      console.log(`\n  tender: ${TENDERS[i]!.label}`);
      const first = await timed(RUNS, () =>
        get<MatchPage>(`/api/tenders/${id}/matches?pageSize=25`),
      );
      const deep = await timed(RUNS, () =>
        get<MatchPage>(`/api/tenders/${id}/matches?pageSize=25&page=40`),
      );
      const edited = await timed(
        RUNS,
        () => get<MatchPage>(`/api/tenders/${id}/matches?pageSize=25`),
        (run) => editCandidates(database, TENDERS[i]!.territories, EDITS_BETWEEN, run),
      );
      await editCandidates(database, TENDERS[i]!.territories, EDITS_BETWEEN * RUNS, 0, -100);
      const settled = await get<MatchPage>(`/api/tenders/${id}/matches?pageSize=25`);
      const suggestion = await timed(Math.max(5, Math.round(RUNS / 4)), () =>
        get<SuggestionView>(`/api/tenders/${id}/suggestion`),
      );
      const reach = await timed(Math.max(5, Math.round(RUNS / 4)), () =>
        get<ReachView>(`/api/tenders/${id}/reach`),
      );
      const naive = await timed(Math.max(3, Math.round(RUNS / 8)), () =>
        naiveMatches(database, id, 25),
      );
      const same =
        JSON.stringify(settled.items.map((m) => m.activity.id)) ===
        JSON.stringify(naive.last.page.map((m) => m.id));
      console.log(
        `    ${first.last.total} candidates with room (of ${naive.last.candidates} in the territories)`,
      );
      console.log(
        `    ${'first read: builds the kept scores'.padEnd(40)} ${fmt(first.warmUp)}  (once per tender, and after need data changes)`,
      );
      console.log(line('GET matches, page 1', first.times));
      console.log(line('GET matches, page 40', deep.times));
      console.log(line(`page 1, ${EDITS_BETWEEN} candidates edited before each`, edited.times));
      console.log(line('GET suggestion (baseline)', suggestion.times));
      console.log(line('GET reach (from the kept scores)', reach.times));
      console.log(line('naive: all in JavaScript', naive.times));
      console.log(
        `    naive ÷ SQL (medians): ${(p50(naive.times) / p50(first.times)).toFixed(1)}×; p95s: ${(p95(naive.times) / p95(first.times)).toFixed(1)}×`,
      );
      console.log(`    same first page as the naive ranking: ${same ? 'yes' : 'NO'}`);
      const s = suggestion.last;
      console.log(
        `    suggestion: ${s.lines.length} lines across ${s.areas} areas, £${(s.totalPence / 100).toLocaleString('en-GB')} of £${(s.targetPence / 100).toLocaleString('en-GB')} (${s.reached ? 'reached' : 'short'})`,
      );
      console.log(
        `    targets: matches p95 < ${TARGET_MATCHES_P95_MS} ms: ${Math.max(p95(first.times), p95(deep.times), p95(edited.times)) < TARGET_MATCHES_P95_MS ? 'met' : 'MISSED'}; suggestion p95 < ${TARGET_SUGGESTION_MS} ms: ${p95(suggestion.times) < TARGET_SUGGESTION_MS ? 'met' : 'MISSED'}`,
      );
    }
    console.log(`\n  load average at the end ${loadAverage()}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await database.close();
  }
}

const benchDir = path.join(os.tmpdir(), `impact-atlas-bench-matching-${COUNT}-${SEED}`);
console.log(
  `matching benchmark (node ${process.version}, ${os.cpus().length} CPUs, load average ${loadAverage()})`,
);
if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  await measure(
    `PostgreSQL (${url.host}${url.pathname})`,
    await openDatabase({ databaseUrl: process.env.DATABASE_URL }),
  );
} else {
  await measure(`embedded PGlite (${benchDir})`, await openDatabase({ dataDir: benchDir }));
}
