import { z } from 'zod';

/** An exact, non-negative £ amount written as a decimal string (up to 6 places). */
export const DecimalGbp = z
  .string()
  .trim()
  .regex(/^\d{1,8}(\.\d{1,6})?$/, 'must be a non-negative amount in £, such as 30782 or 0.012');

/** One row of a measures CSV: `code,theme,measure,unit,proxy_value_gbp`. */
export const MeasureRow = z.object({
  code: z
    .string()
    .trim()
    // Some measures carry two codes, as the National TOMs list them: "CBC5 RBC1".
    .regex(
      /^[A-Za-z0-9.]+( [A-Za-z0-9.]+)*$/,
      'must be a measure code such as NT1, NT1c or CBC5 RBC1',
    ),
  theme: z.string().trim().min(1),
  measure: z.string().trim().min(1),
  unit: z.string().trim().min(1),
  proxy_value_gbp: DecimalGbp,
});
export type MeasureRow = z.infer<typeof MeasureRow>;

export const MeasuresQuery = z.object({ framework: z.string().max(64).optional() });

export interface FrameworkView {
  id: string;
  name: string;
  source: string;
  licence: string;
  measureCount: number;
}

export interface MeasureView {
  framework: string;
  code: string;
  theme: string;
  measure: string;
  unit: string;
  /** £ per unit, exact, as a decimal string. */
  proxyValueGbp: string;
}
