import {
  addDays,
  isOverdue,
  lineSchedule,
  UNIT_DECIMALS,
  type LineUnit,
} from '@shared/contributions';
import type { FulfilmentCounts, FulfilmentFigures } from '@shared/schemas/fulfilment';

/**
 * The arithmetic of fulfilment, apart from the database so that it can be checked against
 * figures worked by hand. Amounts are summed as whole units of the line's precision (pence,
 * hundredths of an hour, ten-thousandths of a quantity), never as floats.
 */

/** A line's amount as a whole number of its smallest unit. */
function toUnits(amount: number, unit: LineUnit): number {
  return Math.round(amount * 10 ** UNIT_DECIMALS[unit]);
}

function fromUnits(units: number, unit: LineUnit): number {
  return units / 10 ** UNIT_DECIMALS[unit];
}

function ratio(delivered: number, due: number): number | null {
  return due === 0 ? null : Math.round((delivered / due) * 10_000) / 10_000;
}

/** One delivery report as fulfilment reads it. */
export interface ReportFact {
  id: string;
  lineId: string;
  period: number;
  amount: number;
  response: 'confirmed' | 'part_confirmed' | 'disputed' | null;
  confirmedAmount: number | null;
  /** Another report supersedes this one: it no longer counts and is in no list. */
  superseded: boolean;
  createdAt: Date;
  respondBy: Date;
  respondedAt: Date | null;
}

/** One awarded line's commitment: its annual amount over the contract. */
export interface CommittedLine {
  annual: number;
  unit: LineUnit;
  contractStart: string;
  contractEnd: string;
}

/** One contract year of a line: due, confirmed, and whether it is overdue. */
export interface MilestoneFact {
  period: number;
  dueDate: string;
  overdueAfter: string;
  due: number;
  delivered: number;
  overdue: boolean;
}

export interface LineFulfilment {
  figures: FulfilmentFigures;
  milestones: MilestoneFact[];
  /** Reports (not superseded) the provider disputed. */
  disputed: ReportFact[];
  /** Reports (not superseded) unanswered past their respond-by time. */
  unverified: ReportFact[];
  counts: FulfilmentCounts;
}

/** Only these count as delivered: confirmed or part-confirmed, and not superseded. */
function counts(r: ReportFact): boolean {
  return !r.superseded && (r.response === 'confirmed' || r.response === 'part_confirmed');
}

/**
 * One line's fulfilment on `today` (an ISO date, UTC) at `now`: committed over the whole
 * contract, due to date (milestones due on or before today) and this calendar year, what is
 * confirmed delivered, the overdue milestones (the tender's `graceDays` after their due
 * date) and the disputed and unverified reports. `reports` are this line's reports.
 */
export function lineFulfilment(
  line: CommittedLine,
  reports: ReportFact[],
  today: string,
  graceDays: number,
  now: Date,
): LineFulfilment {
  const { unit } = line;
  const year = today.slice(0, 4);
  const schedule = lineSchedule(line.annual, unit, line.contractStart, line.contractEnd);
  const deliveredByPeriod = new Map<number, number>();
  let deliveredToDate = 0;
  for (const r of reports) {
    if (!counts(r)) continue;
    const units = toUnits(r.confirmedAmount ?? 0, unit);
    deliveredToDate += units;
    deliveredByPeriod.set(r.period, (deliveredByPeriod.get(r.period) ?? 0) + units);
  }
  let committed = 0;
  let dueToDate = 0;
  let dueThisYear = 0;
  let deliveredThisYear = 0;
  const milestones: MilestoneFact[] = [];
  for (const m of schedule) {
    const due = toUnits(m.amount, unit);
    const delivered = deliveredByPeriod.get(m.period) ?? 0;
    committed += due;
    if (m.dueDate <= today) dueToDate += due;
    if (m.dueDate.slice(0, 4) === year) {
      dueThisYear += due;
      deliveredThisYear += delivered;
    }
    milestones.push({
      period: m.period,
      dueDate: m.dueDate,
      overdueAfter: addDays(m.dueDate, graceDays),
      due: fromUnits(due, unit),
      delivered: fromUnits(delivered, unit),
      overdue: isOverdue(m.dueDate, graceDays, today, due, delivered),
    });
  }
  const live = reports.filter((r) => !r.superseded);
  const disputed = live.filter((r) => r.response === 'disputed');
  const unverified = live.filter((r) => r.response === null && r.respondBy < now);
  return {
    figures: {
      committed: fromUnits(committed, unit),
      dueToDate: fromUnits(dueToDate, unit),
      deliveredToDate: fromUnits(deliveredToDate, unit),
      ratioToDate: ratio(deliveredToDate, dueToDate),
      dueThisYear: fromUnits(dueThisYear, unit),
      deliveredThisYear: fromUnits(deliveredThisYear, unit),
      ratioThisYear: ratio(deliveredThisYear, dueThisYear),
    },
    milestones,
    disputed,
    unverified,
    counts: {
      overdue: milestones.filter((m) => m.overdue).length,
      disputed: disputed.length,
      unverified: unverified.length,
    },
  };
}

/** No commitment at all, in any unit. */
export const NO_FIGURES: FulfilmentFigures = {
  committed: 0,
  dueToDate: 0,
  deliveredToDate: 0,
  ratioToDate: null,
  dueThisYear: 0,
  deliveredThisYear: 0,
  ratioThisYear: null,
};

/** Figures of lines in one unit added up, the ratios worked again from the sums. */
export function sumFigures(all: FulfilmentFigures[], unit: LineUnit): FulfilmentFigures {
  const total = (pick: (f: FulfilmentFigures) => number) =>
    all.reduce((sum, f) => sum + toUnits(pick(f), unit), 0);
  const committed = total((f) => f.committed);
  const dueToDate = total((f) => f.dueToDate);
  const deliveredToDate = total((f) => f.deliveredToDate);
  const dueThisYear = total((f) => f.dueThisYear);
  const deliveredThisYear = total((f) => f.deliveredThisYear);
  return {
    committed: fromUnits(committed, unit),
    dueToDate: fromUnits(dueToDate, unit),
    deliveredToDate: fromUnits(deliveredToDate, unit),
    ratioToDate: ratio(deliveredToDate, dueToDate),
    dueThisYear: fromUnits(dueThisYear, unit),
    deliveredThisYear: fromUnits(deliveredThisYear, unit),
    ratioThisYear: ratio(deliveredThisYear, dueThisYear),
  };
}

/**
 * An ESTIMATE of a measure's or volunteering line's proxy value in pence: `amount` in the
 * line's unit at the rate its sealed `annualProxyPence` sets for its `annual` amount.
 */
export function proxyPence(amount: number, annual: number, annualProxyPence: number): number {
  if (annual <= 0) return 0;
  return Math.round((amount * annualProxyPence) / annual);
}

/** Counts added up. */
export function sumCounts(all: FulfilmentCounts[]): FulfilmentCounts {
  return all.reduce(
    (sum, c) => ({
      overdue: sum.overdue + c.overdue,
      disputed: sum.disputed + c.disputed,
      unverified: sum.unverified + c.unverified,
    }),
    { overdue: 0, disputed: 0, unverified: 0 },
  );
}
