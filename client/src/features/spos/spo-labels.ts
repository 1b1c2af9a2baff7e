import type { LineKind, LineStatus, SpoStatus } from '@shared/schemas/tenders';

/** An SPO's status as people read it. */
export const SPO_STATUS_LABELS: Record<SpoStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  withdrawn: 'Withdrawn',
  awarded: 'Awarded',
  not_awarded: 'Not awarded',
};

/** What a line commits, as a choice in the form. */
export const LINE_KIND_LABELS: Record<LineKind, string> = {
  cash: 'Cash',
  in_kind: 'In kind',
  volunteering: 'Volunteering',
  measure: 'TOMs measure',
};

/** Where a line's link-up request stands with the activity's provider. */
export const LINE_STATUS_LABELS: Record<LineStatus, string> = {
  pending: 'Awaiting provider',
  accepted: 'Accepted',
  declined: 'Declined',
};

// Flags the server raises about an SPO for the buyer's evaluation. Ones this client does
// not know yet still read as words (below), never as a raw code.
const FLAG_LABELS: Record<string, string> = {
  line_outside_territories: 'A line supports an activity outside the tender’s territories',
  activity_at_risk: 'A supported activity is at risk of closing',
  activity_closed: 'A supported activity has closed or paused',
  capacity_exceeded: 'A line asks more of an activity than it can absorb',
  activity_in_several_bids: 'An activity is also pledged in another SPO for this tender',
  below_baseline: 'Below the baseline',
  value_mismatch: 'A stated value differs from its proxy value',
};

/** A flag in words: the known ones as written above, others with their underscores spelt out. */
export function describeFlag(flag: string): string {
  const known = FLAG_LABELS[flag];
  if (known) return known;
  const words = flag.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : flag;
}
