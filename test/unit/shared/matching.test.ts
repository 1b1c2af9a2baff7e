import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DEFAULT_MATCH_WEIGHTS,
  MIN_LINE_PENCE,
  MatchFactors,
  compareMatches,
  scoreMatch,
  suggestPortfolio,
  type MatchActivity,
  type MatchTender,
} from '@shared/matching';

const THEMES = ['healthier', 'safer', 'more_resilient'];
const GROUPS = ['care_leavers', 'veterans', 'carers', 'older_people'];
const MEASURES = ['t:NT1', 't:NT2', 't:NT3'];

const weight = fc.integer({ min: 0, max: 10 });
const tender: fc.Arbitrary<MatchTender> = fc.record({
  themes: fc.subarray(THEMES),
  measures: fc.subarray(MEASURES),
  groups: fc.subarray(GROUPS),
  hasFocusAreas: fc.boolean(),
  hasDeliverySites: fc.boolean(),
  ownCostArea: fc.constantFrom('police', 'nhs', null),
  typicalLinePence: fc.integer({ min: MIN_LINE_PENCE, max: 10_000_000 }),
  weights: fc.record(
    Object.fromEntries(MatchFactors.map((f) => [f, weight])) as Record<
      (typeof MatchFactors)[number],
      fc.Arbitrary<number>
    >,
  ),
});
const pence = fc.integer({ min: 0, max: 50_000_000 });
const activity: fc.Arbitrary<MatchActivity> = fc.record({
  id: fc.uuid(),
  inFocusArea: fc.boolean(),
  themes: fc.subarray(THEMES, { minLength: 1 }),
  measures: fc.subarray(MEASURES),
  groups: fc.subarray(GROUPS),
  capacityPence: pence,
  fundingGapPence: pence,
  heldPence: pence,
  committedPence: pence,
  deprivationQuintile: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  cellSupported: fc.boolean(),
  distanceKm: fc.option(fc.double({ min: 0, max: 300, noNaN: true }), { nil: null }),
  evidenceLinks: fc.nat({ max: 5 }),
  hasEvaluationSummary: fc.boolean(),
  outcomes: fc.nat({ max: 5 }),
  bestConfidence: fc.constantFrom('high', 'medium', 'low', null),
  ownSectorSavingsPence: pence,
});

describe('scoreMatch', () => {
  it('scores a hand-worked example', () => {
    const t: MatchTender = {
      themes: ['safer', 'healthier'],
      measures: [],
      groups: ['care_leavers'],
      hasFocusAreas: true,
      hasDeliverySites: false,
      ownCostArea: 'police',
      typicalLinePence: 200_000,
      weights: DEFAULT_MATCH_WEIGHTS,
    };
    const a: MatchActivity = {
      id: 'a',
      inFocusArea: false,
      themes: ['safer'],
      measures: [],
      groups: ['care_leavers'],
      capacityPence: 0,
      fundingGapPence: 500_000,
      heldPence: 400_000,
      committedPence: 300_000,
      deprivationQuintile: 2,
      cellSupported: true,
      distanceKm: null,
      evidenceLinks: 1,
      hasEvaluationSummary: false,
      outcomes: 0,
      bestConfidence: 'medium',
      ownSectorSavingsPence: 50_000,
    };
    // place 0×3, themes ½×2, groups 1×2, room (100,000 ÷ 200,000)=½×2, gap (200,000 ÷ 200,000)=1×1,
    // need (6−2)/5=0.8×2, spread 0×1, evidence (0.35 + 0.25×0.6)=0.5×1, secondary ¼×1.
    // Measures and distance do not count. Weighted 0+1+2+1+1+1.6+0+0.5+0.25 = 7.35 of 15.
    const s = scoreMatch(t, a);
    expect(s.score).toBe(49);
    expect(s.roomPence).toBe(100_000);
    expect(s.remainingGapPence).toBe(200_000);
    expect(s.factors.find((f) => f.factor === 'measures')?.value).toBeNull();
    expect(s.factors.find((f) => f.factor === 'distance')?.value).toBeNull();
  });

  it('never lowers a matching activity’s score when the tender adds one of its themes', () => {
    fc.assert(
      fc.property(tender, activity, (t, a) => {
        const extra = a.themes.find((x) => !t.themes.includes(x));
        fc.pre(extra !== undefined);
        const before = scoreMatch(t, a).score;
        const after = scoreMatch({ ...t, themes: [...t.themes, extra!] }, a).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('ranks an activity with no room left below an identical one with room', () => {
    fc.assert(
      fc.property(tender, activity, (t, a) => {
        const limit = a.capacityPence > 0 ? a.capacityPence : a.fundingGapPence;
        fc.pre(limit > 0);
        const full = { ...a, id: 'b', heldPence: limit };
        const roomy = { ...a, id: 'a', heldPence: 0 };
        const ranked = [full, roomy]
          .map((x) => ({ id: x.id, ...scoreMatch(t, x) }))
          .sort(compareMatches);
        expect(ranked.map((r) => r.id)).toEqual(['a', 'b']);
        // Whatever the ids: the full one is last.
        const swapped = [
          { ...full, id: 'a' },
          { ...roomy, id: 'b' },
        ]
          .map((x) => ({ id: x.id, ...scoreMatch(t, x) }))
          .sort(compareMatches);
        expect(swapped.map((r) => r.id)).toEqual(['b', 'a']);
      }),
    );
  });

  it('keeps every value between 0 and 1 and the score between 0 and 100', () => {
    fc.assert(
      fc.property(tender, activity, (t, a) => {
        const s = scoreMatch(t, a);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        for (const f of s.factors) {
          if (f.value !== null) {
            expect(f.value).toBeGreaterThanOrEqual(0);
            expect(f.value).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });
});

const candidate = fc.record({
  id: fc.uuid(),
  area: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
  score: fc.double({ min: 0, max: 100, noNaN: true }),
  limitPence: fc.integer({ min: 0, max: 5_000_000 }),
});
const catalogue = fc.uniqueArray(candidate, { selector: (c) => c.id, maxLength: 40 });
const options = fc.record({
  targetPence: fc.integer({ min: 100, max: 20_000_000 }),
  maxActivityShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
  maxAreaShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
});

describe('suggestPortfolio', () => {
  it('never asks a line above its limit, never an activity twice, never past the target', () => {
    fc.assert(
      fc.property(catalogue, options, (cands, o) => {
        const s = suggestPortfolio(cands, o);
        const limits = new Map(cands.map((c) => [c.id, c.limitPence]));
        const ids = s.lines.map((l) => l.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const l of s.lines) {
          expect(l.annualPence).toBeGreaterThan(0);
          expect(l.annualPence).toBeLessThanOrEqual(limits.get(l.id)!);
          expect(l.annualPence % 100).toBe(0);
        }
        const total = s.lines.reduce((n, l) => n + l.annualPence, 0);
        expect(total).toBe(s.totalPence);
        expect(total).toBeLessThanOrEqual(s.targetPence);
        expect(s.reached).toBe(total >= s.targetPence);
      }),
    );
  });

  it('reaches the target whenever the catalogue has room enough', () => {
    fc.assert(
      fc.property(catalogue, options, (cands, o) => {
        const usable = cands
          .map((c) => Math.floor(c.limitPence / 100) * 100)
          .filter((p) => p >= MIN_LINE_PENCE)
          .reduce((n, p) => n + p, 0);
        const s = suggestPortfolio(cands, o);
        if (usable >= s.targetPence) expect(s.reached).toBe(true);
        else expect(s.totalPence).toBe(usable);
      }),
    );
  });

  it('spreads: no line above the activity share, no area above the area share, when enough room is spread out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 10_000_000 }),
        fc.uniqueArray(fc.uuid(), { minLength: 12, maxLength: 30 }),
        (target, ids) => {
          // Each of six areas can take the whole target, each activity a quarter of it.
          const cands = ids.map((id, i) => ({
            id,
            area: `area-${i % 6}`,
            score: (i * 37) % 100,
            limitPence: target,
          }));
          const s = suggestPortfolio(cands, {
            targetPence: target,
            maxActivityShare: 0.25,
            maxAreaShare: 0.4,
          });
          expect(s.reached).toBe(true);
          // What whole-pound rounding leaves over (less than the smallest line) may top up
          // one line past its share; nothing else does.
          const slack = MIN_LINE_PENCE;
          const byArea = new Map<string, number>();
          for (const l of s.lines) {
            expect(l.annualPence).toBeLessThanOrEqual(
              Math.floor((s.targetPence * 0.25) / 100) * 100 + slack,
            );
            const area = cands.find((c) => c.id === l.id)!.area;
            byArea.set(area, (byArea.get(area) ?? 0) + l.annualPence);
          }
          for (const sum of byArea.values())
            expect(sum).toBeLessThanOrEqual(Math.floor((s.targetPence * 0.4) / 100) * 100 + slack);
          const toppedUp = s.lines.filter((l) => l.pass === 'top-up');
          expect(toppedUp.length).toBeLessThanOrEqual(1);
          expect(byArea.size).toBeGreaterThanOrEqual(3);
        },
      ),
    );
  });
});
