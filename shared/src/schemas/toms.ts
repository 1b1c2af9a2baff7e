import { z } from 'zod';

// Responses: FrameworkView[] (GET /api/toms/frameworks), MeasureView[] (GET /api/toms/measures).

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

export const MeasuresQuery = z.object({
  framework: z.string().max(64).optional(),
  /** Words to look for in the measures' codes, text and themes (`searchMeasures`), best first. */
  q: z.string().trim().max(100, 'Search must be 100 characters or fewer').optional(),
});

/** A measurement framework, with where its proxy values come from and under what licence. */
export const FrameworkView = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  licence: z.string(),
  measureCount: z.number().int().min(0),
});
export type FrameworkView = z.infer<typeof FrameworkView>;

export const MeasureView = z.object({
  framework: z.string(),
  code: z.string(),
  theme: z.string(),
  measure: z.string(),
  unit: z.string(),
  /** £ per unit, exact, as a decimal string. */
  proxyValueGbp: z.string(),
});
export type MeasureView = z.infer<typeof MeasureView>;
