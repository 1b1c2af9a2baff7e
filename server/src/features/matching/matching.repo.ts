import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DatabaseHandle } from '../../db/client';
import type { Database } from '../../db/schema';
import { kmToNearest, latOf, lonOf } from '../../db/geo';
import type { MatchWeights } from '@shared/matching';
import { CONFIDENCE_VALUES, DISTANCE_LIMIT_KM } from '@shared/matching';

/** What a tender asks of matches: its territories, priorities and weights. */
export interface TenderMatchContext {
  id: string;
  status: string;
  publishedAt: Date | null;
  buyerId: string;
  buyerSector: string | null;
  annualValuePence: number;
  baselinePencePerMillion: number;
  midPencePerMillion: number;
  higherAmbitionPencePerMillion: number;
  territories: string[];
  themes: string[];
  groups: string[];
  /** `framework:code`. */
  measures: string[];
  focusLads: string[];
  focusTerritories: string[];
  sites: { label: string; lon: number; lat: number }[];
  storedWeights: Partial<MatchWeights>;
}

/** One candidate activity's inputs to the score, and what the result shows of it. */
export interface CandidateRow {
  id: string;
  title: string;
  provider_id: string;
  provider_name: string;
  status: 'active' | 'at_risk' | 'paused' | 'closed';
  themes: string[];
  groups: string[];
  lon: number;
  lat: number;
  territory_code: string;
  territory_name: string;
  lad_code: string | null;
  lad_name: string | null;
  capacity_pence: string | number;
  funding_gap_pence: string | number;
  committed: string | number;
  own_pence: string | number;
  here_pence: string | number;
  deprivation_quintile: number | null;
  cell_supported: boolean;
  in_focus: boolean;
  distance_km: number | null;
  measures: string[];
  links: number;
  has_summary: boolean;
  outcomes: number;
  confidence: keyof typeof CONFIDENCE_VALUES | null;
  own_sector_pence: string | number;
}

export interface RankedRow extends CandidateRow {
  room: string | number;
  remaining_gap: string | number;
  score: string | number;
  total: string | number;
}

export interface CandidateFilters {
  /** Only these activities (a page, the asker's own, or those to score again). */
  ids?: string[];
  theme?: string;
  territory?: string;
  lad?: string;
  focusOnly?: boolean;
}

/** Scoring weights and the tender's line size, fixed for one query. */
export interface ScoringParams {
  weights: MatchWeights;
  typicalLinePence: number;
  ownCostArea: string | null;
}

const num = (n: number) => sql.lit(n);
const textArray = (items: string[]) => sql`${items}::text[]`;

/**
 * The share of `wanted` an array column holds, in SQL; null when nothing is wanted (the
 * factor does not count). Mirrors `share` in shared/src/matching.ts.
 */
function shareOf(column: RawBuilder<unknown>, wanted: string[]): RawBuilder<number> | null {
  if (wanted.length === 0) return null;
  // One test per wanted value: plain expressions, no subquery per candidate.
  const hits = wanted.map((w) => sql`CASE WHEN ${w}::text = ANY(${column}) THEN 1 ELSE 0 END`);
  return sql<number>`((${sql.join(hits, sql` + `)})::float8 / ${num(wanted.length)})`;
}

/**
 * What a tender's priorities can reach in each of its territories, summed over `source` (its
 * candidates: territory, room, most-deprived district, supported cell, provider; after the
 * CTEs `ctes`, which end in a comma). Grouped by hashing, not by sorting 151,110 rows (the
 * Met at 1,000,000 activities); the providers counted once across the territories.
 */
async function reachQuery(
  db: Kysely<Database>,
  t: TenderMatchContext,
  ctes: RawBuilder<unknown>,
  source: RawBuilder<unknown>,
): Promise<ReachRow[]> {
  const result = await sql<ReachRow>`
    WITH ${ctes} k AS MATERIALIZED (${source}),
    b AS (
      SELECT territory_code, count(*)::int AS activities,
        (count(*) FILTER (WHERE room_pence > 0))::int AS with_room,
        sum(room_pence) AS room,
        (count(*) FILTER (WHERE most_deprived))::int AS most_deprived,
        (count(*) FILTER (WHERE NOT cell_supported))::int AS unsupported
      FROM k GROUP BY territory_code
    ),
    p AS (SELECT count(*)::int AS providers FROM (SELECT DISTINCT provider_id FROM k) d)
    SELECT tr.code AS territory_code, tr.name AS territory_name,
      coalesce(b.activities, 0) AS activities, coalesce(b.with_room, 0) AS with_room,
      coalesce(b.room, 0) AS room, coalesce(b.most_deprived, 0) AS most_deprived,
      coalesce(b.unsupported, 0) AS unsupported, p.providers,
      tn.population, tn.deprivation_score
    FROM territories tr
    CROSS JOIN p
    LEFT JOIN b ON b.territory_code = tr.code
    LEFT JOIN territory_need tn ON tn.territory_code = tr.code
    WHERE tr.code = ANY(${textArray(t.territories)})
    ORDER BY tr.code`.execute(db);
  return result.rows;
}

/** What a tender's priorities can reach in one of its territories. */
interface ReachRow {
  territory_code: string;
  territory_name: string;
  activities: number;
  with_room: number;
  room: string | number;
  most_deprived: number;
  unsupported: number;
  /** Providers of the candidates in all the tender's territories (the same on every row). */
  providers: number;
  population: string | number | null;
  deprivation_score: number | null;
}

/**
 * The score of shared/src/matching.ts `scoreMatch`, in SQL over the candidates CTE `c`, so
 * that PostgreSQL ranks and pages without sending every candidate to Node. Which factors count
 * is known before the query (what the tender names), except need, which a district may lack.
 */
function scoreSql(t: TenderMatchContext, p: ScoringParams) {
  const line = num(p.typicalLinePence);
  const room = sql<number>`greatest(0, CASE WHEN c.capacity_pence > 0 THEN c.capacity_pence
    ELSE c.funding_gap_pence END - (c.committed + c.own_pence))`;
  const gap = sql<number>`greatest(0, c.funding_gap_pence - c.committed)`;
  const hasFocus = t.focusLads.length + t.focusTerritories.length > 0;
  const conf = sql`CASE c.confidence WHEN 'high' THEN ${num(CONFIDENCE_VALUES.high)}
    WHEN 'medium' THEN ${num(CONFIDENCE_VALUES.medium)} WHEN 'low' THEN ${num(CONFIDENCE_VALUES.low)}
    ELSE 0 END`;
  /** Each counting factor's value; null where the factor does not count for this tender. */
  const values: Record<Exclude<keyof MatchWeights, 'need'>, RawBuilder<unknown> | null> = {
    place: hasFocus ? sql`CASE WHEN c.in_focus THEN 1.0 ELSE 0.0 END::float8` : sql`1.0::float8`,
    themes: shareOf(sql`c.themes`, t.themes),
    measures: shareOf(sql`c.measures`, t.measures),
    groups: shareOf(sql`c.groups`, t.groups),
    room: sql`least(1.0, (${room})::float8 / ${line})`,
    gap: sql`least(1.0, (${gap})::float8 / ${line})`,
    spread: sql`CASE WHEN c.cell_supported THEN 0.0 ELSE 1.0 END::float8`,
    distance:
      t.sites.length > 0
        ? sql`greatest(0.0, 1.0 - c.distance_km / ${num(DISTANCE_LIMIT_KM)})`
        : null,
    evidence: sql`((CASE WHEN c.links > 0 THEN 0.35 ELSE 0 END)::float8
      + (CASE WHEN c.has_summary THEN 0.25 ELSE 0 END)::float8
      + (CASE WHEN c.outcomes > 0 THEN 0.15 ELSE 0 END)::float8
      + 0.25 * (${conf})::float8)`,
    secondary:
      p.ownCostArea === null ? null : sql`least(1.0, c.own_sector_pence::float8 / ${line})`,
  };
  const counted = (
    Object.entries(values) as [keyof MatchWeights, RawBuilder<unknown> | null][]
  ).filter((e): e is [keyof MatchWeights, RawBuilder<unknown>] => e[1] !== null);
  const fixedWeights = counted.reduce((sum, [f]) => sum + p.weights[f], 0);
  const needWeight = num(p.weights.need);
  const weighted = sql.join(
    [
      ...counted.map(([f, v]) => sql`${num(p.weights[f])} * (${v})`),
      sql`coalesce(${needWeight} * ((6 - c.deprivation_quintile)::float8 / 5), 0)`,
    ],
    sql` + `,
  );
  const weights = sql`(${num(fixedWeights)}
    + CASE WHEN c.deprivation_quintile IS NULL THEN 0 ELSE ${needWeight} END)`;
  const score = sql<number>`coalesce(round((100 * (${weighted})
    / nullif((${weights})::float8, 0))::numeric, 4), 0)`;
  return { room, gap, score };
}

/** The best confidence among an activity's costs avoided (jsonpath: no subquery per row). */
const BEST_CONFIDENCE = sql`CASE
  WHEN a.costs_avoided @? '$.*.confidence ? (@ == "high")' THEN 'high'
  WHEN a.costs_avoided @? '$.*.confidence ? (@ == "medium")' THEN 'medium'
  WHEN a.costs_avoided @? '$.*.confidence ? (@ == "low")' THEN 'low' END`;

/** What a result shows of its activity, joined to one page of ranked rows `p` only. */
const DETAILS = sql`a.title, a.status, o.name AS provider_name, tr.name AS territory_name,
  ld.name AS lad_name, ${lonOf('a.location')} AS lon, ${latOf('a.location')} AS lat
  FROM p JOIN activities a ON a.id = p.id
  JOIN organisations o ON o.id = p.provider_id
  JOIN territories tr ON tr.code = p.territory_code
  LEFT JOIN lads ld ON ld.code = p.lad_code`;

/** How long a refresh of kept scores (a build, at worst) may take: see `keepScores`. */
const KEPT_SCORES_TIMEOUT = '120s';

/** An activity's place in a tender's ranking. */
interface Ranking {
  id: string;
  has_room: boolean;
  score: string | number;
}

/** The ranking's order, as SQL gives it: room first, then score (highest first), then id. */
function byRank(a: Ranking, b: Ranking): number {
  if (a.has_room !== b.has_room) return a.has_room ? -1 : 1;
  const scores = Number(b.score) - Number(a.score);
  if (scores !== 0) return scores;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What kept scores were built for: everything in the tender and parameters that scores use. */
function scoredFor(t: TenderMatchContext, p: ScoringParams): string {
  const { status: _status, publishedAt: _published, ...scored } = t;
  return JSON.stringify({ scored, p });
}

/** Reads for matching: a tender's priorities, and its candidates scored and ranked. */
export function createMatchingRepo(database: DatabaseHandle) {
  const { db } = database;

  /**
   * The active activities in the tender's territories, with every input of the score. The
   * asking supplier's own live lines (any tender, not yet awarded or withdrawn) count as held.
   */
  function candidates(t: TenderMatchContext, suppliers: string[], f: CandidateFilters) {
    const area = (
      t.buyerSector && ['police', 'nhs', 'council', 'justice'].includes(t.buyerSector)
        ? t.buyerSector
        : null
    ) as string | null;
    return sql`
      own AS (
        SELECT l.activity_id, sum(l.annual_pence) AS pence,
          coalesce(sum(l.annual_pence) FILTER (WHERE s.tender_id = ${t.id}), 0) AS here
        FROM spo_lines l JOIN spos s ON s.id = l.spo_id
        WHERE s.supplier_id = ANY(${suppliers}::uuid[]) AND s.status IN ('draft', 'submitted')
          AND l.annual_pence IS NOT NULL
        GROUP BY l.activity_id
      ),
      -- Materialised: the score names each input several times, and an inlined CTE would
      -- run each correlated subquery once per mention.
      c AS MATERIALIZED (
        SELECT a.id, a.provider_id, a.themes, a.priority_groups AS groups, a.territory_code,
          a.lad_code, a.capacity_pence, a.funding_gap_pence,
          coalesce(led.committed_pence, 0) AS committed,
          coalesce(own.pence, 0) AS own_pence, coalesce(own.here, 0) AS here_pence,
          n.deprivation_quintile,
          coalesce(h.activities_supported, 0) > 0 AS cell_supported,
          coalesce(a.lad_code = ANY(${textArray(t.focusLads)})
            OR a.territory_code = ANY(${textArray(t.focusTerritories)}), false) AS in_focus,
          ${kmToNearest('a.location', t.sites)} AS distance_km,
          ${
            t.measures.length === 0
              ? sql`'{}'::text[]`
              : sql`ARRAY(SELECT m.framework_id || ':' || m.measure_code FROM activity_measures m
                  WHERE m.activity_id = a.id
                    AND m.framework_id || ':' || m.measure_code = ANY(${textArray(t.measures)}))`
          } AS measures,
          coalesce(jsonb_array_length(a.evidence -> 'links'), 0) AS links,
          coalesce(a.evidence ->> 'evaluationSummary', '') <> '' AS has_summary,
          jsonb_array_length(a.outcomes) AS outcomes,
          ${BEST_CONFIDENCE} AS confidence,
          ${
            area === null
              ? sql`0`
              : sql`coalesce((a.costs_avoided -> ${area} ->> 'annualPence')::bigint, 0)`
          } AS own_sector_pence
        FROM activities a
        LEFT JOIN activity_ledger led ON led.activity_id = a.id
        LEFT JOIN lad_need n ON n.lad_code = a.lad_code
        LEFT JOIN hex_coverage h
          ON h.territory_code = a.territory_code AND h.i = a.hex_i AND h.j = a.hex_j
        LEFT JOIN own ON own.activity_id = a.id
        WHERE a.territory_code = ANY(${textArray(t.territories)})
          AND a.status IN ('active', 'at_risk')
          ${f.ids ? sql`AND a.id = ANY(${f.ids}::uuid[])` : sql``}
          ${f.theme ? sql`AND ${f.theme} = ANY(a.themes)` : sql``}
          ${f.territory ? sql`AND a.territory_code = ${f.territory}` : sql``}
          ${f.lad ? sql`AND a.lad_code = ${f.lad}` : sql``}
          ${
            f.focusOnly
              ? sql`AND (a.lad_code = ANY(${textArray(t.focusLads)})
                  OR a.territory_code = ANY(${textArray(t.focusTerritories)}))`
              : sql``
          }
      )`;
  }

  /** The candidates (all, or only `ids`) as kept scores hold them: without anyone's own lines. */
  function keptRows(t: TenderMatchContext, p: ScoringParams, ids?: string[]) {
    const { room, gap, score } = scoreSql(t, p);
    return sql`
      INSERT INTO tender_match_scores (tender_id, activity_id, has_room, has_gap, score,
        territory_code, lad_code, in_focus, themes, room_pence, provider_id, most_deprived,
        cell_supported)
      WITH ${candidates(t, [], ids ? { ids } : {})}
      SELECT ${t.id}::uuid, c.id, (${room}) > 0, (${gap}) > 0, ${score}, c.territory_code,
        c.lad_code, c.in_focus, c.themes, ${room}, c.provider_id,
        coalesce(c.deprivation_quintile = 1, false), c.cell_supported
      FROM c`;
  }

  /** Runs a write of kept scores, answering how many rows it wrote (or removed), and with room. */
  async function countedWrite(
    tx: Kysely<Database>,
    write: RawBuilder<unknown>,
  ): Promise<{ all: number; room: number }> {
    const result = await sql<{ all: string | number; room: string | number }>`
      WITH w AS (${write} RETURNING has_room)
      SELECT count(*) AS all, count(*) FILTER (WHERE w.has_room) AS room FROM w`.execute(tx);
    return { all: Number(result.rows[0]!.all), room: Number(result.rows[0]!.room) };
  }

  /**
   * Brings a tender's kept scores up to date (migration 0019 says how): built when missing
   * or when the tender's priorities changed, else the activities written since they were
   * last read scored again. One refresher per tender at a time (an advisory lock), so that
   * an older refresh never overwrites a newer one's scores.
   */
  async function keepScores(t: TenderMatchContext, p: ScoringParams): Promise<void> {
    const params = scoredFor(t, p);
    const state = await sql<{ params: string; fresh: boolean }>`
      SELECT s.params, NOT EXISTS (SELECT 1 FROM match_dirty d
        WHERE d.xid >= pg_snapshot_xmin(s.seen) AND NOT pg_visible_in_snapshot(d.xid, s.seen))
        AS fresh
      FROM tender_match_state s WHERE s.tender_id = ${t.id}`.execute(db);
    const known = state.rows[0];
    if (known && known.params === params && known.fresh) return;
    const built = await db.transaction().execute(async (tx) => {
      // A build scores every candidate (4.4 s for the Met at 1,000,000 activities): more than
      // the pool's statement timeout allows a request (5 s by default, on a busy machine),
      // which would fail every read of that tender, each one trying again. Built once, it is
      // given longer, as is the wait for another refresher of the same tender.
      await sql`SELECT set_config('statement_timeout', ${KEPT_SCORES_TIMEOUT}, true)`.execute(tx);
      await sql`SELECT pg_advisory_xact_lock(19, hashtext(${t.id}))`.execute(tx);
      const current = await sql<{ params: string }>`
        SELECT params FROM tender_match_state WHERE tender_id = ${t.id}`.execute(tx);
      if (current.rows[0]?.params !== params) {
        await sql`DELETE FROM tender_match_state WHERE tender_id = ${t.id}`.execute(tx);
        // This statement's snapshot is what the next one (reading later) sees at least.
        await sql`INSERT INTO tender_match_state (tender_id, params, seen)
          VALUES (${t.id}, ${params}, pg_current_snapshot())`.execute(tx);
        const built = await countedWrite(tx, keptRows(t, p));
        await sql`UPDATE tender_match_state SET kept_all = ${built.all}, kept_room = ${built.room}
          WHERE tender_id = ${t.id}`.execute(tx);
        return built.all;
      }
      const now = await sql<{ now: string }>`SELECT pg_current_snapshot()::text AS now`.execute(tx);
      const snapshot = now.rows[0]!.now;
      const dirty = await sql<{ id: string }>`
        SELECT DISTINCT d.activity_id AS id
        FROM match_dirty d JOIN tender_match_state s ON s.tender_id = ${t.id}
        WHERE d.xid >= pg_snapshot_xmin(s.seen) AND NOT pg_visible_in_snapshot(d.xid, s.seen)
          AND pg_visible_in_snapshot(d.xid, ${snapshot}::pg_snapshot)`.execute(tx);
      const ids = dirty.rows.map((r) => r.id);
      let gone = { all: 0, room: 0 };
      let added = { all: 0, room: 0 };
      if (ids.length > 0) {
        gone = await countedWrite(
          tx,
          sql`DELETE FROM tender_match_scores
            WHERE tender_id = ${t.id} AND activity_id = ANY(${ids}::uuid[])`,
        );
        added = await countedWrite(tx, keptRows(t, p, ids));
      }
      await sql`UPDATE tender_match_state SET seen = ${snapshot}::pg_snapshot, refreshed_at = now(),
          kept_all = kept_all - ${gone.all} + ${added.all},
          kept_room = kept_room - ${gone.room} + ${added.room}
        WHERE tender_id = ${t.id}`.execute(tx);
      return 0;
    });
    // A build can add most of the table's rows at once (151,110 for the Met) before
    // autovacuum has counted them: planned on the old counts, a refresh's delete of 20 rows
    // read the whole tender (130-170 ms a read at 1,000,000 activities, 2-8 ms once counted).
    // The scores are committed by now: an ANALYZE that fails (waiting behind a VACUUM past
    // the statement timeout) costs only the plan, which autovacuum's own count will mend.
    if (built > 10_000) {
      await sql`ANALYZE tender_match_scores`.execute(db).catch((error: unknown) => {
        console.warn(
          'ANALYZE of kept match scores failed:',
          error instanceof Error ? error.message : error,
        );
      });
    }
    await tidyKeptScores();
  }

  /**
   * Drops the log lines every kept score (and any to be built) has seen, and the scores not
   * read for a day, which would hold the log back (built again if asked for). Run after each
   * refresh and on the jobs' tick, so that the log stays short when nobody asks for matches.
   */
  async function tidyKeptScores(): Promise<void> {
    await sql`DELETE FROM tender_match_state WHERE refreshed_at < now() - interval '1 day'`.execute(
      db,
    );
    await sql`DELETE FROM match_dirty WHERE xid < (
      SELECT least(pg_snapshot_xmin(pg_current_snapshot()), min(pg_snapshot_xmin(seen)))
      FROM tender_match_state)`.execute(db);
  }

  /** The activities in the tender's territories the asking supplier has live lines on. */
  async function ownActivities(t: TenderMatchContext, suppliers: string[]): Promise<string[]> {
    if (suppliers.length === 0) return [];
    const result = await sql<{ id: string }>`
      SELECT DISTINCT l.activity_id AS id
      FROM spo_lines l JOIN spos s ON s.id = l.spo_id JOIN activities a ON a.id = l.activity_id
      WHERE s.supplier_id = ANY(${suppliers}::uuid[]) AND s.status IN ('draft', 'submitted')
        AND l.annual_pence IS NOT NULL AND a.territory_code = ANY(${textArray(t.territories)})`.execute(
      db,
    );
    return result.rows.map((r) => r.id);
  }

  return {
    tidyKeptScores,

    async tenderContext(id: string): Promise<TenderMatchContext | null> {
      const row = await db
        .selectFrom('tenders as t')
        .innerJoin('organisations as o', 'o.id', 't.buyer_id')
        .select([
          't.id',
          't.status',
          't.published_at',
          't.buyer_id',
          'o.buyer_sector',
          't.annual_value_pence',
          't.baseline_pence_per_million',
          't.mid_pence_per_million',
          't.higher_ambition_pence_per_million',
          't.priority_themes',
          't.priority_groups',
          't.match_weights',
          sql<string[]>`ARRAY(SELECT territory_code FROM tender_territories
            WHERE tender_id = t.id ORDER BY territory_code)`.as('territories'),
          sql<string[]>`ARRAY(SELECT framework_id || ':' || measure_code
            FROM tender_priority_measures WHERE tender_id = t.id ORDER BY 1)`.as('measures'),
          sql<string[]>`ARRAY(SELECT code FROM tender_focus_areas
            WHERE tender_id = t.id AND kind = 'lad' ORDER BY code)`.as('focus_lads'),
          sql<string[]>`ARRAY(SELECT code FROM tender_focus_areas
            WHERE tender_id = t.id AND kind = 'territory' ORDER BY code)`.as('focus_territories'),
          sql<{ label: string; lon: number; lat: number }[]>`coalesce((
            SELECT json_agg(json_build_object('label', ds.label, 'lon', ${lonOf('ds.location')},
              'lat', ${latOf('ds.location')}) ORDER BY ds.position)
            FROM tender_delivery_sites ds WHERE ds.tender_id = t.id), '[]'::json)`.as('sites'),
        ])
        .where('t.id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        status: row.status,
        publishedAt: row.published_at,
        buyerId: row.buyer_id,
        buyerSector: row.buyer_sector,
        annualValuePence: Number(row.annual_value_pence),
        baselinePencePerMillion: Number(row.baseline_pence_per_million),
        midPencePerMillion: Number(row.mid_pence_per_million),
        higherAmbitionPencePerMillion: Number(row.higher_ambition_pence_per_million),
        territories: row.territories,
        themes: row.priority_themes,
        groups: row.priority_groups,
        measures: row.measures,
        focusLads: row.focus_lads,
        focusTerritories: row.focus_territories,
        sites: row.sites,
        storedWeights: (row.match_weights ?? {}) as Partial<MatchWeights>,
      };
    },

    /** Supplier organisations among these (the asking person's memberships). */
    async supplierIds(organisationIds: string[]): Promise<string[]> {
      if (organisationIds.length === 0) return [];
      const rows = await db
        .selectFrom('organisations')
        .select('id')
        .where('id', 'in', organisationIds)
        .where('kind', '=', 'supplier')
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * One page of candidates, ranked: room first, then score, then id. The order comes from
     * the tender's kept scores (brought up to date first) and, for the activities the asker
     * has lines on, from scoring them now; only the page's rows are then read in full.
     */
    async ranked(
      t: TenderMatchContext,
      p: ScoringParams,
      suppliers: string[],
      f: CandidateFilters & { withRoom: boolean; minScore?: number },
      page: { limit: number; offset: number },
    ): Promise<RankedRow[]> {
      await keepScores(t, p);
      const own = await ownActivities(t, suppliers);
      const where = sql`s.tender_id = ${t.id}
        ${own.length > 0 ? sql`AND NOT (s.activity_id = ANY(${own}::uuid[]))` : sql``}
        ${f.withRoom ? sql`AND s.has_room` : sql``}
        ${f.minScore !== undefined ? sql`AND s.score >= ${f.minScore}` : sql``}
        ${f.theme ? sql`AND ${f.theme} = ANY(s.themes)` : sql``}
        ${f.territory ? sql`AND s.territory_code = ${f.territory}` : sql``}
        ${f.lad ? sql`AND s.lad_code = ${f.lad}` : sql``}
        ${f.focusOnly ? sql`AND s.in_focus` : sql``}`;
      const kept = await sql<Ranking>`
        SELECT s.activity_id AS id, s.has_room, s.score FROM tender_match_scores s
        WHERE ${where}
        ORDER BY s.has_room DESC, s.score DESC, s.activity_id
        LIMIT ${page.offset + page.limit}`.execute(db);
      // With no filter but room, the total is kept with the scores (less the asker's own);
      // else counted.
      const plain = f.minScore === undefined && !f.theme && !f.territory && !f.lad && !f.focusOnly;
      const keptCount = plain
        ? await sql<{ n: string | number }>`
            SELECT ${f.withRoom ? sql`s.kept_room` : sql`s.kept_all`} - (SELECT count(*)
              FROM tender_match_scores k WHERE k.tender_id = s.tender_id
                AND k.activity_id = ANY(${own}::uuid[]) ${f.withRoom ? sql`AND k.has_room` : sql``})
              AS n
            FROM tender_match_state s WHERE s.tender_id = ${t.id}`.execute(db)
        : undefined;
      const counted =
        keptCount && keptCount.rows.length > 0
          ? keptCount
          : await sql<{ n: string | number }>`
              SELECT count(*) AS n FROM tender_match_scores s WHERE ${where}`.execute(db);
      let mine: Ranking[] = [];
      if (own.length > 0) {
        const { room, score } = scoreSql(t, p);
        const scored = await sql<Ranking>`
          WITH ${candidates(t, suppliers, { ...f, ids: own })},
          s AS MATERIALIZED (SELECT c.id, (${room}) > 0 AS has_room, ${score} AS score FROM c)
          SELECT s.* FROM s WHERE true ${f.withRoom ? sql`AND s.has_room` : sql``}
            ${f.minScore !== undefined ? sql`AND s.score >= ${f.minScore}` : sql``}`.execute(db);
        mine = scored.rows;
      }
      const total = Number(counted.rows[0]?.n ?? 0) + mine.length;
      const pageIds = [...kept.rows, ...mine]
        .sort(byRank)
        .slice(page.offset, page.offset + page.limit)
        .map((r) => r.id);
      if (pageIds.length === 0) return [];
      const { room, gap, score } = scoreSql(t, p);
      const result = await sql<RankedRow>`
        WITH ${candidates(t, suppliers, { ids: pageIds })},
        p AS (SELECT c.*, ${room} AS room, ${gap} AS remaining_gap, ${score} AS score,
          ${total}::bigint AS total FROM c)
        SELECT p.*, ${DETAILS}`.execute(db);
      const at = new Map(pageIds.map((id, i) => [id, i]));
      return result.rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
    },

    /**
     * One page of candidates, ranked, scoring every candidate now: what `ranked` answers from
     * the kept scores (the tests compare the two).
     */
    async rankedLive(
      t: TenderMatchContext,
      p: ScoringParams,
      suppliers: string[],
      f: CandidateFilters & { withRoom: boolean; minScore?: number },
      page: { limit: number; offset: number },
    ): Promise<RankedRow[]> {
      const { room, gap, score } = scoreSql(t, p);
      const result = await sql<RankedRow>`
        WITH ${candidates(t, suppliers, f)},
        s AS MATERIALIZED (SELECT c.*, ${room} AS room, ${gap} AS remaining_gap, ${score} AS score FROM c),
        p AS (
          SELECT s.*, count(*) OVER () AS total FROM s
          WHERE true ${f.withRoom ? sql`AND s.room > 0` : sql``}
            ${f.minScore !== undefined ? sql`AND s.score >= ${f.minScore}` : sql``}
          ORDER BY (s.room > 0) DESC, s.score DESC, s.id
          LIMIT ${page.limit} OFFSET ${page.offset})
        SELECT p.*, ${DETAILS}
        ORDER BY (p.room > 0) DESC, p.score DESC, p.id`.execute(db);
      return result.rows;
    },

    /**
     * Every candidate a line could go to (room and funding gap both left), best first, at
     * most `limit` of them: what the suggestion chooses from. Chosen from the kept scores and,
     * for the asker's own lines, scored now, as `ranked` does.
     */
    async withRoom(
      t: TenderMatchContext,
      p: ScoringParams,
      suppliers: string[],
      limit: number,
    ): Promise<RankedRow[]> {
      await keepScores(t, p);
      const own = await ownActivities(t, suppliers);
      const kept = await sql<Ranking>`
        SELECT s.activity_id AS id, s.has_room, s.score FROM tender_match_scores s
        WHERE s.tender_id = ${t.id} AND s.has_room AND s.has_gap
          ${own.length > 0 ? sql`AND NOT (s.activity_id = ANY(${own}::uuid[]))` : sql``}
        ORDER BY s.has_room DESC, s.score DESC, s.activity_id
        LIMIT ${limit}`.execute(db);
      const { room, gap, score } = scoreSql(t, p);
      let mine: Ranking[] = [];
      if (own.length > 0) {
        const scored = await sql<Ranking>`
          WITH ${candidates(t, suppliers, { ids: own })},
          s AS MATERIALIZED (SELECT c.id, ${room} AS room, ${gap} AS gap, ${score} AS score FROM c)
          SELECT s.id, true AS has_room, s.score FROM s WHERE s.room > 0 AND s.gap > 0`.execute(db);
        mine = scored.rows;
      }
      const ids = [...kept.rows, ...mine]
        .sort(byRank)
        .slice(0, limit)
        .map((r) => r.id);
      if (ids.length === 0) return [];
      const result = await sql<RankedRow>`
        WITH ${candidates(t, suppliers, { ids })},
        p AS (SELECT c.*, ${room} AS room, ${gap} AS remaining_gap, ${score} AS score,
          0 AS total FROM c)
        SELECT p.*, ${DETAILS}
        ORDER BY p.score DESC, p.id`.execute(db);
      return result.rows;
    },

    /** What `withRoom` answers from the kept scores, scoring every candidate now (for tests). */
    async withRoomLive(
      t: TenderMatchContext,
      p: ScoringParams,
      suppliers: string[],
      limit: number,
    ): Promise<RankedRow[]> {
      const { room, gap, score } = scoreSql(t, p);
      const result = await sql<RankedRow>`
        WITH ${candidates(t, suppliers, {})},
        s AS MATERIALIZED (SELECT c.*, ${room} AS room, ${gap} AS remaining_gap, ${score} AS score FROM c),
        p AS (
          SELECT s.*, 0 AS total FROM s WHERE s.room > 0 AND s.remaining_gap > 0
          ORDER BY s.score DESC, s.id
          LIMIT ${limit})
        SELECT p.*, ${DETAILS}
        ORDER BY p.score DESC, p.id`.execute(db);
      return result.rows;
    },

    /**
     * What the tender's priorities can reach, by territory, summed over its kept scores
     * (every candidate, nobody's own lines): an aggregate of one tender's rows.
     */
    async reach(t: TenderMatchContext, p: ScoringParams) {
      await keepScores(t, p);
      return reachQuery(
        db,
        t,
        sql``,
        sql`SELECT territory_code, room_pence, most_deprived, cell_supported, provider_id
          FROM tender_match_scores WHERE tender_id = ${t.id}`,
      );
    },

    /** `reach` by scoring every candidate, for the tests that check the kept scores. */
    async reachLive(t: TenderMatchContext, p: ScoringParams) {
      const { room } = scoreSql(t, p);
      return reachQuery(
        db,
        t,
        sql`${candidates(t, [], {})},`,
        sql`SELECT c.territory_code, ${room} AS room_pence,
            coalesce(c.deprivation_quintile = 1, false) AS most_deprived, c.cell_supported,
            c.provider_id
          FROM c`,
      );
    },

    /** One activity's inputs, as `candidates` gives them, for scoring against many tenders. */
    async activityInputs(id: string) {
      const result = await sql<
        Omit<CandidateRow, 'in_focus' | 'distance_km' | 'measures' | 'own_sector_pence'> & {
          all_measures: string[];
          costs_avoided: Record<string, { annualPence: number }>;
        }
      >`
        SELECT a.id, a.title, a.provider_id, o.name AS provider_name, a.status, a.themes,
          a.priority_groups AS groups, ${lonOf('a.location')} AS lon, ${latOf('a.location')} AS lat,
          a.territory_code, tr.name AS territory_name, a.lad_code, ld.name AS lad_name,
          a.capacity_pence, a.funding_gap_pence,
          coalesce((SELECT committed_pence FROM activity_ledger WHERE activity_id = a.id), 0)
            AS committed,
          0 AS own_pence, 0 AS here_pence, n.deprivation_quintile,
          EXISTS (SELECT 1 FROM hex_coverage h WHERE h.territory_code = a.territory_code
            AND h.i = a.hex_i AND h.j = a.hex_j AND h.activities_supported > 0) AS cell_supported,
          ARRAY(SELECT m.framework_id || ':' || m.measure_code FROM activity_measures m
            WHERE m.activity_id = a.id) AS all_measures,
          coalesce(jsonb_array_length(a.evidence -> 'links'), 0) AS links,
          coalesce(a.evidence ->> 'evaluationSummary', '') <> '' AS has_summary,
          jsonb_array_length(a.outcomes) AS outcomes,
          ${BEST_CONFIDENCE} AS confidence,
          a.costs_avoided
        FROM activities a
        JOIN organisations o ON o.id = a.provider_id
        JOIN territories tr ON tr.code = a.territory_code
        LEFT JOIN lads ld ON ld.code = a.lad_code
        LEFT JOIN lad_need n ON n.lad_code = a.lad_code
        WHERE a.id = ${id}`.execute(db);
      return result.rows[0] ?? null;
    },

    /** Open tenders (published, not yet closed) covering a territory, with their buyers. */
    async openTendersIn(territory: string) {
      const rows = await db
        .selectFrom('tenders as t')
        .innerJoin('organisations as o', 'o.id', 't.buyer_id')
        .select([
          't.id',
          't.title',
          't.buyer_id',
          'o.name as buyer_name',
          't.closes_at',
          't.annual_value_pence',
          't.baseline_pence_per_million',
        ])
        .where('t.status', '=', 'open')
        .where('t.closes_at', '>', sql<Date>`now()`)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('tender_territories as tt')
              .select(sql`1`.as('x'))
              .whereRef('tt.tender_id', '=', 't.id')
              .where('tt.territory_code', '=', territory),
          ),
        )
        .orderBy('t.id')
        .execute();
      return rows;
    },
  };
}

export type MatchingRepo = ReturnType<typeof createMatchingRepo>;
