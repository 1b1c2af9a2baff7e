import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SpoLineView, TenderView } from '@shared/schemas/tenders';
import { figuresOf } from '../../../server/src/features/spos/spos.service';

const tender = {
  annualValuePence: 150_000_000,
  durationYears: 3,
  baselinePencePerMillion: 500_000,
  midPencePerMillion: 750_000,
  higherAmbitionPencePerMillion: 1_000_000,
} as TenderView;

const line = fc.record({
  kind: fc.constantFrom('cash', 'in_kind', 'volunteering', 'measure'),
  money: fc.integer({ min: 1, max: 1e9 }),
  proxy: fc.integer({ min: 0, max: 1e9 }),
  activity: fc.constantFrom('a1', 'a2', 'a3'),
});

describe('SPO figures', () => {
  it('sum the lines: money lines make the contribution, every line its proxy (property)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (generated) => {
        const lines = generated.map(
          (l) =>
            ({
              kind: l.kind,
              annualPence: l.kind === 'cash' || l.kind === 'in_kind' ? l.money : null,
              annualProxyPence: l.proxy,
              activity: { id: l.activity },
            }) as unknown as SpoLineView,
        );
        const f = figuresOf(lines, tender, new Map());
        const money = generated
          .filter((l) => l.kind === 'cash' || l.kind === 'in_kind')
          .reduce((s, l) => s + l.money, 0);
        expect(f.annualContributionPence).toBe(money);
        expect(f.totalContributionPence).toBe(money * 3);
        expect(f.annualProxyPence).toBe(generated.reduce((s, l) => s + l.proxy, 0));
        expect(f.compliant).toBe(money * 100_000_000 >= 500_000 * 150_000_000);
      }),
    );
  });

  it('keeps the secondary impact apart, once per activity however many lines link it', () => {
    const lines = [
      { kind: 'cash', annualPence: 100, annualProxyPence: 100, activity: { id: 'a1' } },
      { kind: 'cash', annualPence: 200, annualProxyPence: 200, activity: { id: 'a1' } },
    ] as unknown as SpoLineView[];
    const costs = new Map([
      ['a1', { police: { annualPence: 5_000, method: 'm', confidence: 'low' as const } }],
    ]);
    const f = figuresOf(lines, tender, costs);
    expect(f.secondary).toEqual([{ area: 'police', annualPence: 5_000, confidence: ['low'] }]);
    expect(f.annualContributionPence).toBe(300);
  });
});
