import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addDays,
  addYears,
  contractPeriods,
  daysBetween,
  isOverdue,
  lineSchedule,
  MAX_PERIODS,
  periodAmount,
  type LineUnit,
} from '@shared/contributions';

/** The award's own end date: the start plus whole years, less a day (tenders.service award). */
function awardEnd(start: string, years: number): string {
  const end = new Date(`${start}T00:00:00Z`);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** Any calendar date from 1990 to 2060, leap days included. */
const isoDate = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2060, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('dates', () => {
  it('adds a year to 29 February as 1 March, and to any other day as the same day', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-02-28', 1)).toBe('2024-02-28');
    expect(addYears('2025-04-01', 3)).toBe('2028-04-01');
  });

  it('counts days across a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2024-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('1 March 2024', 1)).toThrow(RangeError);
  });
});

describe('contract periods', () => {
  it('splits a three-year contract into whole years due on each anniversary', () => {
    const periods = contractPeriods('2025-04-01', '2028-03-31');
    expect(periods.map((p) => [p.period, p.start, p.end, p.dueDate, p.days, p.yearDays])).toEqual([
      [1, '2025-04-01', '2026-03-31', '2026-04-01', 365, 365],
      [2, '2026-04-01', '2027-03-31', '2027-04-01', 365, 365],
      // 29 February 2028 falls in the third year: a year of 366 days, still a whole one.
      [3, '2027-04-01', '2028-03-31', '2028-04-01', 366, 366],
    ]);
    expect(periods.every((p) => p.fraction === 1)).toBe(true);
  });

  it('counts a year that spans 29 February as 366 days and whole', () => {
    const [first] = contractPeriods('2023-06-01', '2024-05-31');
    expect(first).toMatchObject({ days: 366, yearDays: 366, fraction: 1, dueDate: '2024-06-01' });
  });

  it('runs a contract that starts on 29 February in whole years ending on 28 February', () => {
    const end = awardEnd('2024-02-29', 4);
    expect(end).toBe('2028-02-28');
    const periods = contractPeriods('2024-02-29', end);
    expect(periods.map((p) => [p.start, p.end, p.days, p.yearDays, p.fraction])).toEqual([
      ['2024-02-29', '2025-02-28', 366, 366, 1],
      ['2025-03-01', '2026-02-28', 365, 365, 1],
      ['2026-03-01', '2027-02-28', 365, 365, 1],
      ['2027-03-01', '2028-02-28', 365, 365, 1],
    ]);
    // The next anniversary lands on 29 February again, a leap year later.
    expect(periods.at(-1)!.dueDate).toBe('2028-02-29');
  });

  it('cuts the final year short when the contract ends part-way through it', () => {
    const periods = contractPeriods('2025-04-01', '2026-09-30');
    expect(periods).toHaveLength(2);
    expect(periods[1]).toMatchObject({
      period: 2,
      start: '2026-04-01',
      end: '2026-09-30',
      dueDate: '2026-10-01',
      days: 183,
      yearDays: 365,
    });
    expect(periods[1]!.fraction).toBeCloseTo(183 / 365, 12);
  });

  it('measures a part year against the 366 days of the year it is part of', () => {
    // 2023-12-01 to 2024-11-30 has 29 February in it: 366 days; the part year is 91 days.
    const periods = contractPeriods('2022-12-01', '2024-02-29');
    expect(periods[1]).toMatchObject({ start: '2023-12-01', end: '2024-02-29', days: 91 });
    expect(periods[1]!.yearDays).toBe(366);
  });

  it('makes a one-day contract one period of one day', () => {
    expect(contractPeriods('2025-01-01', '2025-01-01')).toEqual([
      {
        period: 1,
        start: '2025-01-01',
        end: '2025-01-01',
        dueDate: '2025-01-02',
        days: 1,
        yearDays: 365,
        fraction: 1 / 365,
      },
    ]);
  });

  it('refuses a contract that ends before it starts, or runs past the most years', () => {
    expect(() => contractPeriods('2025-01-02', '2025-01-01')).toThrow(RangeError);
    expect(() => contractPeriods('2000-01-01', awardEnd('2000-01-01', MAX_PERIODS))).not.toThrow();
    expect(() => contractPeriods('2000-01-01', awardEnd('2000-01-01', MAX_PERIODS + 1))).toThrow(
      RangeError,
    );
  });

  it('tiles the contract with no gap and no overlap', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 20 * 366 }), (start, length) => {
        const end = addDays(start, length);
        const periods = contractPeriods(start, end);
        expect(periods[0]!.start).toBe(start);
        expect(periods.at(-1)!.end).toBe(end);
        periods.forEach((p, i) => {
          expect(p.period).toBe(i + 1);
          expect(daysBetween(p.start, p.end) + 1).toBe(p.days);
          expect(p.dueDate).toBe(addDays(p.end, 1));
          if (i > 0) expect(p.start).toBe(addDays(periods[i - 1]!.end, 1));
          // Every period but the last is a whole year; the last may be part of one.
          if (i < periods.length - 1) expect(p.days).toBe(p.yearDays);
          expect([365, 366]).toContain(p.yearDays);
        });
        expect(periods.reduce((n, p) => n + p.days, 0)).toBe(daysBetween(start, end) + 1);
      }),
    );
  });

  it('has fractions that add up to the contract’s days over each period’s year', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 20 * 366 }), (start, length) => {
        const periods = contractPeriods(start, addDays(start, length));
        const sum = periods.reduce((s, p) => s + p.fraction, 0);
        const whole = periods.filter((p) => p.days === p.yearDays).length;
        const last = periods.at(-1)!;
        const part = last.days === last.yearDays ? 0 : last.days / last.yearDays;
        expect(sum).toBeCloseTo(whole + part, 9);
        expect(periods.every((p) => p.fraction > 0 && p.fraction <= 1)).toBe(true);
      }),
    );
  });

  it('matches the award’s end date for whole-year contracts: that many whole periods', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 25 }), (start, years) => {
        const periods = contractPeriods(start, awardEnd(start, years));
        expect(periods).toHaveLength(years);
        expect(periods.every((p) => p.fraction === 1)).toBe(true);
        expect(periods.at(-1)!.dueDate).toBe(addYears(start, years));
      }),
    );
  });
});

describe('line schedules', () => {
  it('gives the annual amount exactly in each whole year', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 10_000_000_000 }),
        (start, years, annual) => {
          const schedule = lineSchedule(annual, 'pence', start, awardEnd(start, years));
          expect(schedule.map((c) => c.amount)).toEqual(Array(years).fill(annual));
        },
      ),
    );
  });

  it('keeps each unit’s decimals in a whole year: hundredths of an hour, TOMs to 4 places', () => {
    const [hours] = lineSchedule(12.345, 'hours', '2025-01-01', '2025-12-31');
    expect(hours!.amount).toBe(12.35);
    const [quantity] = lineSchedule(2.5, 'quantity', '2025-01-01', '2025-12-31');
    expect(quantity!.amount).toBe(2.5);
  });

  it('pro-rates a part year by days, rounded to whole pence', () => {
    // £10,000 a year; the final period is 183 of 365 days: 1,000,000 × 183 / 365 = 501,369.86.
    const schedule = lineSchedule(1_000_000, 'pence', '2025-04-01', '2026-09-30');
    expect(schedule.map((c) => c.amount)).toEqual([1_000_000, 501_370]);
    // 100 hours for 91 days of a 366-day year: 24.863… → 24.86.
    const hours = lineSchedule(100, 'hours', '2022-12-01', '2024-02-29');
    expect(hours.map((c) => c.amount)).toEqual([100, 24.86]);
    // 3 units for 1 day of 365: 0.00821… → 0.0082.
    expect(lineSchedule(3, 'quantity', '2025-01-01', '2025-01-01')[0]!.amount).toBe(0.0082);
  });

  it('never pro-rates a part year to more than the year’s amount, nor below nothing', () => {
    const units: LineUnit[] = ['pence', 'hours', 'quantity'];
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: 3 * 366 }),
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.constantFrom(...units),
        (start, length, annual, unit) => {
          for (const c of lineSchedule(annual, unit, start, addDays(start, length))) {
            expect(c.amount).toBeGreaterThanOrEqual(0);
            expect(c.amount).toBeLessThanOrEqual(annual);
            expect(c.amount).toBe(periodAmount(annual, c, unit));
            expect(Math.abs(c.amount - annual * c.fraction)).toBeLessThanOrEqual(
              0.5 / 10 ** { pence: 0, hours: 2, quantity: 4 }[unit] + 1e-9,
            );
          }
        },
      ),
    );
  });
});

describe('overdue', () => {
  it('is overdue only after the grace days, and only while short of what was due', () => {
    // Due 2026-04-01 with 30 days' grace: the last day of grace is 2026-05-01.
    expect(isOverdue('2026-04-01', 30, '2026-05-01', 100, 0)).toBe(false);
    expect(isOverdue('2026-04-01', 30, '2026-05-02', 100, 0)).toBe(true);
    expect(isOverdue('2026-04-01', 30, '2026-05-02', 100, 99.99)).toBe(true);
    expect(isOverdue('2026-04-01', 30, '2026-05-02', 100, 100)).toBe(false);
    expect(isOverdue('2026-04-01', 0, '2026-04-01', 100, 0)).toBe(false);
    expect(isOverdue('2026-04-01', 0, '2026-04-02', 100, 0)).toBe(true);
  });
});
