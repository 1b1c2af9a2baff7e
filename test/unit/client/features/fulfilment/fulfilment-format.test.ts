import { describe, expect, it } from '@jest/globals';
import type { FulfilmentFigures, FulfilmentTotals } from '@shared/schemas/fulfilment';
import {
  anythingDue,
  firstDueDate,
  formatAmount,
  formatEstimate,
  formatRatio,
  kindRows,
} from '../../../../../client/src/features/fulfilment/fulfilment-format';

const figures = (overrides: Partial<FulfilmentFigures> = {}): FulfilmentFigures => ({
  committed: 0,
  dueToDate: 0,
  deliveredToDate: 0,
  ratioToDate: null,
  dueThisYear: 0,
  deliveredThisYear: 0,
  ratioThisYear: null,
  ...overrides,
});

const totals = (overrides: Partial<FulfilmentTotals> = {}): FulfilmentTotals => ({
  cash: figures(),
  inKind: figures(),
  volunteeringHours: figures(),
  measures: [],
  ...overrides,
});

describe('delivered of due, as a percentage', () => {
  it('says "—" while nothing is due, rather than 0%', () => {
    expect(formatRatio(null)).toBe('—');
    expect(formatRatio(0)).toBe('0%');
  });

  it('rounds to whole per cent', () => {
    expect(formatRatio(0.8)).toBe('80%');
    expect(formatRatio(0.333)).toBe('33%');
    expect(formatRatio(0.675)).toBe('68%');
    expect(formatRatio(1)).toBe('100%');
    expect(formatRatio(1.25)).toBe('125%');
  });

  it('never rounds a shortfall up to 100%, nor a little down to nothing', () => {
    expect(formatRatio(0.996)).toBe('99%');
    expect(formatRatio(0.999_99)).toBe('99%');
    expect(formatRatio(0.004)).toBe('under 1%');
  });
});

describe('amounts in a line’s unit', () => {
  it('shows pence as pounds, with pennies only when there are some', () => {
    expect(formatAmount(800_000, 'pence')).toBe('£8,000');
    expect(formatAmount(123_456, 'pence')).toBe('£1,234.56');
  });

  it('shows hours and measure quantities with their unit', () => {
    expect(formatAmount(1, 'hours', 'hours')).toBe('1 hour');
    expect(formatAmount(12.5, 'hours', 'hours')).toBe('12.5 hours');
    expect(formatAmount(3.25, 'quantity', 'sessions')).toBe('3.25 sessions');
    expect(formatAmount(3, 'quantity', null)).toBe('3');
  });

  it('labels a proxy value as an estimate', () => {
    expect(formatEstimate(1_500_000)).toBe('£15,000 (estimate)');
  });
});

describe('the kinds of a set of totals', () => {
  it('keeps cash, in kind, hours and each measure apart and leaves out what is not committed', () => {
    const rows = kindRows(
      totals({
        cash: figures({ committed: 3_000_000, dueToDate: 1_000_000, ratioToDate: 0 }),
        volunteeringHours: figures({ committed: 300 }),
        measures: [
          {
            code: 'NT28',
            measure: 'Volunteering',
            unit: 'hours',
            figures: figures({ committed: 10 }),
            estimatedProxyPence: { committed: 50_000, dueToDate: 0, deliveredToDate: 0 },
          },
        ],
      }),
    );
    expect(rows.map((row) => [row.key, row.unit])).toEqual([
      ['cash', 'pence'],
      ['volunteering', 'hours'],
      ['measure-NT28', 'quantity'],
    ]);
    expect(rows[0]!.estimatedProxyPence).toBeNull();
    expect(rows[2]!.estimatedProxyPence?.committed).toBe(50_000);
  });

  it('tells whether anything has fallen due yet', () => {
    expect(anythingDue(totals({ cash: figures({ committed: 100 }) }))).toBe(false);
    expect(anythingDue(totals({ inKind: figures({ committed: 100, dueToDate: 100 }) }))).toBe(true);
  });
});

describe('the first contribution’s due date', () => {
  it('is the earliest first anniversary of the contracts', () => {
    expect(
      firstDueDate([
        { contractStart: '2027-04-01', contractEnd: '2030-03-31' },
        { contractStart: '2026-06-15', contractEnd: '2027-06-14' },
      ]),
    ).toBe('2027-06-15');
    expect(firstDueDate([])).toBeUndefined();
  });

  it('is the day after the end of a contract shorter than a year', () => {
    expect(firstDueDate([{ contractStart: '2027-01-01', contractEnd: '2027-06-30' }])).toBe(
      '2027-07-01',
    );
  });
});
