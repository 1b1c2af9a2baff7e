import { sql, type Kysely } from 'kysely';
import type { ReportDecision, ReportStatus } from '@shared/schemas/delivery';
import type { Database } from '../../db/schema';

/**
 * Where a report stands at `now` (of `delivery_reports as r`, `n` the report superseding it):
 * superseded, else the provider's answer, else unverified once its respond-by time has
 * passed, else awaiting.
 */
const statusAt = (now: Date) => sql<ReportStatus>`CASE
  WHEN n.id IS NOT NULL THEN 'superseded'
  WHEN r.response IS NOT NULL THEN r.response
  WHEN r.respond_by < ${now.toISOString()}::timestamptz THEN 'unverified'
  ELSE 'awaiting' END`;

/** Reports with their SPO, tender, supplier, reporter and the line's provider. */
function reportRows(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('delivery_reports as r')
    .innerJoin('spos as s', 's.id', 'r.spo_id')
    .innerJoin('tenders as t', 't.id', 's.tender_id')
    .innerJoin('organisations as o', 'o.id', 's.supplier_id')
    .innerJoin('people as p', 'p.id', 'r.reported_by')
    .innerJoin('spo_lines as l', 'l.id', 'r.line_id')
    .innerJoin('activities as a', 'a.id', 'l.activity_id')
    .leftJoin('delivery_reports as n', 'n.supersedes_id', 'r.id')
    .select([
      'r.id',
      'r.spo_id',
      'r.line_id',
      'r.period',
      sql<string>`r.amount::text`.as('amount'),
      'r.evidence_note',
      'r.evidence_links',
      'r.supersedes_id',
      'n.id as superseded_by_id',
      'p.name as reported_by',
      'r.created_at',
      'r.respond_by',
      'r.response',
      sql<string | null>`r.confirmed_amount::text`.as('confirmed_amount'),
      'r.response_comment',
      'r.responded_at',
      statusAt(now).as('status'),
      's.status as spo_status',
      's.supplier_id',
      'o.name as supplier_name',
      't.id as tender_id',
      't.title as tender_title',
      't.buyer_id',
      'l.kind',
      'a.provider_id',
    ]);
}

/** Delivery reports, their evidence files, and the awarded SPOs they are about. */
export function createDeliveryRepo(db: Kysely<Database>) {
  return {
    /** An SPO with its tender's delivery settings and its sealed version in force, if any. */
    spo(spoId: string) {
      return db
        .selectFrom('spos as s')
        .innerJoin('tenders as t', 't.id', 's.tender_id')
        .innerJoin('organisations as o', 'o.id', 's.supplier_id')
        .leftJoin('spo_versions as v', (j) =>
          j.onRef('v.spo_id', '=', 's.id').onRef('v.version', '=', 's.submitted_version'),
        )
        .select([
          's.id',
          's.status',
          's.supplier_id',
          'o.name as supplier_name',
          't.id as tender_id',
          't.title as tender_title',
          't.buyer_id',
          't.delivery_grace_days',
          't.report_response_days',
          sql<string | null>`s.contract_start::text`.as('contract_start'),
          sql<string | null>`s.contract_end::text`.as('contract_end'),
          'v.content',
        ])
        .where('s.id', '=', spoId)
        .executeTakeFirst();
    },

    /** The sealed version in force of each of these SPOs, by SPO id. */
    async sealedContents(spoIds: string[]): Promise<Map<string, string>> {
      if (spoIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('spos as s')
        .innerJoin('spo_versions as v', (j) =>
          j.onRef('v.spo_id', '=', 's.id').onRef('v.version', '=', 's.submitted_version'),
        )
        .select(['s.id', 'v.content'])
        .where('s.id', 'in', spoIds)
        .execute();
      return new Map(rows.map((r) => [r.id, r.content]));
    },

    /** Is this line still among the SPO's lines (a sealed line removed since has none)? */
    async lineExists(spoId: string, lineId: string): Promise<boolean> {
      const row = await db
        .selectFrom('spo_lines')
        .select('id')
        .where('spo_id', '=', spoId)
        .where('id', '=', lineId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Every report on an SPO, newest first, superseded ones included. */
    reportsOfSpo(spoId: string, now: Date) {
      return reportRows(db, now)
        .where('r.spo_id', '=', spoId)
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .execute();
    },

    report(id: string, now: Date) {
      return reportRows(db, now).where('r.id', '=', id).executeTakeFirst();
    },

    /**
     * A page of reports on awarded SPOs: on the activities of `providerIds` (to answer) or
     * sent by `supplierIds`; in `status` at `now` if given; newest first.
     */
    async page(
      scope: { providerIds: string[] } | { supplierIds: string[] },
      status: ReportStatus | undefined,
      now: Date,
      page: number,
      pageSize: number,
    ) {
      const ids = 'providerIds' in scope ? scope.providerIds : scope.supplierIds;
      if (ids.length === 0) return { rows: [], total: 0 };
      let q = reportRows(db, now).where('s.status', '=', 'awarded');
      q =
        'providerIds' in scope
          ? q.where('a.provider_id', 'in', ids)
          : q.where('s.supplier_id', 'in', ids);
      if (status) q = q.where(sql<boolean>`${statusAt(now)} = ${status}`);
      const [rows, counted] = await Promise.all([
        q
          .orderBy('r.created_at', 'desc')
          .orderBy('r.id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        q
          .clearSelect()
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: counted.n };
    },

    /**
     * Writes a report. A correction names the report it supersedes; of two corrections of
     * one report at once the unique key keeps the first: undefined for the other.
     */
    async insertReport(report: {
      spo_id: string;
      line_id: string;
      period: number;
      amount: string;
      evidence_note: string;
      evidence_links: string[];
      supersedes_id: string | null;
      reported_by: string;
      created_at: Date;
      respond_by: Date;
    }): Promise<string | undefined> {
      const row = await db
        .insertInto('delivery_reports')
        .values(report)
        .onConflict((oc) => oc.column('supersedes_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    /**
     * Records the provider's one answer, in one statement with the checks that the report
     * has none yet and is not superseded: false (nothing written) otherwise.
     */
    async answer(
      id: string,
      answer: {
        response: ReportDecision;
        confirmed_amount: string;
        response_comment: string;
        responded_by: string;
        responded_at: Date;
      },
    ): Promise<boolean> {
      const r = await db
        .updateTable('delivery_reports')
        .set(answer)
        .where('id', '=', id)
        .where('response', 'is', null)
        .where(
          sql<boolean>`NOT EXISTS (SELECT 1 FROM delivery_reports n
            WHERE n.supersedes_id = delivery_reports.id)`,
        )
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    /**
     * The evidence files of these reports (not their content), oldest first, each flagged
     * when the same file (by hash) is evidence on a report of another SPO.
     */
    evidenceOf(reportIds: string[]) {
      if (reportIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('evidence_files as f')
        .innerJoin('delivery_reports as r', 'r.id', 'f.report_id')
        .innerJoin('people as p', 'p.id', 'f.uploaded_by')
        .select([
          'f.id',
          'f.report_id',
          'f.file_name',
          'f.media_type',
          'f.size_bytes',
          'f.sha256',
          'p.name as uploaded_by',
          'f.uploaded_at',
          sql<boolean>`EXISTS (SELECT 1 FROM evidence_files f2
            JOIN delivery_reports r2 ON r2.id = f2.report_id
            WHERE f2.sha256 = f.sha256 AND r2.spo_id <> r.spo_id)`.as('reused_elsewhere'),
        ])
        .where('f.report_id', 'in', reportIds)
        .orderBy('f.uploaded_at')
        .orderBy('f.id')
        .execute();
    },

    async insertEvidence(file: {
      report_id: string;
      file_name: string;
      media_type: string;
      size_bytes: number;
      sha256: string;
      content: Buffer;
      uploaded_by: string;
      uploaded_at: Date;
    }): Promise<string> {
      const row = await db
        .insertInto('evidence_files')
        .values(file)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** One evidence file of a report, with its content. */
    evidenceFile(reportId: string, fileId: string) {
      return db
        .selectFrom('evidence_files')
        .select(['id', 'file_name', 'media_type', 'size_bytes', 'content'])
        .where('report_id', '=', reportId)
        .where('id', '=', fileId)
        .executeTakeFirst();
    },

    /** The tender's delivery settings; false if it has no such tender. */
    async setSettings(tenderId: string, graceDays: number, responseDays: number) {
      const r = await db
        .updateTable('tenders')
        .set({
          delivery_grace_days: graceDays,
          report_response_days: responseDays,
          updated_at: sql`now()`,
        })
        .where('id', '=', tenderId)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}

export type DeliveryRepo = ReturnType<typeof createDeliveryRepo>;
export type DeliverySpoRow = NonNullable<Awaited<ReturnType<DeliveryRepo['spo']>>>;
export type ReportRow = NonNullable<Awaited<ReturnType<DeliveryRepo['report']>>>;
export type EvidenceRow = Awaited<ReturnType<DeliveryRepo['evidenceOf']>>[number];
