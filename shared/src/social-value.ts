import Big from 'big.js';

/**
 * Social value arithmetic, exact: money in integer pence (bigint inside, number at the
 * edges), TOMs proxies as decimal strings, no float is ever summed. Used by the server for
 * the record and by the client to show figures live while a supplier types.
 */

/** Pence in £1m: rates are "£ a year per £1m of annual contract value". */
const PENCE_PER_MILLION = 100_000_000n;

/** Half-up division of non-negative bigints. */
function divRound(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * The One in a Million rate: pence a year per £1m of annual contract value, pro rata for
 * part millions (a £1.5m contract with £7,500 a year is £5,000 per £1m), to the nearest penny.
 */
export function ratePerMillionPence(
  annualContributionPence: number,
  annualValuePence: number,
): number {
  if (annualValuePence <= 0) return 0;
  return Number(
    divRound(BigInt(annualContributionPence) * PENCE_PER_MILLION, BigInt(annualValuePence)),
  );
}

/** Does this contribution meet a baseline rate? Compared exactly, before any rounding. */
export function meetsRate(
  annualContributionPence: number,
  annualValuePence: number,
  ratePencePerMillion: number,
): boolean {
  return (
    BigInt(annualContributionPence) * PENCE_PER_MILLION >=
    BigInt(ratePencePerMillion) * BigInt(annualValuePence)
  );
}

/** What a rate asks of a contract a year: rate × value ÷ £1m, to the nearest penny. */
export function annualContributionPence(
  annualValuePence: number,
  ratePencePerMillion: number,
): number {
  return Number(
    divRound(BigInt(annualValuePence) * BigInt(ratePencePerMillion), PENCE_PER_MILLION),
  );
}

export const Bands = ['below_baseline', 'baseline', 'mid', 'higher_ambition'] as const;
export type Band = (typeof Bands)[number];

/** Rate thresholds of a tender's scoring bands, in pence a year per £1m. */
export interface BandThresholds {
  baseline: number;
  mid: number;
  higherAmbition: number;
}

/** The band a contribution reaches (compared exactly). */
export function bandOf(
  annualContribution: number,
  annualValuePence: number,
  thresholds: BandThresholds,
): Band {
  const meets = (rate: number) => meetsRate(annualContribution, annualValuePence, rate);
  if (meets(thresholds.higherAmbition)) return 'higher_ambition';
  if (meets(thresholds.mid)) return 'mid';
  if (meets(thresholds.baseline)) return 'baseline';
  return 'below_baseline';
}

/** One payment on each contract anniversary: year 1 on the first anniversary, and so on. */
export function paymentSchedule(
  annualPence: number,
  years: number,
  startDate?: string,
): { year: number; due: string | null; amountPence: number }[] {
  return Array.from({ length: years }, (_, i) => {
    let due: string | null = null;
    if (startDate) {
      const d = new Date(`${startDate}T00:00:00Z`);
      d.setUTCFullYear(d.getUTCFullYear() + i + 1);
      due = d.toISOString().slice(0, 10);
    }
    return { year: i + 1, due, amountPence: annualPence };
  });
}

/** quantity × proxy (£, exact decimals) in pence, to the nearest penny. */
export function proxyValuePence(quantity: string | number, proxyValueGbp: string): number {
  return Number(
    new Big(quantity).times(proxyValueGbp).times(100).round(0, Big.roundHalfUp).toString(),
  );
}

/**
 * Does a stated value differ from the computed one by more than 0.5%? (Of the computed
 * value; when that is zero, any stated value but zero differs.)
 */
export function valueMismatch(statedPence: number, computedPence: number): boolean {
  const difference = new Big(statedPence).minus(computedPence).abs();
  if (computedPence === 0) return statedPence !== 0;
  return difference.times(1000).gt(new Big(computedPence).abs().times(5));
}

/**
 * Each SPO's score out of the tender's social value weighting: weighting × rate ÷ the
 * highest rate among compliant SPOs not marked not credible, so the highest credible
 * investment gets the full weighting. An SPO marked not credible scores 0; no score exceeds
 * the weighting. Scores are percentage points to 2 decimals.
 */
export function scores(
  weightingPct: number,
  spos: { id: string; ratePencePerMillion: number; compliant: boolean; credible: boolean }[],
): Map<string, number> {
  const best = Math.max(
    0,
    ...spos.filter((s) => s.compliant && s.credible).map((s) => s.ratePencePerMillion),
  );
  return new Map(
    spos.map((s) => {
      if (!s.credible || best === 0) return [s.id, 0];
      const score = new Big(weightingPct).times(s.ratePencePerMillion).div(best);
      const capped = score.gt(weightingPct) ? new Big(weightingPct) : score;
      return [s.id, Number(capped.round(2, Big.roundHalfUp).toString())];
    }),
  );
}
