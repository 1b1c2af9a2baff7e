import { describe, expect, it } from '@jest/globals';
import {
  lineFulfilment,
  proxyPence,
  sumFigures,
  type ReportFact,
} from '../../../server/src/features/fulfilment/fulfilment.compute';

const NOW = new Date('2026-06-01T12:00:00Z');
const PAST = new Date('2026-05-01T00:00:00Z');
const FUTURE = new Date('2026-07-01T00:00:00Z');

let n = 0;
function report(overrides: Partial<ReportFact>): ReportFact {
  n += 1;
  return {
    id: `r${n}`,
    lineId: 'line',
    period: 1,
    amount: 0,
    response: null,
    confirmedAmount: null,
    superseded: false,
    createdAt: new Date('2026-04-10T00:00:00Z'),
    respondBy: PAST,
    respondedAt: null,
    ...overrides,
  };
}

describe('one line’s fulfilment', () => {
  // £12,000 a year in cash over two whole years from 1 April 2025: £12,000 due on 1 April
  // 2026 and on 1 April 2027. On 1 June 2026, with 30 days' grace, year 1 is overdue.
  const cash = {
    annual: 1_200_000,
    unit: 'pence' as const,
    contractStart: '2025-04-01',
    contractEnd: '2027-03-31',
  };
  const superseded = report({
    amount: 200_000,
    response: 'confirmed',
    confirmedAmount: 200_000,
    superseded: true,
  });
  const reports = [
    report({ amount: 600_000, response: 'part_confirmed', confirmedAmount: 500_000 }),
    report({ amount: 300_000, response: 'disputed', confirmedAmount: 0 }),
    superseded,
    report({ amount: 250_000, response: 'confirmed', confirmedAmount: 250_000 }),
    report({ amount: 100_000 }),
    report({ amount: 50_000, respondBy: FUTURE }),
  ];

  it('counts only confirmed and part-confirmed amounts no correction supersedes', () => {
    const worked = lineFulfilment(cash, reports, '2026-06-01', 30, NOW);
    expect(worked.figures).toEqual({
      committed: 2_400_000,
      dueToDate: 1_200_000,
      deliveredToDate: 750_000,
      ratioToDate: 0.625,
      dueThisYear: 1_200_000,
      deliveredThisYear: 750_000,
      ratioThisYear: 0.625,
    });
  });

  it('flags the year overdue after the grace days, not before', () => {
    const late = lineFulfilment(cash, reports, '2026-06-01', 30, NOW);
    expect(late.milestones[0]).toMatchObject({
      period: 1,
      dueDate: '2026-04-01',
      overdueAfter: '2026-05-01',
      due: 1_200_000,
      delivered: 750_000,
      overdue: true,
    });
    expect(late.milestones[1]!.overdue).toBe(false);
    expect(lineFulfilment(cash, reports, '2026-05-01', 30, NOW).counts.overdue).toBe(0);
    const met = [report({ amount: 1_200_000, response: 'confirmed', confirmedAmount: 1_200_000 })];
    expect(lineFulfilment(cash, met, '2026-06-01', 30, NOW).counts.overdue).toBe(0);
  });

  it('lists the disputed report and the one unanswered past respond-by, nothing else', () => {
    const worked = lineFulfilment(cash, reports, '2026-06-01', 30, NOW);
    expect(worked.disputed.map((r) => r.amount)).toEqual([300_000]);
    expect(worked.unverified.map((r) => r.amount)).toEqual([100_000]);
    expect(worked.counts).toEqual({ overdue: 1, disputed: 1, unverified: 1 });
  });

  it('works a final part year pro rata across a leap day, with nothing due yet', () => {
    // £3,650 a year from 1 April 2027 to 30 September 2028: year 1 (366 days, holding
    // 29 February 2028) is whole, £3,650; year 2 is 183 of 365 days: £1,830. Both fall due
    // in 2028 (1 April and 1 October); on 15 January 2028 neither is due.
    const worked = lineFulfilment(
      { annual: 365_000, unit: 'pence', contractStart: '2027-04-01', contractEnd: '2028-09-30' },
      [report({ amount: 100_000, response: 'confirmed', confirmedAmount: 100_000 })],
      '2028-01-15',
      30,
      new Date('2028-01-15T00:00:00Z'),
    );
    expect(worked.milestones.map((m) => [m.dueDate, m.due])).toEqual([
      ['2028-04-01', 365_000],
      ['2028-10-01', 183_000],
    ]);
    expect(worked.figures).toEqual({
      committed: 548_000,
      dueToDate: 0,
      deliveredToDate: 100_000,
      ratioToDate: null,
      dueThisYear: 548_000,
      deliveredThisYear: 100_000,
      ratioThisYear: 0.1825,
    });
  });

  it('sums hours in hundredths, never drifting as floats do', () => {
    const worked = lineFulfilment(
      { annual: 12.5, unit: 'hours', contractStart: '2025-04-01', contractEnd: '2026-03-31' },
      [
        report({ amount: 3.33, response: 'confirmed', confirmedAmount: 3.33 }),
        report({ amount: 4.44, response: 'confirmed', confirmedAmount: 4.44 }),
      ],
      '2026-06-01',
      0,
      NOW,
    );
    expect(worked.figures.deliveredToDate).toBe(7.77);
    expect(worked.figures.ratioToDate).toBe(0.6216);
  });
});

describe('figures added up', () => {
  it('adds each figure and works the ratios from the sums', () => {
    const a = {
      committed: 2_400_000,
      dueToDate: 1_200_000,
      deliveredToDate: 750_000,
      ratioToDate: 0.625,
      dueThisYear: 0,
      deliveredThisYear: 0,
      ratioThisYear: null,
    };
    const b = {
      ...a,
      committed: 300_000,
      dueToDate: 0,
      deliveredToDate: 100_000,
      ratioToDate: null,
    };
    expect(sumFigures([a, b], 'pence')).toEqual({
      committed: 2_700_000,
      dueToDate: 1_200_000,
      deliveredToDate: 850_000,
      ratioToDate: 0.7083,
      dueThisYear: 0,
      deliveredThisYear: 0,
      ratioThisYear: null,
    });
  });

  it('estimates a proxy value at the line’s own rate', () => {
    expect(proxyPence(40, 100, 123_456)).toBe(49_382);
    expect(proxyPence(40, 0, 123_456)).toBe(0);
  });
});
