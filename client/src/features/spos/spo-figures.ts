import type { CostAvoided, Impact } from '@shared/schemas/activities';
import { CostAreas } from '@shared/schemas/activities';
import type { SpoFigures, TenderView } from '@shared/schemas/tenders';
import { bandOf, meetsRate, ratePerMillionPence, type Band } from '@shared/social-value';

/** The tender's side of the figures: its value, length and band thresholds. */
export type FigureTender = Pick<
  TenderView,
  | 'annualValuePence'
  | 'durationYears'
  | 'baselinePencePerMillion'
  | 'midPencePerMillion'
  | 'higherAmbitionPencePerMillion'
>;

/** What one line not yet added (the one being typed) would add a year. */
export interface LineContribution {
  /** Cash and in-kind: primary impact. */
  annualPence: number;
  /** TOMs proxy value a year (measures and volunteering). */
  annualProxyPence: number;
}

/** The figures as the panel shows them, and the tender's baseline to compare with. */
export interface LiveFigures extends SpoFigures {
  baselinePencePerMillion: number;
  /** Whether a line being typed is counted in. */
  includesDraft: boolean;
}

/** Adds one activity's estimates of costs avoided to the secondary impact, by area. */
function addSecondary(
  secondary: SpoFigures['secondary'],
  costs: Impact['costsAvoided'],
): SpoFigures['secondary'] {
  const byArea = new Map(secondary.map((item) => [item.area, { ...item }]));
  for (const area of CostAreas) {
    const cost: CostAvoided | undefined = costs[area];
    if (!cost) continue;
    const item = byArea.get(area) ?? { area, annualPence: 0, confidence: [] };
    item.annualPence += cost.annualPence;
    item.confidence = [...new Set([...item.confidence, cost.confidence])].sort();
    byArea.set(area, item);
  }
  // In the server's order, so that nothing jumps when the line is added.
  return [...byArea.values()].sort((a, b) => a.area.localeCompare(b.area));
}

/**
 * The SPO's figures as they would stand with the line being typed: the server's figures
 * for the lines it holds, plus the draft line, with the rate, compliance and band worked out
 * by `@shared/social-value` exactly as the server will once the line is added. Costs avoided
 * by a newly linked activity join the secondary impact, never the totals.
 */
export function liveFigures(
  tender: FigureTender,
  current: SpoFigures,
  draft?: { line: LineContribution; newActivityCosts?: Impact['costsAvoided'] | undefined },
): LiveFigures {
  const annual = current.annualContributionPence + (draft?.line.annualPence ?? 0);
  const annualProxy = current.annualProxyPence + (draft?.line.annualProxyPence ?? 0);
  const value = tender.annualValuePence;
  const band: Band = bandOf(annual, value, {
    baseline: tender.baselinePencePerMillion,
    mid: tender.midPencePerMillion,
    higherAmbition: tender.higherAmbitionPencePerMillion,
  });
  return {
    annualContributionPence: annual,
    totalContributionPence: annual * tender.durationYears,
    ratePencePerMillion: ratePerMillionPence(annual, value),
    compliant: meetsRate(annual, value, tender.baselinePencePerMillion),
    band,
    annualProxyPence: annualProxy,
    totalProxyPence: annualProxy * tender.durationYears,
    secondary: draft?.newActivityCosts
      ? addSecondary(current.secondary, draft.newActivityCosts)
      : current.secondary,
    baselinePencePerMillion: tender.baselinePencePerMillion,
    includesDraft: draft !== undefined,
  };
}

const scoreFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A score as the evaluation shows it: "7.5". */
export function formatScore(score: number): string {
  return scoreFormat.format(score);
}
