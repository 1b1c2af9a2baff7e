import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';

/** Which awarded SPOs a fulfilment figure covers. */
export type AwardedScope =
  { tender: string } | { supplier: string } | { provider: string } | { territory: string };

/** Where an awarded line's activity is now (its live record, as coverage counts it). */
export interface LinePlace {
  /** 1-based position of the line in the sealed version's `lines`. */
  n: number;
  activityId: string;
  territory: string;
  providerId: string;
  lon: number;
  lat: number;
}

export interface AwardedSpoRow {
  spo_id: string;
  contract_start: string;
  contract_end: string;
  awarded_at: Date | null;
  /** The sealed version's JSON text. */
  content: string;
  tender_id: string;
  tender_title: string;
  grace_days: number;
  buyer_id: string;
  buyer_name: string;
  supplier_id: string;
  supplier_name: string;
  places: LinePlace[];
}

export interface ReportRow {
  id: string;
  spo_id: string;
  line_id: string;
  period: number;
  amount: string;
  response: 'confirmed' | 'part_confirmed' | 'disputed' | null;
  confirmed_amount: string | null;
  superseded: boolean;
  created_at: Date;
  respond_by: Date;
  responded_at: Date | null;
}

/** Awarded SPOs with their sealed lines, and the delivery reports made on them. */
export function createFulfilmentRepo(db: Kysely<Database>) {
  // A line's activity must still be in the scope: a provider's or territory's lines only.
  const onLine = (where: RawBuilder<unknown>) => sql`EXISTS (
    SELECT 1 FROM spo_version_lines vl JOIN activities a ON a.id = vl.activity_id
    WHERE vl.spo_id = s.id AND vl.version = s.submitted_version AND ${where})`;
  const scopeFilter = (scope: AwardedScope) =>
    'tender' in scope
      ? sql`s.tender_id = ${scope.tender}`
      : 'supplier' in scope
        ? sql`s.supplier_id = ${scope.supplier}`
        : 'provider' in scope
          ? onLine(sql`a.provider_id = ${scope.provider}`)
          : onLine(sql`a.territory_code = ${scope.territory}`);

  return {
    /** Awarded SPOs (never a draft, submitted or not-awarded one) in the scope, oldest first. */
    async awardedSpos(scope: AwardedScope): Promise<AwardedSpoRow[]> {
      const { rows } = await sql<AwardedSpoRow>`
        SELECT s.id AS spo_id, to_char(s.contract_start, 'YYYY-MM-DD') AS contract_start,
          to_char(s.contract_end, 'YYYY-MM-DD') AS contract_end, s.awarded_at, v.content,
          t.id AS tender_id, t.title AS tender_title, t.delivery_grace_days AS grace_days,
          b.id AS buyer_id, b.name AS buyer_name, o.id AS supplier_id, o.name AS supplier_name,
          coalesce((SELECT jsonb_agg(jsonb_build_object('n', vl.line_no,
              'activityId', a.id, 'territory', a.territory_code, 'providerId', a.provider_id,
              'lon', ST_X(a.location), 'lat', ST_Y(a.location)) ORDER BY vl.line_no)
            FROM spo_version_lines vl JOIN activities a ON a.id = vl.activity_id
            WHERE vl.spo_id = s.id AND vl.version = s.submitted_version), '[]') AS places
        FROM spos s
        JOIN spo_versions v ON v.spo_id = s.id AND v.version = s.submitted_version
        JOIN tenders t ON t.id = s.tender_id
        JOIN organisations b ON b.id = t.buyer_id
        JOIN organisations o ON o.id = s.supplier_id
        WHERE s.status = 'awarded' AND s.contract_start IS NOT NULL
          AND s.contract_end IS NOT NULL AND ${scopeFilter(scope)}
        ORDER BY s.awarded_at, s.id`.execute(db);
      return rows;
    },

    /** Every delivery report on these SPOs, superseded ones marked. */
    async reports(spoIds: string[]): Promise<ReportRow[]> {
      if (spoIds.length === 0) return [];
      return db
        .selectFrom('delivery_reports as r')
        .where('r.spo_id', 'in', spoIds)
        .select([
          'r.id',
          'r.spo_id',
          'r.line_id',
          'r.period',
          sql<string>`r.amount::text`.as('amount'),
          'r.response',
          sql<string | null>`r.confirmed_amount::text`.as('confirmed_amount'),
          sql<boolean>`EXISTS (SELECT 1 FROM delivery_reports n WHERE n.supersedes_id = r.id)`.as(
            'superseded',
          ),
          'r.created_at',
          'r.respond_by',
          'r.responded_at',
        ])
        .orderBy('r.created_at')
        .orderBy('r.id')
        .execute();
    },

    /** A tender's buyer and delivery settings. */
    async tenderSettings(id: string) {
      return db
        .selectFrom('tenders as t')
        .innerJoin('organisations as b', 'b.id', 't.buyer_id')
        .where('t.id', '=', id)
        .select([
          'b.name as buyer_name',
          't.delivery_grace_days as grace_days',
          't.report_response_days as response_days',
        ])
        .executeTakeFirstOrThrow();
    },

    async organisation(id: string) {
      return db
        .selectFrom('organisations')
        .where('id', '=', id)
        .select(['id', 'name', 'kind'])
        .executeTakeFirst();
    },

    async territory(code: string) {
      return db
        .selectFrom('territories')
        .where('code', '=', code)
        .select(['code', 'name'])
        .executeTakeFirst();
    },

    async territoryNames(codes: string[]): Promise<{ code: string; name: string }[]> {
      if (codes.length === 0) return [];
      return db
        .selectFrom('territories')
        .where('code', 'in', codes)
        .select(['code', 'name'])
        .orderBy('code')
        .execute();
    },

    /** Whether any of these organisations is a buyer. */
    async anyBuyer(ids: string[]): Promise<boolean> {
      if (ids.length === 0) return false;
      const row = await db
        .selectFrom('organisations')
        .where('id', 'in', ids)
        .where('kind', '=', 'buyer')
        .select('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type FulfilmentRepo = ReturnType<typeof createFulfilmentRepo>;
