import type { ActivityStatus, Confidence } from '@shared/schemas/activities';
import { STATUS_LABELS } from '@shared/schemas/activities';

export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

const counts = new Intl.NumberFormat('en-GB');
// Dates arrive as `YYYY-MM-DD`; read and shown in UTC so that no time zone shifts the day.
const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** A whole number for people: `formatCount(1234)` is "1,234". */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** "1 activity", "1,234 activities": a count with its noun, singular or plural. */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** A `YYYY-MM-DD` date for people: "31 March 2027". */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : longDate.format(date);
}

/** A status as people read it, with the date an activity at risk closes without funding. */
export function describeStatus(status: ActivityStatus, atRiskUntil: string | null): string {
  if (status === 'at_risk' && atRiskUntil) return `At risk until ${formatDate(atRiskUntil)}`;
  return STATUS_LABELS[status];
}

/**
 * An exact decimal £ amount (`"30782"`, `"0.012"`) for people, keeping every decimal place:
 * proxy values per unit can be fractions of a penny, which `formatGbp` would round away.
 */
export function formatDecimalGbp(amount: string): string {
  const [whole = '0', rawFraction = ''] = amount.split('.');
  // Database numerics keep their scale ("30782.000000"); the zeros say nothing to people.
  const fraction = rawFraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `£${grouped}.${fraction}` : `£${grouped}`;
}
