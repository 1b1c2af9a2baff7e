import { sql, type Kysely } from 'kysely';
import type { TenderPriorities } from '@shared/schemas/matching';
import { latOf, lonOf, pointFromLonLat } from '../../db/geo';
import type { Database } from '../../db/schema';

/**
 * A tender's status as read (of `tenders as t`): `open` past its closing time reads as
 * `evaluating`, so the clock moves it and no job is needed.
 */
export const effectiveStatus = sql<
  'draft' | 'open' | 'evaluating' | 'awarded' | 'cancelled'
>`CASE WHEN t.status = 'open' AND t.closes_at <= now() THEN 'evaluating' ELSE t.status END`;

export interface TenderWrite {
  id: string;
  ocid: string;
  buyer_id: string;
  title: string;
  reference: string;
  description: string;
  annual_value_pence: number;
  duration_years: number;
  start_date: string;
  baseline_pence_per_million: number;
  weighting_pct: number;
  mid_pence_per_million: number;
  higher_ambition_pence_per_million: number;
  closes_at: string;
}

/** Tenders and the territories they cover. */
export function createTendersRepo(db: Kysely<Database>) {
  const base = () =>
    db
      .selectFrom('tenders as t')
      .innerJoin('organisations as o', 'o.id', 't.buyer_id')
      .select([
        't.id',
        't.ocid',
        't.buyer_id',
        'o.name as buyer_name',
        'o.verified as buyer_verified',
        'o.is_demo as buyer_demo',
        't.title',
        't.reference',
        't.description',
        sql<string>`t.annual_value_pence::text`.as('annual_value_pence'),
        't.duration_years',
        sql<string>`t.start_date::text`.as('start_date'),
        sql<string>`t.baseline_pence_per_million::text`.as('baseline_pence_per_million'),
        sql<string>`t.weighting_pct::text`.as('weighting_pct'),
        sql<string>`t.mid_pence_per_million::text`.as('mid_pence_per_million'),
        sql<string>`t.higher_ambition_pence_per_million::text`.as(
          'higher_ambition_pence_per_million',
        ),
        't.closes_at',
        effectiveStatus.as('status'),
        't.published_at',
        't.awarded_spo_id',
        't.awarded_at',
        't.created_at',
        sql<{ code: string; name: string }[]>`coalesce((
          SELECT json_agg(json_build_object('code', tt.territory_code, 'name', tr.name)
            ORDER BY tt.territory_code)
          FROM tender_territories tt JOIN territories tr ON tr.code = tt.territory_code
          WHERE tt.tender_id = t.id), '[]'::json)`.as('territories'),
        // The priorities, names resolved, in the same statement: a page of tenders is one query.
        't.priority_themes',
        't.priority_groups',
        't.match_weights',
        sql<{ framework: string; code: string; title: string }[]>`coalesce((
          SELECT json_agg(json_build_object('framework', pm.framework_id, 'code', pm.measure_code,
            'title', m.measure)
            -- NT4 before NT29, as the framework lists them.
            ORDER BY pm.framework_id, length(pm.measure_code), pm.measure_code)
          FROM tender_priority_measures pm
          JOIN toms_measures m ON m.framework_id = pm.framework_id AND m.code = pm.measure_code
          WHERE pm.tender_id = t.id), '[]'::json)`.as('priority_measures'),
        sql<{ kind: 'lad' | 'territory'; code: string; name: string }[]>`coalesce((
          SELECT json_agg(json_build_object('kind', fa.kind, 'code', fa.code,
            'name', coalesce(l.name, ft.name, fa.code))
            ORDER BY fa.kind = 'lad', coalesce(l.name, ft.name, fa.code), fa.code)
          FROM tender_focus_areas fa
          LEFT JOIN lads l ON fa.kind = 'lad' AND l.code = fa.code
          LEFT JOIN territories ft ON fa.kind = 'territory' AND ft.code = fa.code
          WHERE fa.tender_id = t.id), '[]'::json)`.as('focus_areas'),
        sql<{ label: string; location: { lon: number; lat: number } }[]>`coalesce((
          SELECT json_agg(json_build_object('label', ds.label, 'location',
            json_build_object('lon', ${lonOf('ds.location')}, 'lat', ${latOf('ds.location')}))
            ORDER BY ds.position)
          FROM tender_delivery_sites ds
          WHERE ds.tender_id = t.id), '[]'::json)`.as('delivery_sites'),
      ]);

  async function setTerritories(id: string, codes: string[]): Promise<void> {
    await db.deleteFrom('tender_territories').where('tender_id', '=', id).execute();
    await db
      .insertInto('tender_territories')
      .values(codes.map((code) => ({ tender_id: id, territory_code: code })))
      .execute();
  }

  /** Replaces a tender's priorities: its own columns and the rows of the three lists. */
  async function setPriorities(id: string, p: TenderPriorities): Promise<void> {
    await db
      .updateTable('tenders')
      .set({
        priority_themes: p.themes,
        priority_groups: p.groups,
        match_weights: JSON.stringify(p.weights),
      })
      .where('id', '=', id)
      .execute();
    await db.deleteFrom('tender_priority_measures').where('tender_id', '=', id).execute();
    await db.deleteFrom('tender_focus_areas').where('tender_id', '=', id).execute();
    await db.deleteFrom('tender_delivery_sites').where('tender_id', '=', id).execute();
    if (p.measures.length > 0) {
      await db
        .insertInto('tender_priority_measures')
        .values(
          p.measures.map((m) => ({
            tender_id: id,
            framework_id: m.framework,
            measure_code: m.code,
          })),
        )
        .execute();
    }
    if (p.focusAreas.length > 0) {
      await db
        .insertInto('tender_focus_areas')
        .values(p.focusAreas.map((a) => ({ tender_id: id, kind: a.kind, code: a.code })))
        .execute();
    }
    if (p.deliverySites.length > 0) {
      await db
        .insertInto('tender_delivery_sites')
        .values(
          p.deliverySites.map((site, position) => ({
            tender_id: id,
            position,
            label: site.label,
            location: pointFromLonLat(site.location.lon, site.location.lat),
          })),
        )
        .execute();
    }
  }

  return {
    findById(id: string) {
      return base().where('t.id', '=', id).executeTakeFirst();
    },

    async insert(
      row: TenderWrite,
      territories: string[],
      priorities: TenderPriorities,
    ): Promise<void> {
      await db.insertInto('tenders').values(row).execute();
      await setTerritories(row.id, territories);
      await setPriorities(row.id, priorities);
    },

    async update(
      id: string,
      changes: Partial<Omit<TenderWrite, 'id' | 'ocid' | 'buyer_id'>>,
      territories?: string[],
      priorities?: TenderPriorities,
    ): Promise<void> {
      if (Object.keys(changes).length > 0) {
        await db
          .updateTable('tenders')
          .set({ ...changes, updated_at: sql`now()` })
          .where('id', '=', id)
          .execute();
      }
      if (territories) await setTerritories(id, territories);
      if (priorities) await setPriorities(id, priorities);
    },

    /**
     * Where the focus areas lie: for each district or territory that exists (by `kind:code`),
     * its name and the territory it is in (a territory is in itself). Unknown codes are absent.
     */
    async placeFocusAreas(
      areas: { kind: 'lad' | 'territory'; code: string }[],
    ): Promise<Map<string, { name: string; territory: string }>> {
      const lads = areas.filter((a) => a.kind === 'lad').map((a) => a.code);
      const territories = areas.filter((a) => a.kind === 'territory').map((a) => a.code);
      // One after the other: inside a transaction both share one connection.
      const ladRows =
        lads.length > 0
          ? await db
              .selectFrom('lads')
              .select(['code', 'name', 'territory_code'])
              .where('code', 'in', lads)
              .execute()
          : [];
      const territoryRows =
        territories.length > 0
          ? await db
              .selectFrom('territories')
              .select(['code', 'name'])
              .where('code', 'in', territories)
              .execute()
          : [];
      return new Map([
        ...ladRows.map(
          (r) => [`lad:${r.code}`, { name: r.name, territory: r.territory_code }] as const,
        ),
        ...territoryRows.map(
          (r) => [`territory:${r.code}`, { name: r.name, territory: r.code }] as const,
        ),
      ]);
    },

    /** Publishes a draft whose closing time is still ahead; false if it was not one. */
    async publish(id: string): Promise<boolean> {
      const r = await db
        .updateTable('tenders')
        .set({ status: 'open', published_at: sql`now()`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .where(sql<boolean>`closes_at > now()`)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    async cancel(id: string, reason: string): Promise<boolean> {
      const r = await db
        .updateTable('tenders')
        .set({ status: 'cancelled', cancelled_reason: reason, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', 'in', ['draft', 'open', 'evaluating'])
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    /**
     * Marks a closed, unawarded tender awarded to this SPO, in one conditional statement: of
     * two awards at once, exactly one finds the tender still unawarded.
     */
    async markAwarded(id: string, spoId: string): Promise<boolean> {
      const r = await db
        .updateTable('tenders')
        .set({
          status: 'awarded',
          awarded_spo_id: spoId,
          awarded_at: sql`now()`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('status', 'in', ['open', 'evaluating'])
        .where(sql<boolean>`closes_at <= now()`)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    /**
     * Moves an open tender's closing time to now, on the database's clock, and answers it:
     * time passing, for the demo seed's tenders that bids were sealed on while they were open.
     */
    async closeNow(id: string): Promise<Date> {
      const row = await db
        .updateTable('tenders')
        .set({ closes_at: sql`now()`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .returning('closes_at')
        .executeTakeFirstOrThrow();
      return new Date(row.closes_at);
    },

    /** A page of tenders: published ones for everyone, plus drafts of `draftsOf` buyers. */
    async list(
      f: {
        status?: string;
        territory?: string;
        territories?: string[];
        buyer?: string;
        buyers?: string[];
        q?: string;
      },
      draftsOf: string[],
      page: number,
      pageSize: number,
    ) {
      let q = base().where((eb) =>
        draftsOf.length > 0
          ? eb.or([eb('t.published_at', 'is not', null), eb('t.buyer_id', 'in', draftsOf)])
          : eb('t.published_at', 'is not', null),
      );
      if (f.status) q = q.where(sql<boolean>`${effectiveStatus} = ${f.status}`);
      if (f.buyer) q = q.where('t.buyer_id', '=', f.buyer);
      if (f.buyers) {
        if (f.buyers.length === 0) return { rows: [], total: 0 };
        q = q.where('t.buyer_id', 'in', f.buyers);
      }
      // `territory` and `territories` together: tenders covering the one and any of the others.
      for (const any of [f.territory ? [f.territory] : [], f.territories ?? []]) {
        if (any.length === 0) continue;
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('tender_territories as tt')
              .select('tt.tender_id')
              .whereRef('tt.tender_id', '=', 't.id')
              .where('tt.territory_code', 'in', any),
          ),
        );
      }
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([eb('t.title', 'ilike', like), eb('t.reference', 'ilike', like)]),
        );
      }
      const [rows, count] = await Promise.all([
        q
          .orderBy('t.closes_at', 'desc')
          .orderBy('t.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        db
          .selectFrom(q.as('x'))
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: count.n };
    },

    /** How many tenders these buyers have in each status (as read: `evaluating` included). */
    async statusCounts(buyerIds: string[]): Promise<Map<string, number>> {
      if (buyerIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('tenders as t')
        .select([effectiveStatus.as('status'), sql<number>`count(*)::int`.as('n')])
        .where('t.buyer_id', 'in', buyerIds)
        .groupBy(sql`1`)
        .execute();
      return new Map(rows.map((r) => [r.status, r.n]));
    },

    organisationKind(id: string) {
      return db.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst();
    },

    async unknownTerritories(codes: string[]): Promise<string[]> {
      const found = await db
        .selectFrom('territories')
        .select('code')
        .where('code', 'in', codes)
        .execute();
      const known = new Set(found.map((r) => r.code));
      return codes.filter((c) => !known.has(c));
    },
  };
}

export type TendersRepo = ReturnType<typeof createTendersRepo>;
export type TenderRow = NonNullable<Awaited<ReturnType<TendersRepo['findById']>>>;
