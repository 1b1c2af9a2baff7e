import { sql, type Kysely } from 'kysely';
import type { Geometry } from 'geojson';
import type { Database } from '../../db/schema';
import { asGeoJson, latOf, lonOf } from '../../db/geo';

/** An awarded tender with its winning SPO and the sealed version the award was made on. */
export interface AwardedContractRow {
  tender_id: string;
  ocid: string;
  title: string;
  reference: string;
  description: string;
  annual_value_pence: string;
  duration_years: number;
  closes_at: Date;
  tender_awarded_at: Date | null;
  priority_themes: string[];
  priority_groups: string[];
  buyer_id: string;
  spo_id: string;
  supplier_id: string;
  contract_start: string | null;
  contract_end: string | null;
  spo_awarded_at: Date | null;
  content: string;
}

export interface OrganisationRow {
  id: string;
  name: string;
  registered_id: string | null;
}

/**
 * A provider-confirmed (or part-confirmed) report that nothing supersedes: the only reports
 * that count as delivered, and the only ones the open data carries.
 */
export interface ConfirmedReportRow {
  id: string;
  spo_id: string;
  line_id: string;
  period: number;
  kind: 'cash' | 'in_kind' | 'volunteering' | 'measure';
  confirmed_amount: string;
  responded_at: Date;
}

/** A confirmed cash report as a grant: who paid, who received, under which contract. */
export interface ConfirmedCashRow extends ConfirmedReportRow {
  ocid: string;
  tender_title: string;
  supplier_id: string;
  supplier_name: string;
  supplier_registered_id: string | null;
  provider_id: string;
  provider_name: string;
  provider_registered_id: string | null;
  activity_title: string;
  territory_code: string;
  territory_name: string;
}

export interface ServiceRow {
  id: string;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  category: string;
  priority_groups: string[];
  status: 'active' | 'at_risk' | 'paused' | 'closed';
  address: string;
  service_radius_km: string | null;
  lon: number;
  lat: number;
  territory_code: string;
  territory_name: string;
  updated_at: Date;
  provider_id: string;
  provider_name: string;
  provider_registered_id: string | null;
}

export interface CoverageRow {
  code: string;
  name: string;
  nation: string;
  activities_listed: number | null;
  activities_supported: number | null;
  committed_pence: string | null;
  delivered_pence: string | null;
  geometry: Geometry;
}

/** Reads what the open data publishes; every query keeps to public, awarded or confirmed rows. */
export function createOpenDataRepo(db: Kysely<Database>) {
  const awarded = () =>
    db
      .selectFrom('tenders as t')
      .innerJoin('spos as s', (j) =>
        j.onRef('s.id', '=', 't.awarded_spo_id').on('s.status', '=', 'awarded'),
      )
      .innerJoin('spo_versions as v', (j) =>
        j.onRef('v.spo_id', '=', 's.id').onRef('v.version', '=', 's.submitted_version'),
      )
      .where('t.status', '=', 'awarded');

  /** Reports confirmed in whole or part and not superseded, of awarded SPOs only. */
  const confirmed = () =>
    db
      .selectFrom('delivery_reports as r')
      .innerJoin('spo_lines as l', 'l.id', 'r.line_id')
      .innerJoin('spos as s', (j) =>
        j.onRef('s.id', '=', 'r.spo_id').on('s.status', '=', 'awarded'),
      )
      .where('r.response', 'in', ['confirmed', 'part_confirmed'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('delivery_reports as n')
              .select('n.id')
              .whereRef('n.supersedes_id', '=', 'r.id'),
          ),
        ),
      );

  return {
    async countAwardedContracts(): Promise<number> {
      const row = await awarded()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** One page of awarded tenders, oldest award first (a stable order for paging). */
    awardedContracts(limit: number, offset: number): Promise<AwardedContractRow[]> {
      return awarded()
        .select([
          't.id as tender_id',
          't.ocid',
          't.title',
          't.reference',
          't.description',
          't.annual_value_pence',
          't.duration_years',
          't.closes_at',
          't.awarded_at as tender_awarded_at',
          't.priority_themes',
          't.priority_groups',
          't.buyer_id',
          's.id as spo_id',
          's.supplier_id',
          sql<string | null>`s.contract_start::text`.as('contract_start'),
          sql<string | null>`s.contract_end::text`.as('contract_end'),
          's.awarded_at as spo_awarded_at',
          'v.content',
        ])
        .orderBy('t.awarded_at')
        .orderBy('t.id')
        .limit(limit)
        .offset(offset)
        .execute();
    },

    async organisations(ids: string[]): Promise<OrganisationRow[]> {
      if (ids.length === 0) return [];
      return db
        .selectFrom('organisations')
        .select(['id', 'name', 'registered_id'])
        .where('id', 'in', [...new Set(ids)])
        .execute();
    },

    async confirmedReports(spoIds: string[]): Promise<ConfirmedReportRow[]> {
      if (spoIds.length === 0) return [];
      const rows = await confirmed()
        .select([
          'r.id',
          'r.spo_id',
          'r.line_id',
          'r.period',
          'l.kind',
          sql<string>`r.confirmed_amount::text`.as('confirmed_amount'),
          'r.responded_at',
        ])
        .where('r.spo_id', 'in', spoIds)
        .orderBy('r.responded_at')
        .orderBy('r.id')
        .execute();
      return rows as ConfirmedReportRow[];
    },

    async countConfirmedCash(): Promise<number> {
      const row = await confirmed()
        .where('l.kind', '=', 'cash')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Confirmed cash reports with the parties and contract they belong to, oldest first. */
    async confirmedCash(limit: number, offset: number): Promise<ConfirmedCashRow[]> {
      const rows = await confirmed()
        .where('l.kind', '=', 'cash')
        .innerJoin('tenders as t', 't.id', 's.tender_id')
        .innerJoin('organisations as sup', 'sup.id', 's.supplier_id')
        .innerJoin('activities as a', 'a.id', 'l.activity_id')
        .innerJoin('organisations as pro', 'pro.id', 'a.provider_id')
        .innerJoin('territories as ter', 'ter.code', 'a.territory_code')
        .select([
          'r.id',
          'r.spo_id',
          'r.line_id',
          'r.period',
          'l.kind',
          sql<string>`r.confirmed_amount::text`.as('confirmed_amount'),
          'r.responded_at',
          't.ocid',
          't.title as tender_title',
          'sup.id as supplier_id',
          'sup.name as supplier_name',
          'sup.registered_id as supplier_registered_id',
          'pro.id as provider_id',
          'pro.name as provider_name',
          'pro.registered_id as provider_registered_id',
          'a.title as activity_title',
          'a.territory_code',
          'ter.name as territory_name',
        ])
        .orderBy('r.responded_at')
        .orderBy('r.id')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows as ConfirmedCashRow[];
    },

    async countServices(): Promise<number> {
      const row = await db
        .selectFrom('activities')
        .where('status', '<>', 'closed')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Listed activities that are not closed, with their provider, oldest first. */
    services(limit: number, offset: number, id?: string): Promise<ServiceRow[]> {
      let q = db
        .selectFrom('activities as a')
        .innerJoin('organisations as o', 'o.id', 'a.provider_id')
        .innerJoin('territories as ter', 'ter.code', 'a.territory_code')
        .select([
          'a.id',
          'a.title',
          'a.summary',
          'a.description',
          'a.themes',
          'a.category',
          'a.priority_groups',
          'a.status',
          'a.address',
          sql<string | null>`a.service_radius_km::text`.as('service_radius_km'),
          lonOf('a.location').as('lon'),
          latOf('a.location').as('lat'),
          'a.territory_code',
          'ter.name as territory_name',
          'a.updated_at',
          'o.id as provider_id',
          'o.name as provider_name',
          'o.registered_id as provider_registered_id',
        ]);
      // A closed activity is withdrawn: the directory lists what people can still be referred to.
      q = q.where('a.status', '<>', 'closed');
      if (id !== undefined) q = q.where('a.id', '=', id);
      return q.orderBy('a.created_at').orderBy('a.id').limit(limit).offset(offset).execute();
    },

    /**
     * Every territory with its display geometry, its committed figures and what providers
     * confirmed arriving (cash and in-kind pence, from reports nothing supersedes).
     */
    async coverage(): Promise<CoverageRow[]> {
      const rows = await sql<CoverageRow>`
        SELECT t.code, t.name, t.nation, c.activities_listed, c.activities_supported,
          c.committed_pence::text AS committed_pence,
          d.pence::text AS delivered_pence,
          ${asGeoJson('t.geom_display', 5)} AS geometry
        FROM territories t
        LEFT JOIN territory_coverage c ON c.territory_code = t.code
        LEFT JOIN delivered_by_territory d ON d.territory_code = t.code
        ORDER BY t.code`.execute(db);
      return rows.rows;
    },
  };
}

export type OpenDataRepo = ReturnType<typeof createOpenDataRepo>;
