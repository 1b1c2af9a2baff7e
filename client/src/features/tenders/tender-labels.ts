import type { TenderStatus } from '@shared/schemas/tenders';
import type { Band } from '@shared/social-value';

/** A tender's status as people read it. */
export const TENDER_STATUS_LABELS: Record<TenderStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  evaluating: 'Closed: being evaluated',
  awarded: 'Awarded',
  cancelled: 'Cancelled',
};

/** The scoring bands a contribution can reach, lowest first. */
export const BAND_LABELS: Record<Band, string> = {
  below_baseline: 'Below the baseline',
  baseline: 'Baseline',
  mid: 'Mid',
  higher_ambition: 'Higher ambition',
};
