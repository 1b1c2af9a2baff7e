import { z } from 'zod';

// POST /api/spos/:id/pledge-import/preview: PledgeImportRequest → PledgePreview. Nothing is
// stored: the supplier then adds the lines it wants through POST /api/spos/:id/lines.

/** The largest pledge table read at once, in bytes of UTF-8. */
export const PLEDGE_TABLE_MAX_BYTES = 200_000;
/** The most pledge rows read at once (a council's pledge table has tens). */
export const PLEDGE_TABLE_MAX_ROWS = 500;

/**
 * How far a stated value may stray from quantity × proxy before it is a mismatch: more than
 * £1 *and* more than 0.5 % of the computed value. The 0.5 % is the TOMs calculator's rule;
 * the £1 leaves room for tables that round each value to the pound, which on a small line
 * (3 hours at £16.09 stated as £48) is already more than 0.5 %.
 */
export const PLEDGE_TOLERANCE = { pence: 100, perMille: 5 } as const;

export const PledgeImportRequest = z.strictObject({
  /** The table as CSV text, pasted or read from a file. */
  csv: z
    .string()
    .max(PLEDGE_TABLE_MAX_BYTES, 'must be at most 200 kB: split the table')
    .refine((text) => text.trim() !== '', 'is empty: paste a table or choose a file'),
});
export type PledgeImportRequest = z.infer<typeof PledgeImportRequest>;

export const PledgeProblemCodes = [
  'missing_code',
  'unknown_code',
  'framework_not_found',
  'missing_quantity',
  'invalid_quantity',
  'invalid_stated_value',
] as const;
export const PledgeProblemCode = z.enum(PledgeProblemCodes);
export type PledgeProblemCode = z.infer<typeof PledgeProblemCode>;

/** Why a row cannot become a line, said for people. */
export const PledgeProblem = z.object({
  code: PledgeProblemCode,
  column: z.enum(['code', 'framework', 'quantity', 'stated']),
  message: z.string(),
});
export type PledgeProblem = z.infer<typeof PledgeProblem>;

/** One row of the table, valued: what it says, what the TOMs make of it, and what is wrong. */
export const PledgeRowView = z.object({
  /** The row's number as a spreadsheet shows it (the header, if any, counts). */
  row: z.number().int().min(1),
  /** The code as our framework writes it ("nt01" is NT1), or as the table wrote it if unknown. */
  code: z.string(),
  /** The framework's id, once the code is found. */
  framework: z.string().nullable(),
  measure: z.string().nullable(),
  unit: z.string().nullable(),
  /** A year's quantity as an SPO line takes it ("1200", "12.5"); null when missing or invalid. */
  quantity: z.string().nullable(),
  /** £ per unit, exact, as a decimal string. */
  proxyValueGbp: z.string().nullable(),
  /** quantity × proxy, to the nearest penny. */
  computedPence: z.number().int().min(0).nullable(),
  /** The value the table states; null when it states none. */
  statedPence: z.number().int().min(0).nullable(),
  /** stated − computed, when both are known. */
  differencePence: z.number().int().nullable(),
  /** The stated value is further from the computed one than PLEDGE_TOLERANCE allows. */
  mismatch: z.boolean(),
  /** Empty for a row that can become a line. */
  problems: z.array(PledgeProblem),
});
export type PledgeRowView = z.infer<typeof PledgeRowView>;

/** A row the reader passed over, and why (a totals row, title rows above the header). */
export const PledgeSkippedRow = z.object({
  row: z.number().int().min(1),
  reason: z.string(),
});
export type PledgeSkippedRow = z.infer<typeof PledgeSkippedRow>;

export const PledgePreview = z.object({
  /** Whether the table had a header row; without one its columns are code, quantity, value. */
  header: z.boolean(),
  rows: z.array(PledgeRowView),
  skipped: z.array(PledgeSkippedRow),
  totals: z.object({
    /** Rows without problems: those that can become lines. */
    validRows: z.number().int().min(0),
    problemRows: z.number().int().min(0),
    mismatchRows: z.number().int().min(0),
    /** Of the valid rows. */
    computedPence: z.number().int().min(0),
    /** Of the valid rows that state a value. */
    statedPence: z.number().int().min(0),
    /** Of the valid rows that state a value: what they state less what they compute to. */
    differencePence: z.number().int(),
  }),
});
export type PledgePreview = z.infer<typeof PledgePreview>;
