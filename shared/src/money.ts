import { z } from 'zod';

/**
 * Money crosses every boundary as integer pence: exact to sum, and a JSON number stays
 * exact up to 2^53 pence (about £90 trillion), far above any contract here.
 */
export const Pence = z
  .number({ error: 'must be an amount in pence' })
  .int('must be a whole number of pence')
  .min(0, 'must not be negative')
  .max(100_000_000_000_00, 'must be at most £100 billion');
export type Pence = z.infer<typeof Pence>;

/** A sum of pence in an answer: whole and not negative, without `Pence`'s ceiling on input. */
export const PenceTotal = z.number().int().min(0);

const gbp = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  maximumFractionDigits: 0,
});

/** £ for people: `formatGbp(123456)` is "£1,235" (whole pounds, rounded). */
export function formatGbp(pence: number): string {
  return gbp.format(pence / 100);
}

/** Whole or decimal pounds typed by a person (`"1,250.50"`) as pence, or null if not money. */
export function poundsToPence(text: string): number | null {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
