import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  annualContributionPence,
  bandOf,
  meetsRate,
  paymentSchedule,
  proxyValuePence,
  ratePerMillionPence,
  scores,
  valueMismatch,
} from '@shared/social-value';

const pounds = (n: number) => Math.round(n * 100);

describe('One in a Million', () => {
  it('works the issue’s example: £7,500 a year on a £1.5m contract is £5,000 per £1m', () => {
    expect(ratePerMillionPence(pounds(7_500), pounds(1_500_000))).toBe(pounds(5_000));
    expect(annualContributionPence(pounds(1_500_000), pounds(5_000))).toBe(pounds(7_500));
    expect(meetsRate(pounds(7_500), pounds(1_500_000), pounds(5_000))).toBe(true);
    expect(meetsRate(pounds(7_499.99), pounds(1_500_000), pounds(5_000))).toBe(false);
  });

  it('bands by the tender’s thresholds, exactly at each threshold', () => {
    const t = { baseline: pounds(5_000), mid: pounds(7_500), higherAmbition: pounds(10_000) };
    const v = pounds(2_000_000);
    expect(bandOf(pounds(9_999.99), v, t)).toBe('below_baseline');
    expect(bandOf(pounds(10_000), v, t)).toBe('baseline');
    expect(bandOf(pounds(15_000), v, t)).toBe('mid');
    expect(bandOf(pounds(20_000), v, t)).toBe('higher_ambition');
  });

  it('pays once on each anniversary of the start', () => {
    expect(paymentSchedule(500, 3, '2027-04-01')).toEqual([
      { year: 1, due: '2028-04-01', amountPence: 500 },
      { year: 2, due: '2029-04-01', amountPence: 500 },
      { year: 3, due: '2030-04-01', amountPence: 500 },
    ]);
  });

  it('agrees with itself: the rate of the contribution a rate asks for meets that rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 0, max: 1e9 }),
        (value, rate) => {
          const annual = annualContributionPence(value, rate);
          // Rounded to the penny: within half a penny's worth of rate either way.
          expect(Math.abs(ratePerMillionPence(annual, value) - rate)).toBeLessThanOrEqual(
            Math.ceil(1e8 / value),
          );
          expect(meetsRate(annual + 1, value, rate)).toBe(true);
        },
      ),
    );
  });
});

describe('TOMs proxy values', () => {
  it('multiplies exactly, without float drift', () => {
    expect(proxyValuePence('0.1', '0.2')).toBe(2);
    expect(proxyValuePence('400', '16.09')).toBe(643_600);
    expect(proxyValuePence('1000000', '0.012')).toBe(1_200_000);
  });

  it('flags a stated value more than 0.5% away', () => {
    expect(valueMismatch(100_500, 100_000)).toBe(false);
    expect(valueMismatch(100_501, 100_000)).toBe(true);
    expect(valueMismatch(99_499, 100_000)).toBe(true);
    expect(valueMismatch(0, 0)).toBe(false);
    expect(valueMismatch(1, 0)).toBe(true);
  });
});

describe('scores', () => {
  const spo = fc.record({
    id: fc.uuid(),
    ratePencePerMillion: fc.integer({ min: 0, max: 1e9 }),
    compliant: fc.boolean(),
    credible: fc.boolean(),
  });

  it('never exceed the weighting, and the best credible compliant SPO gets all of it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.uniqueArray(spo, { selector: (s) => s.id, minLength: 1, maxLength: 12 }),
        (weighting, spos) => {
          const result = scores(weighting, spos);
          for (const s of spos) {
            expect(result.get(s.id)!).toBeLessThanOrEqual(weighting);
            expect(result.get(s.id)!).toBeGreaterThanOrEqual(0);
            if (!s.credible) expect(result.get(s.id)).toBe(0);
          }
          const eligible = spos.filter(
            (s) => s.compliant && s.credible && s.ratePencePerMillion > 0,
          );
          if (eligible.length > 0) {
            const best = Math.max(...eligible.map((s) => s.ratePencePerMillion));
            for (const s of eligible.filter((e) => e.ratePencePerMillion === best)) {
              expect(result.get(s.id)).toBe(weighting);
            }
          }
        },
      ),
    );
  });

  it('grow with the rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (weighting, best, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const result = scores(weighting, [
            { id: 'best', ratePencePerMillion: best, compliant: true, credible: true },
            { id: 'low', ratePencePerMillion: low, compliant: false, credible: true },
            { id: 'high', ratePencePerMillion: high, compliant: false, credible: true },
          ]);
          expect(result.get('high')!).toBeGreaterThanOrEqual(result.get('low')!);
        },
      ),
    );
  });

  it('takes an SPO marked not credible out of the maximum', () => {
    const spos = [
      { id: 'a', ratePencePerMillion: 1_000_000, compliant: true, credible: false },
      { id: 'b', ratePencePerMillion: 500_000, compliant: true, credible: true },
    ];
    expect(Object.fromEntries(scores(10, spos))).toEqual({ a: 0, b: 10 });
    spos[0]!.credible = true;
    expect(Object.fromEntries(scores(10, spos))).toEqual({ a: 10, b: 5 });
  });
});
