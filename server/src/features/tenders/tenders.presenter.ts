import type { TenderView } from '@shared/schemas/tenders';
import { annualContributionPence } from '@shared/social-value';
import type { TenderRow } from './tenders.repo';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

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
  };
}
