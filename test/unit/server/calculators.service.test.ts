/** The TOMs calculator with a stand-in measures repository: proxies, mismatches, unknown codes. */
import { describe, expect, it } from '@jest/globals';
import type { Repos } from '../../../server/src/composition';
import { createCalculatorsService } from '../../../server/src/features/calculators/calculators.service';

const measures = [
  {
    framework_id: 'national-toms-starter',
    code: 'NT1c',
    unit: 'FTE',
    proxy_value_gbp: '30782.000000',
  },
  { framework_id: 'national-toms-starter', code: 'NT28', unit: '£', proxy_value_gbp: '1.000000' },
  { framework_id: 'local', code: 'NT1c', unit: 'FTE', proxy_value_gbp: '20000.000000' },
];
const calculators = createCalculatorsService({
  repos: { toms: { measures: async () => measures } } as unknown as Pick<Repos, 'toms'>,
});

describe('the TOMs calculator', () => {
  it('values each line at its proxy and totals computed and stated values in pence', async () => {
    const answer = await calculators.toms([
      { code: 'nt1c', quantity: 2, statedValue: 61564 },
      { code: 'NT28', quantity: '1500.50' },
    ]);
    expect(answer.lines.map((l) => [l.code, l.computedPence, l.statedPence, l.mismatch])).toEqual([
      ['NT1c', 6_156_400, 6_156_400, false],
      ['NT28', 150_050, null, false],
    ]);
    expect(answer.totalComputedPence).toBe(6_306_450);
    expect(answer.totalStatedPence).toBe(6_156_400);
  });

  it('flags a stated value more than 0.5% from the proxy value', async () => {
    const [line] = (await calculators.toms([{ code: 'NT1c', quantity: 1, statedValue: 31_000 }]))
      .lines;
    expect(line!.mismatch).toBe(true);
  });

  it('reads a measure in the framework asked for', async () => {
    const [line] = (await calculators.toms([{ code: 'NT1c', framework: 'local', quantity: 1 }]))
      .lines;
    expect(line!.computedPence).toBe(2_000_000);
  });

  it('answers an unknown code as an error on its own line, counting nothing for it', async () => {
    const answer = await calculators.toms([
      { code: 'NT99', quantity: 3, statedValue: 10 },
      { code: 'NT28', quantity: 5 },
    ]);
    expect(answer.lines[0]).toMatchObject({
      computedPence: null,
      statedPence: 1000,
      error: 'Unknown TOMs measure NT99 in national-toms-starter',
    });
    expect(answer.totalComputedPence).toBe(500);
  });

  it('works out One in a Million without a repository', () => {
    const answer = calculators.oneInAMillion({
      annualContractValue: 150_000_000,
      ratePerMillion: 500_000,
      years: 3,
    });
    expect([answer.annualContributionPence, answer.totalPence]).toEqual([750_000, 2_250_000]);
  });
});
