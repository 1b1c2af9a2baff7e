import type { Geometry } from 'geojson';
import type {
  ActivitySummary,
  ActivityView,
  Category,
  Impact,
  MeasureEvidenced,
  ServiceArea,
  Theme,
  PriorityGroup,
  ActivityStatus,
} from '@shared/schemas/activities';
import type { ActivitiesRepo } from './activities.repo';

type Row = NonNullable<Awaited<ReturnType<ActivitiesRepo['findById']>>>;
type SummaryRow = Awaited<ReturnType<ActivitiesRepo['list']>>['rows'][number];
type MeasureRow = Awaited<ReturnType<ActivitiesRepo['measuresOf']>>[number];

/** Positions to 6 decimals (about 10 cm): enough for a map, and stable in tests. */
export const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function serviceArea(radiusKm: string | null, area: Geometry | null): ServiceArea | null {
  if (radiusKm !== null) return { type: 'radius', radiusKm: Number(radiusKm) };
  if (area !== null)
    return { type: 'area', geometry: area as Extract<ServiceArea, { type: 'area' }>['geometry'] };
  return null;
}

/** The whole activity, as its page shows it; only whitelisted fields leave the server. */
export function presentActivity(row: Row, measures: MeasureRow[]): ActivityView {
  const evidence = row.evidence as Impact['evidence'];
  return {
    id: row.id,
    provider: {
      id: row.provider_id,
      name: row.provider_name,
      verified: row.provider_verified,
      demo: row.provider_demo,
    },
    title: row.title,
    summary: row.summary,
    description: row.description,
    themes: row.themes as Theme[],
    category: row.category as Category,
    priorityGroups: row.priority_groups as PriorityGroup[],
    location: { lon: round6(row.lon), lat: round6(row.lat) },
    address: row.address,
    territory: { code: row.territory_code, name: row.territory_name },
    serviceArea: serviceArea(row.service_radius_km, row.service_area),
    impact: {
      peopleReachedPerYear: row.people_reached_per_year,
      outcomes: row.outcomes as Impact['outcomes'],
      evidence: {
        links: evidence.links ?? [],
        evaluationSummary: evidence.evaluationSummary ?? '',
      },
      costsAvoided: row.costs_avoided as Impact['costsAvoided'],
    },
    needs: {
      fundingGapPence: Number(row.funding_gap_pence),
      volunteerHoursPerYear: row.volunteer_hours_per_year,
      inKind: row.in_kind,
    },
    capacityPence: Number(row.capacity_pence),
    measures: measures.map((m): MeasureEvidenced => ({
      framework: m.framework_id,
      code: m.code,
      measure: m.measure,
      unit: m.unit,
      proxyValueGbp: m.proxy_value_gbp,
    })),
    status: row.status as ActivityStatus,
    atRiskUntil: row.at_risk_until,
    demo: row.is_demo,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** One line of the list. */
export function presentSummary(row: SummaryRow): ActivitySummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    category: row.category as Category,
    themes: row.themes as Theme[],
    status: row.status as ActivityStatus,
    atRiskUntil: row.at_risk_until,
    territory: { code: row.territory_code, name: row.territory_name },
    provider: {
      id: row.provider_id,
      name: row.provider_name,
      verified: row.provider_verified,
      demo: row.provider_demo,
    },
    location: { lon: round6(row.lon), lat: round6(row.lat) },
    fundingGapPence: Number(row.funding_gap_pence),
    volunteerHoursPerYear: row.volunteer_hours_per_year,
    peopleReachedPerYear: row.people_reached_per_year,
    demo: row.is_demo,
  };
}
