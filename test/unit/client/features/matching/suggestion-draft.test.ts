import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SuggestionView } from '@shared/schemas/matching';
import {
  checkAmount,
  draftFromSuggestion,
  draftTotalPence,
} from '../../../../../client/src/features/matching/suggestion-draft';

const activity = (id: string): SuggestionView['lines'][number]['activity'] => ({
  id,
  title: `Activity ${id}`,
  provider: { id: 'p', name: 'Provider' },
  status: 'active',
  themes: ['safer'],
  at: [-1.25, 51.75],
  territory: { code: 'E23000029', name: 'Thames Valley' },
  lad: null,
});

describe('checking an amount typed for a suggested line', () => {
  it('takes whole pounds written as people write them', () => {
    expect(checkAmount('2500', 500_000)).toEqual({ pence: 250_000 });
    expect(checkAmount('£2,500', 500_000)).toEqual({ pence: 250_000 });
    expect(checkAmount(' 2,500.00 ', 500_000)).toEqual({ pence: 250_000 });
  });

  it('says what is wrong, naming the line, GOV.UK style', () => {
    const what = 'the amount a year for Riverside';
    expect(checkAmount('', 500_000, what).error).toBe(
      'Enter the amount a year for Riverside in pounds',
    );
    expect(checkAmount('12.50', 500_000, what).error).toBe(
      'Enter the amount a year for Riverside in whole pounds, such as 2500',
    );
    expect(checkAmount('0', 500_000, what).error).toBe(
      'The amount a year for Riverside must be more than £0',
    );
    expect(checkAmount('5001', 500_000, what).error).toBe(
      'The amount a year for Riverside must be £5,000 or less, the room this activity has left',
    );
  });

  it('accepts a whole-pound amount exactly when it is more than £0 and within the room', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (limitPence, pounds) => {
          const checked = checkAmount(String(pounds), limitPence);
          const fits = pounds > 0 && pounds * 100 <= limitPence;
          expect(checked.pence === undefined).toBe(!fits);
          if (fits) expect(checked.pence).toBe(pounds * 100);
        },
      ),
    );
  });
});

describe('a suggestion as lines to edit', () => {
  it('starts from the suggested amounts and totals only the amounts fit to send', () => {
    const view: SuggestionView = {
      targetPence: 750_000,
      totalPence: 750_000,
      reached: true,
      shortfallPence: 0,
      areas: 2,
      lines: [
        {
          activity: activity('a'),
          annualPence: 500_000,
          score: 80,
          limitPence: 600_050,
          reason: 'Best fit',
        },
        {
          activity: activity('b'),
          annualPence: 250_000,
          score: 70,
          limitPence: 250_000,
          reason: 'Spread',
        },
      ],
    };
    const lines = draftFromSuggestion(view);
    expect(lines.map((l) => l.amount)).toEqual(['5000', '2500']);
    expect(draftTotalPence(lines)).toBe(750_000);
    const edited = [
      { ...lines[0]!, amount: '6000' },
      { ...lines[1]!, amount: '2501' },
    ];
    // £2,501 is past the second line's room: it counts for nothing until fixed.
    expect(draftTotalPence(edited)).toBe(600_000);
  });
});
