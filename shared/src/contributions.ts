/**
 * The contribution schedule of an awarded SPO (One in a Million): each line's annual
 * commitment falls due on each contract anniversary, pro rata for a final part year.
 *
 * Dates are ISO calendar dates (`YYYY-MM-DD`), worked in UTC so no time zone moves a day.
 * A contract runs from `start` to `end` inclusive, as the award records it: a three-year
 * contract from 2025-04-01 ends on 2028-03-31. A year added to 29 February lands on
 * 1 March, as the award's own end date does, so a leap-day contract's years stay whole.
 */

const DAY_MS = 86_400_000;

function parse(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not an ISO date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new RangeError(`not a calendar date: ${date}`);
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus whole years; 29 February plus a year is 1 March, as `Date` rolls it. */
export function addYears(date: string, years: number): string {
  const d = new Date(parse(date));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return iso(d.getTime());
}

/** `date` plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  return iso(parse(date) + days * DAY_MS);
}

/** Days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parse(b) - parse(a)) / DAY_MS);
}

/** One contract year: its days, when its contribution falls due, and what share of a year. */
export interface ContractPeriod {
  /** 1 for the first contract year. */
  period: number;
  start: string;
  /** Inclusive. */
  end: string;
  /** The anniversary the year's contribution falls due on: the day after `end`. */
  dueDate: string;
  /** Days in this period. */
  days: number;
  /** Days in the whole contract year it is part of (365 or 366). */
  yearDays: number;
  /** `days / yearDays`: 1 for a whole year, less for a final part year. */
  fraction: number;
}

/** The most contract years a schedule covers (tenders run for at most 25). */
export const MAX_PERIODS = 26;

/**
 * The contract years from `start` to `end` inclusive: whole years counted from `start`
 * (never chained, so no day drifts), the last cut short if the contract ends mid-year.
 */
export function contractPeriods(start: string, end: string): ContractPeriod[] {
  if (parse(end) < parse(start)) throw new RangeError(`contract ends (${end}) before it starts`);
  const periods: ContractPeriod[] = [];
  for (let n = 1; ; n += 1) {
    const from = addYears(start, n - 1);
    if (parse(from) > parse(end)) break;
    if (n > MAX_PERIODS) throw new RangeError(`a contract of more than ${MAX_PERIODS} years`);
    const anniversary = addYears(start, n);
    const fullEnd = addDays(anniversary, -1);
    const to = parse(fullEnd) <= parse(end) ? fullEnd : end;
    const days = daysBetween(from, to) + 1;
    const yearDays = daysBetween(from, anniversary);
    periods.push({
      period: n,
      start: from,
      end: to,
      dueDate: addDays(to, 1),
      days,
      yearDays,
      fraction: days / yearDays,
    });
  }
  return periods;
}

/** The unit a line's amounts are counted in. */
export type LineUnit = 'pence' | 'hours' | 'quantity';

/** Decimal places each unit keeps: whole pence, hundredths of an hour, as TOMs quantities. */
export const UNIT_DECIMALS: Record<LineUnit, number> = { pence: 0, hours: 2, quantity: 4 };

/** A line's annual amount for one period: pro rata by days, rounded to the unit's places. */
export function periodAmount(annual: number, period: ContractPeriod, unit: LineUnit): number {
  const scale = 10 ** UNIT_DECIMALS[unit];
  if (period.days === period.yearDays) return Math.round(annual * scale) / scale;
  return Math.round((annual * scale * period.days) / period.yearDays) / scale;
}

/** One contribution due on one line for one contract year. */
export interface ScheduledContribution extends ContractPeriod {
  amount: number;
}

/** A line's schedule: its annual amount in each contract year, due on each anniversary. */
export function lineSchedule(
  annual: number,
  unit: LineUnit,
  start: string,
  end: string,
): ScheduledContribution[] {
  return contractPeriods(start, end).map((p) => ({ ...p, amount: periodAmount(annual, p, unit) }));
}

/**
 * Whether a contribution is overdue on `today`: its due date plus the buyer's grace days
 * has passed and what is confirmed delivered falls short of what was due.
 */
export function isOverdue(
  dueDate: string,
  graceDays: number,
  today: string,
  due: number,
  delivered: number,
): boolean {
  return delivered < due && parse(today) > parse(addDays(dueDate, graceDays));
}
