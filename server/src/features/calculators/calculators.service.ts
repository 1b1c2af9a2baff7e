import type {
  OneInAMillionAnswer,
  TomsCalculationAnswer,
  TomsCalculationLine,
} from '@shared/schemas/tenders';
import {
  annualContributionPence,
  paymentSchedule,
  proxyValuePence,
  valueMismatch,
} from '@shared/social-value';
import type { Repos } from '../../composition';

const STARTER = 'national-toms-starter';

/** The public calculators: One in a Million and TOMs proxy values. */
export function createCalculatorsService({ repos }: { repos: Pick<Repos, 'toms'> }) {
  const { toms } = repos;
  return {
    oneInAMillion(q: {
      annualContractValue: number;
      ratePerMillion: number;
      years: number;
      startDate?: string | undefined;
    }): OneInAMillionAnswer {
      const annual = annualContributionPence(q.annualContractValue, q.ratePerMillion);
      return {
        annualContractValuePence: q.annualContractValue,
        ratePerMillionPence: q.ratePerMillion,
        years: q.years,
        annualContributionPence: annual,
        totalPence: annual * q.years,
        schedule: paymentSchedule(annual, q.years, q.startDate),
      };
    },

    /** Values each pledged line at its proxy; an unknown code is an error on its line only. */
    async toms(
      lines: {
        code: string;
        framework?: string | undefined;
        quantity: number | string;
        statedValue?: number | undefined;
      }[],
    ): Promise<TomsCalculationAnswer> {
      const measures = await toms.measures();
      const byKey = new Map(measures.map((m) => [`${m.framework_id} ${m.code.toLowerCase()}`, m]));
      const answered = lines.map((line): TomsCalculationLine => {
        const quantity = String(line.quantity);
        const measure = byKey.get(`${line.framework ?? STARTER} ${line.code.toLowerCase()}`);
        const statedPence =
          line.statedValue === undefined ? null : Math.round(line.statedValue * 100);
        if (!measure) {
          return {
            code: line.code,
            quantity,
            proxyValueGbp: null,
            unit: null,
            computedPence: null,
            statedPence,
            mismatch: false,
            error: `Unknown TOMs measure ${line.code} in ${line.framework ?? STARTER}`,
          };
        }
        const computedPence = proxyValuePence(quantity, measure.proxy_value_gbp);
        return {
          code: measure.code,
          quantity,
          proxyValueGbp: measure.proxy_value_gbp,
          unit: measure.unit,
          computedPence,
          statedPence,
          mismatch: statedPence !== null && valueMismatch(statedPence, computedPence),
          error: null,
        };
      });
      return {
        lines: answered,
        totalComputedPence: answered.reduce((sum, l) => sum + (l.computedPence ?? 0), 0),
        totalStatedPence: answered.reduce((sum, l) => sum + (l.statedPence ?? 0), 0),
      };
    },
  };
}

export type CalculatorsService = ReturnType<typeof createCalculatorsService>;
