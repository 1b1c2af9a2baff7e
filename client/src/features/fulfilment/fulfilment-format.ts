import { contractPeriods } from '@shared/contributions';
import type { LineUnit } from '@shared/schemas/delivery';
import type { FulfilmentFigures, FulfilmentTotals } from '@shared/schemas/fulfilment';
import { formatGbp } from '@shared/money';
import { formatGbpToPenny } from '../../lib/money-format';

/** What a figure reads as while nothing has fallen due: no ratio, rather than 0%. */
export const NOTHING_DUE = '—';

const wholePercent = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/**
 * Delivered ÷ due as people read it: whole per cent, "—" while nothing is due. Never
 * rounded up to 100% (99.6% delivered is not all of it) nor down to 0% (a little is not
 * nothing), which is what a buyer checks first.
 */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return NOTHING_DUE;
  if (ratio > 0 && ratio < 0.01) return 'under 1%';
  const percent = ratio * 100;
  if (ratio > 0.99 && ratio < 1) return '99%';
  return `${wholePercent.format(percent)}%`;
}

/**
 * An amount in its line's unit: £ for pence (pennies only when there are some), hours, or
 * the measure's unit ("12 sessions").
 */
export function formatAmount(value: number, unit: LineUnit, unitLabel?: string | null): string {
  if (unit === 'pence') return formatGbpToPenny(Math.round(value));
  if (unit === 'hours') return `${decimal.format(value)} ${value === 1 ? 'hour' : 'hours'}`;
  const label = unitLabel?.trim();
  return label ? `${decimal.format(value)} ${label}` : decimal.format(value);
}

/** A TOMs proxy value, which is only ever an estimate, said so in the same breath. */
export function formatEstimate(pence: number): string {
  return `${formatGbp(pence)} (estimate)`;
}

/** Whether a set of figures has anything in it: a kind with no commitment is left out. */
export function hasCommitment(figures: FulfilmentFigures): boolean {
  return figures.committed > 0 || figures.deliveredToDate > 0;
}

/** Whether anything has fallen due in any kind (or measure) of these totals. */
export function anythingDue(totals: FulfilmentTotals): boolean {
  return (
    totals.cash.dueToDate > 0 ||
    totals.inKind.dueToDate > 0 ||
    totals.volunteeringHours.dueToDate > 0 ||
    totals.measures.some((m) => m.figures.dueToDate > 0)
  );
}

/** One row of a totals table: a kind (or measure) with its figures in its own unit. */
export interface KindRow {
  key: string;
  label: string;
  unit: LineUnit;
  unitLabel: string | null;
  figures: FulfilmentFigures;
  /** Only for TOMs measures: the proxy value, an estimate. */
  estimatedProxyPence: { committed: number; dueToDate: number; deliveredToDate: number } | null;
}

/** The kinds of a set of totals that have a commitment, each in its own unit, never summed. */
export function kindRows(totals: FulfilmentTotals): KindRow[] {
  const rows: KindRow[] = [
    {
      key: 'cash',
      label: 'Cash',
      unit: 'pence',
      unitLabel: null,
      figures: totals.cash,
      estimatedProxyPence: null,
    },
    {
      key: 'in_kind',
      label: 'In kind (stated value)',
      unit: 'pence',
      unitLabel: null,
      figures: totals.inKind,
      estimatedProxyPence: null,
    },
    {
      key: 'volunteering',
      label: 'Volunteering',
      unit: 'hours',
      unitLabel: 'hours',
      figures: totals.volunteeringHours,
      estimatedProxyPence: null,
    },
  ];
  const measures: KindRow[] = totals.measures.map((m) => ({
    key: `measure-${m.code}`,
    label: `${m.code}: ${m.measure}`,
    unit: 'quantity',
    unitLabel: m.unit,
    figures: m.figures,
    estimatedProxyPence: m.estimatedProxyPence,
  }));
  return [...rows, ...measures].filter((row) => hasCommitment(row.figures));
}

/**
 * When the first of these contracts' contributions falls due (the first contract
 * anniversary, or the end of a contract shorter than a year); undefined with none.
 */
export function firstDueDate(
  contracts: readonly { contractStart: string; contractEnd: string }[],
): string | undefined {
  const dates = contracts.flatMap((c) => {
    const first = contractPeriods(c.contractStart, c.contractEnd)[0];
    return first ? [first.dueDate] : [];
  });
  return dates.sort()[0];
}
