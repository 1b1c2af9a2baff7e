import type { BuyerSector } from './accounts';
import type { Confidence, CostArea, Theme } from './activities';

/** One territory's coverage: public figures from awarded SPOs only. */
export interface TerritoryCoverage {
  code: string;
  name: string;
  nation: string;
  activitiesListed: number;
  activitiesSupported: number;
  /** Share of listed activities with at least one awarded SPO, 0–1. */
  shareSupported: number;
  /** Primary impact: £ a year that awarded SPOs commit to activities here. */
  committedPence: number;
  committedByTheme: Partial<Record<Theme, number>>;
  committedBySector: Partial<Record<BuyerSector, number>>;
  /** Stated funding gaps less what awarded SPOs commit, never below zero per activity. */
  fundingGapPence: number;
  /** Secondary impact reported by supported activities; never added to the primary. */
  secondary: { area: CostArea; confidence: Confidence; annualPence: number }[];
  /**
   * The signed-in buyer's own pipeline here: submitted, unawarded SPOs on its tenders.
   * Present only for that buyer's members; null for everyone else.
   */
  pipelinePence: number | null;
  updatedAt: string | null;
}

export interface CoverageDetail extends TerritoryCoverage {
  /** Committed value a year awarded each month, since the first award. */
  monthly: { month: string; committedPence: number }[];
}
