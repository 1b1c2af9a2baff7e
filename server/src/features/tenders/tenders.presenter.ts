import { DEFAULT_MATCH_WEIGHTS, MatchFactors, type MatchWeights } from '@shared/matching';
import { PriorityGroups, Themes, type PriorityGroup, type Theme } from '@shared/schemas/activities';
import type { TenderPrioritiesView } from '@shared/schemas/matching';
import type { TenderView } from '@shared/schemas/tenders';
import { annualContributionPence } from '@shared/social-value';
import type { TenderRow } from './tenders.repo';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const isTheme = (x: string): x is Theme => (Themes as readonly string[]).includes(x);
const isGroup = (x: string): x is PriorityGroup =>
  (PriorityGroups as readonly string[]).includes(x);

/** Every factor's weight: the buyer's where set, else the default. */
export function matchWeightsOf(stored: Record<string, number>): MatchWeights {
  const weights = { ...DEFAULT_MATCH_WEIGHTS };
  for (const factor of MatchFactors) {
    const w = stored[factor];
    if (typeof w === 'number') weights[factor] = w;
  }
  return weights;
}

/** A tender's local priorities as anyone who may see the tender sees them. */
export function presentPriorities(
  row: Pick<
    TenderRow,
    | 'priority_themes'
    | 'priority_groups'
    | 'match_weights'
    | 'priority_measures'
    | 'focus_areas'
    | 'delivery_sites'
  >,
): TenderPrioritiesView {
  return {
    themes: row.priority_themes.filter(isTheme),
    measures: row.priority_measures,
    groups: row.priority_groups.filter(isGroup),
    focusAreas: row.focus_areas,
    deliverySites: row.delivery_sites,
    weights: matchWeightsOf(row.match_weights),
  };
}

/** A tender as the API shows it. */
export function presentTender(row: TenderRow): TenderView {
  const annualValuePence = Number(row.annual_value_pence);
  const baseline = Number(row.baseline_pence_per_million);
  return {
    id: row.id,
    ocid: row.ocid,
    buyer: {
      id: row.buyer_id,
      name: row.buyer_name,
      verified: row.buyer_verified,
      demo: row.buyer_demo,
    },
    title: row.title,
    reference: row.reference,
    description: row.description,
    territories: row.territories,
    annualValuePence,
    durationYears: row.duration_years,
    startDate: row.start_date,
    baselinePencePerMillion: baseline,
    weightingPct: Number(row.weighting_pct),
    midPencePerMillion: Number(row.mid_pence_per_million),
    higherAmbitionPencePerMillion: Number(row.higher_ambition_pence_per_million),
    baselineAnnualPence: annualContributionPence(annualValuePence, baseline),
    closesAt: iso(row.closes_at)!,
    status: row.status,
    awardedAt: iso(row.awarded_at),
    awardedSpoId: row.awarded_spo_id,
    createdAt: iso(row.created_at)!,
    priorities: presentPriorities(row),
  };
}
