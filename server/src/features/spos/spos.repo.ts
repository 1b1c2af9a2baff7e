import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import { effectiveStatus as tenderStatus } from '../tenders/tenders.repo';

export interface LineWrite {
  spo_id: string;
  activity_id: string;
  kind: 'cash' | 'in_kind' | 'volunteering' | 'measure';
  annual_pence: number | null;
  description: string | null;
  annual_hours: number | null;
  framework_id: string | null;
  measure_code: string | null;
  annual_quantity: string | null;
}

/** SPOs, their lines and sealed versions. */
type SpoStatus = Selectable<Database['spos']>['status'];

/**
 * An SPO's status as its supplier reads it (of `spos as s`): `draft` while its lines have
 * changed since the sealed version, as `SpoView` shows it.
 */
const ownStatus = sql<SpoStatus>`CASE WHEN s.status = 'submitted' AND s.draft_changed
  THEN 'draft' ELSE s.status END`;

/** SPO rows with their supplier's name, as every SPO read needs them. */
function spoRows(db: Kysely<Database>) {
  return db
    .selectFrom('spos as s')
    .innerJoin('organisations as o', 'o.id', 's.supplier_id')
    .select([
      's.id',
      's.tender_id',
      's.supplier_id',
      'o.name as supplier_name',
      'o.verified as supplier_verified',
      's.status',
      's.submitted_version',
      's.credible',
      's.credibility_reason',
      's.awarded_at',
      sql<string | null>`s.contract_start::text`.as('contract_start'),
      sql<string | null>`s.contract_end::text`.as('contract_end'),
      's.draft_changed',
    ]);
}

export function createSposRepo(db: Kysely<Database>) {
  return {
    findById(id: string) {
      return spoRows(db).where('s.id', '=', id).executeTakeFirst();
    },

    /** A tender's SPOs in these statuses, oldest first. */
    ofTender(tenderId: string, statuses: readonly SpoStatus[]) {
      return spoRows(db)
        .where('s.tender_id', '=', tenderId)
        .where('s.status', 'in', [...statuses])
        .orderBy('s.created_at')
        .orderBy('s.id')
        .execute();
    },

    findByTenderAndSupplier(tenderId: string, supplierId: string) {
      return db
        .selectFrom('spos')
        .select('id')
        .where('tender_id', '=', tenderId)
        .where('supplier_id', '=', supplierId)
        .executeTakeFirst();
    },

    /**
     * Inserts the supplier's SPO for a tender unless it has one: undefined if it had. The
     * unique (tender, supplier) key decides between two at once, not an earlier read.
     */
    async insertIfAbsent(tenderId: string, supplierId: string): Promise<string | undefined> {
      const row = await db
        .insertInto('spos')
        .values({ tender_id: tenderId, supplier_id: supplierId, status: 'draft' })
        .onConflict((oc) => oc.columns(['tender_id', 'supplier_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    /**
     * Locks the SPO's row for the rest of the transaction, so that submitting, answering and
     * changing lines happen one after another; with what an edit must check, on the
     * database's clock.
     */
    lockForChange(spoId: string) {
      return db
        .selectFrom('spos as s')
        .innerJoin('tenders as t', 't.id', 's.tender_id')
        .select([
          's.status',
          't.status as tender_status',
          sql<boolean>`t.closes_at > now()`.as('before_closing'),
        ])
        .where('s.id', '=', spoId)
        .forUpdate('s')
        .executeTakeFirst();
    },

    /** The live lines, with what the figures need of their activities and measures. */
    lines(spoIds: string[]) {
      if (spoIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('spo_lines as l')
        .innerJoin('activities as a', 'a.id', 'l.activity_id')
        .innerJoin('organisations as p', 'p.id', 'a.provider_id')
        .leftJoin('toms_measures as m', (j) =>
          j.onRef('m.framework_id', '=', 'l.framework_id').onRef('m.code', '=', 'l.measure_code'),
        )
        .select([
          'l.id',
          'l.spo_id',
          'l.kind',
          sql<string | null>`l.annual_pence::text`.as('annual_pence'),
          'l.description',
          'l.annual_hours',
          'l.framework_id',
          'l.measure_code',
          sql<string | null>`l.annual_quantity::text`.as('annual_quantity'),
          'm.measure',
          'm.unit',
          sql<string | null>`m.proxy_value_gbp::text`.as('proxy_value_gbp'),
          'l.status',
          'l.provider_note',
          'a.id as activity_id',
          'a.title as activity_title',
          'a.territory_code',
          'a.status as activity_status',
          'a.provider_id',
          'p.name as provider_name',
          sql<string>`a.capacity_pence::text`.as('capacity_pence'),
          'a.costs_avoided',
        ])
        .where('l.spo_id', 'in', spoIds)
        .orderBy('l.created_at')
        .orderBy('l.id')
        .execute();
    },

    /**
     * £ a year already held by awarded SPOs (their sealed lines), per activity; leaving out
     * `exceptSpoId`, whose own award must not count against itself.
     */
    async committedByAwards(
      activityIds: string[],
      exceptSpoId: string,
    ): Promise<Map<string, number>> {
      if (activityIds.length === 0) return new Map();
      const { rows } = await sql<{ activity_id: string; held: string }>`
        SELECT al.activity_id::text AS activity_id,
          coalesce(sum(al.annual_pence), 0)::text AS held
        FROM awarded_lines al
        WHERE al.spo_id <> ${exceptSpoId}::uuid AND al.activity_id = ANY(${activityIds}::uuid[])
        GROUP BY 1`.execute(db);
      return new Map(rows.map((r) => [r.activity_id, Number(r.held)]));
    },

    /** TOMs proxies (£ a unit, exact) by code in a framework. */
    async proxies(frameworkId: string, codes: string[]): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('toms_measures')
        .select(['code', sql<string>`proxy_value_gbp::text`.as('proxy')])
        .where('framework_id', '=', frameworkId)
        .where('code', 'in', codes)
        .execute();
      return new Map(rows.map((r) => [r.code, r.proxy]));
    },

    activityForLine(id: string) {
      return db
        .selectFrom('activities')
        .select(['id', 'status', 'provider_id'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    measureExists(frameworkId: string, code: string) {
      return db
        .selectFrom('toms_measures')
        .select('code')
        .where('framework_id', '=', frameworkId)
        .where('code', '=', code)
        .executeTakeFirst();
    },

    async addLine(line: LineWrite): Promise<string> {
      const row = await db
        .insertInto('spo_lines')
        .values(line)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async deleteLine(spoId: string, lineId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('spo_lines')
        .where('spo_id', '=', spoId)
        .where('id', '=', lineId)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },

    lineProvider(spoId: string, lineId: string) {
      return db
        .selectFrom('spo_lines as l')
        .innerJoin('activities as a', 'a.id', 'l.activity_id')
        .select(['l.id', 'a.provider_id'])
        .where('l.spo_id', '=', spoId)
        .where('l.id', '=', lineId)
        .executeTakeFirst();
    },

    async respond(lineId: string, decision: 'accepted' | 'declined', note: string): Promise<void> {
      await db
        .updateTable('spo_lines')
        .set({ status: decision, provider_note: note, responded_at: sql`now()` })
        .where('id', '=', lineId)
        .execute();
    },

    async markChanged(spoId: string): Promise<void> {
      await db
        .updateTable('spos')
        .set({ draft_changed: true, updated_at: sql`now()` })
        .where('id', '=', spoId)
        .execute();
    },

    /**
     * Seals a version, in the same statement as a check that the tender is still open on the
     * database's clock: false (nothing written) if the closing time has come.
     */
    async seal(spoId: string, version: number, content: string, hash: string): Promise<boolean> {
      const r = await db
        .updateTable('spos')
        .set({
          status: 'submitted',
          submitted_version: version,
          draft_changed: false,
          updated_at: sql`now()`,
        })
        .where('id', '=', spoId)
        .where(
          sql<boolean>`EXISTS (SELECT 1 FROM tenders t WHERE t.id = spos.tender_id
          AND t.status = 'open' AND t.closes_at > now())`,
        )
        .executeTakeFirst();
      if (r.numUpdatedRows === 0n) return false;
      await db
        .insertInto('spo_versions')
        .values({ spo_id: spoId, version, content, content_hash: hash })
        .execute();
      return true;
    },

    sealedVersion(spoId: string, version: number) {
      return db
        .selectFrom('spo_versions')
        .select(['version', 'submitted_at', 'content', 'content_hash'])
        .where('spo_id', '=', spoId)
        .where('version', '=', version)
        .executeTakeFirst();
    },

    async latestVersionNumber(spoId: string): Promise<number> {
      const row = await db
        .selectFrom('spo_versions')
        .select(sql<number>`coalesce(max(version), 0)::int`.as('n'))
        .where('spo_id', '=', spoId)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** Withdraws an SPO not yet decided, its tender not awarded; false if it was too late. */
    async withdraw(spoId: string): Promise<boolean> {
      const r = await db
        .updateTable('spos')
        .set({ status: 'withdrawn', updated_at: sql`now()` })
        .where('id', '=', spoId)
        .where('status', 'in', ['draft', 'submitted'])
        .where(
          sql<boolean>`NOT EXISTS (SELECT 1 FROM tenders t WHERE t.id = spos.tender_id
          AND t.status = 'awarded')`,
        )
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    /** A submission whose consent was withdrawn goes back to draft (its sealed version stays). */
    async unsubmit(spoId: string): Promise<void> {
      await db
        .updateTable('spos')
        .set({ status: 'draft', draft_changed: true, updated_at: sql`now()` })
        .where('id', '=', spoId)
        .where('status', '=', 'submitted')
        .execute();
    },

    async setCredibility(spoId: string, credible: boolean, reason: string): Promise<void> {
      await db
        .updateTable('spos')
        .set({ credible, credibility_reason: reason, updated_at: sql`now()` })
        .where('id', '=', spoId)
        .execute();
    },

    /** The winner becomes awarded with its contract period; every other submission not_awarded. */
    async award(tenderId: string, spoId: string, start: string, end: string): Promise<boolean> {
      const won = await db
        .updateTable('spos')
        .set({
          status: 'awarded',
          awarded_at: sql`now()`,
          contract_start: start,
          contract_end: end,
          updated_at: sql`now()`,
        })
        .where('id', '=', spoId)
        .where('status', '=', 'submitted')
        .executeTakeFirst();
      if (won.numUpdatedRows === 0n) return false;
      await db
        .updateTable('spos')
        .set({ status: 'not_awarded', updated_at: sql`now()` })
        .where('tender_id', '=', tenderId)
        .where('id', '<>', spoId)
        .where('status', '=', 'submitted')
        .execute();
      return true;
    },

    /**
     * Link-up requests for activities of these providers, with their SPO and tender, of SPOs
     * in `spoStatuses` only (those the policy lets a linked provider see).
     */
    linkRequests(providerIds: string[], spoStatuses: readonly string[], status?: string) {
      if (providerIds.length === 0 || spoStatuses.length === 0) return Promise.resolve([]);
      let q = db
        .selectFrom('spo_lines as l')
        .innerJoin('activities as a', 'a.id', 'l.activity_id')
        .innerJoin('spos as s', 's.id', 'l.spo_id')
        .innerJoin('organisations as o', 'o.id', 's.supplier_id')
        .innerJoin('tenders as t', 't.id', 's.tender_id')
        .select([
          'l.id as line_id',
          's.id as spo_id',
          't.id as tender_id',
          't.title as tender_title',
          't.ocid',
          't.closes_at',
          'o.id as supplier_id',
          'o.name as supplier_name',
          'a.id as activity_id',
          'a.title as activity_title',
          'l.kind',
          sql<string | null>`l.annual_pence::text`.as('annual_pence'),
          'l.annual_hours',
          sql<string | null>`l.annual_quantity::text`.as('annual_quantity'),
          'l.measure_code',
          'l.description',
          'l.status',
          'l.provider_note',
        ])
        .where('a.provider_id', 'in', providerIds)
        .where('s.status', 'in', spoStatuses as never[]);
      if (status) q = q.where('l.status', '=', status as 'pending');
      return q.orderBy('l.created_at', 'desc').limit(200).execute();
    },

    /**
     * A page of these suppliers' SPOs (in `status` as their supplier reads it, if given), with
     * their tender and buyer, where their lines stand and when the standing version was
     * sealed: those whose tender still takes bids first, the soonest deadline first, then the
     * rest, the latest closing first.
     */
    async ofSuppliers(
      supplierIds: string[],
      status: SpoStatus | undefined,
      page: number,
      pageSize: number,
    ) {
      if (supplierIds.length === 0) return { rows: [], total: 0 };
      let q = db
        .selectFrom('spos as s')
        .innerJoin('organisations as o', 'o.id', 's.supplier_id')
        .innerJoin('tenders as t', 't.id', 's.tender_id')
        .innerJoin('organisations as b', 'b.id', 't.buyer_id')
        .leftJoin('spo_versions as v', (j) =>
          j.onRef('v.spo_id', '=', 's.id').onRef('v.version', '=', 's.submitted_version'),
        )
        .where('s.supplier_id', 'in', supplierIds);
      if (status) q = q.where(sql<boolean>`${ownStatus} = ${status}`);
      const count = (line: string | null) =>
        sql<number>`(SELECT count(*)::int FROM spo_lines l WHERE l.spo_id = s.id
          ${line === null ? sql`` : sql`AND l.status = ${line}`})`;
      const [rows, counted] = await Promise.all([
        q
          .select([
            's.id',
            ownStatus.as('status'),
            's.supplier_id',
            'o.name as supplier_name',
            's.submitted_version',
            's.updated_at',
            'v.submitted_at',
            't.id as tender_id',
            't.title as tender_title',
            't.reference as tender_reference',
            tenderStatus.as('tender_status'),
            't.closes_at',
            'b.id as buyer_id',
            'b.name as buyer_name',
            count(null).as('lines_total'),
            count('pending').as('lines_pending'),
            count('accepted').as('lines_accepted'),
            count('declined').as('lines_declined'),
          ])
          .orderBy(sql`(t.status = 'open' AND t.closes_at > now())`, 'desc')
          .orderBy(sql`CASE WHEN t.status = 'open' AND t.closes_at > now() THEN t.closes_at END`)
          .orderBy('t.closes_at', 'desc')
          .orderBy('s.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: counted.n };
    },

    /** How many SPOs these suppliers have in each status, as their supplier reads it. */
    async statusCounts(supplierIds: string[]): Promise<Map<SpoStatus, number>> {
      if (supplierIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('spos as s')
        .select([ownStatus.as('status'), sql<number>`count(*)::int`.as('n')])
        .where('s.supplier_id', 'in', supplierIds)
        .groupBy(sql`1`)
        .execute();
      return new Map(rows.map((r) => [r.status, r.n]));
    },

    /**
     * For each of these organisations that is a provider: its link-up requests still waiting
     * (pending, on an SPO still being built for a tender still open) with the soonest closing
     * among them, and those it accepted and declined; only on SPOs in `spoStatuses`.
     */
    async linkRequestCounts(organisationIds: string[], spoStatuses: readonly string[]) {
      if (organisationIds.length === 0) return [];
      const { rows } = await sql<{
        id: string;
        name: string;
        waiting: number;
        accepted: number;
        declined: number;
        next_closes_at: Date | null;
      }>`
        SELECT p.id, p.name,
          count(r.line_id) FILTER (WHERE r.waiting)::int AS waiting,
          count(r.line_id) FILTER (WHERE r.status = 'accepted')::int AS accepted,
          count(r.line_id) FILTER (WHERE r.status = 'declined')::int AS declined,
          min(r.closes_at) FILTER (WHERE r.waiting) AS next_closes_at
        FROM organisations p
        LEFT JOIN (
          SELECT a.provider_id, l.id AS line_id, l.status, t.closes_at,
            l.status = 'pending' AND s.status IN ('draft', 'submitted')
              AND t.status = 'open' AND t.closes_at > now() AS waiting
          FROM spo_lines l
          JOIN activities a ON a.id = l.activity_id
          JOIN spos s ON s.id = l.spo_id
          JOIN tenders t ON t.id = s.tender_id
          WHERE a.provider_id = ANY(${organisationIds}::uuid[])
            AND s.status = ANY(${[...spoStatuses]}::text[])
        ) r ON r.provider_id = p.id
        WHERE p.id = ANY(${organisationIds}::uuid[]) AND p.kind = 'provider'
        GROUP BY p.id, p.name
        ORDER BY p.name, p.id`.execute(db);
      return rows;
    },

    /** How many sealed bids stand on each of these tenders (submitted, awarded or not). */
    async sealedCounts(tenderIds: string[]): Promise<Map<string, number>> {
      if (tenderIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('spos')
        .select(['tender_id', sql<number>`count(*)::int`.as('n')])
        .where('tender_id', 'in', tenderIds)
        .where('status', 'in', ['submitted', 'awarded', 'not_awarded'])
        .groupBy('tender_id')
        .execute();
      return new Map(rows.map((r) => [r.tender_id, r.n]));
    },

    /** Awarded SPOs whose sealed lines include this activity: its public supporters. */
    async supporters(activityId: string) {
      const { rows } = await sql<{
        spo_id: string;
        tender_id: string;
        tender_title: string;
        supplier_id: string;
        supplier_name: string;
        awarded_at: Date | null;
        annual_pence: string;
      }>`
        SELECT s.id AS spo_id, t.id AS tender_id, t.title AS tender_title,
          o.id AS supplier_id, o.name AS supplier_name, s.awarded_at,
          coalesce(sum(al.annual_pence), 0)::text AS annual_pence
        FROM awarded_lines al
        JOIN spos s ON s.id = al.spo_id
        JOIN tenders t ON t.id = s.tender_id
        JOIN organisations o ON o.id = s.supplier_id
        WHERE al.activity_id = ${activityId}::uuid
        GROUP BY s.id, t.id, t.title, o.id, o.name, s.awarded_at
        ORDER BY s.awarded_at DESC`.execute(db);
      return rows;
    },
  };
}

export type SposRepo = ReturnType<typeof createSposRepo>;
export type SpoRow = NonNullable<Awaited<ReturnType<SposRepo['findById']>>>;
export type LineRow = Awaited<ReturnType<SposRepo['lines']>>[number];
