/** One row of a pledge table as typed: a TOMs code, a quantity, and the value the bidder stated. */
export interface PledgeRow {
  code: string;
  quantity: string;
  /** Pounds as written (`"£1,250.50"`), or empty when the table gave none. */
  stated: string;
  /** A framework id, when the table names one; the starter framework otherwise. */
  framework?: string | undefined;
}

export class PledgeCsvError extends Error {}

/** The most lines one calculation takes (the API's limit). */
export const MAX_PLEDGE_ROWS = 500;

type Column = 'code' | 'quantity' | 'stated' | 'framework';

// Header names as people write them, squeezed to letters: "Stated value (£)" is "statedvalue".
const HEADER_NAMES: Record<string, Column> = {
  code: 'code',
  measure: 'code',
  measurecode: 'code',
  tomscode: 'code',
  quantity: 'quantity',
  qty: 'quantity',
  units: 'quantity',
  statedvalue: 'stated',
  stated: 'stated',
  value: 'stated',
  statedvaluegbp: 'stated',
  framework: 'framework',
};

function squeeze(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

/** Which column holds what: by the header's names, or code, quantity, stated value in order. */
function columnsOf(first: string[]): { columns: Partial<Record<Column, number>>; header: boolean } {
  const named: Partial<Record<Column, number>> = {};
  first.forEach((cell, index) => {
    const column = HEADER_NAMES[squeeze(cell)];
    if (column && named[column] === undefined) named[column] = index;
  });
  if (named.code !== undefined) return { columns: named, header: true };
  return { columns: { code: 0, quantity: 1, stated: 2 }, header: false };
}

/**
 * Turns parsed CSV records into pledge rows. A first row naming its columns (`code`,
 * `quantity`, `stated value`, and optionally `framework`) is a header; without one the
 * columns are taken in that order. Blank rows are skipped.
 */
export function pledgeRowsFromRecords(records: string[][]): PledgeRow[] {
  const nonBlank = records.filter((record) => record.some((cell) => cell.trim() !== ''));
  const [first] = nonBlank;
  if (!first) throw new PledgeCsvError('The table is empty.');
  const { columns, header } = columnsOf(first);
  if (header && columns.quantity === undefined) {
    throw new PledgeCsvError('The header names no quantity column.');
  }
  const body = header ? nonBlank.slice(1) : nonBlank;
  if (body.length === 0) throw new PledgeCsvError('The table has a header but no lines.');
  if (body.length > MAX_PLEDGE_ROWS) {
    throw new PledgeCsvError(
      `The table has ${body.length} lines; at most ${MAX_PLEDGE_ROWS} can be calculated at once.`,
    );
  }
  const cell = (record: string[], column: Column) => {
    const index = columns[column];
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  return body.map((record) => ({
    code: cell(record, 'code'),
    quantity: cell(record, 'quantity'),
    stated: cell(record, 'stated'),
    framework: cell(record, 'framework') || undefined,
  }));
}

/**
 * Reads a pledge table pasted or uploaded as CSV (quoted fields with commas or line breaks
 * inside, a byte-order mark). The parser is loaded only when someone imports a table.
 */
export async function parsePledgeCsv(text: string): Promise<PledgeRow[]> {
  const { parse } = await import('csv-parse/browser/esm/sync');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new PledgeCsvError(
      `This is not a CSV table the calculator can read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return pledgeRowsFromRecords(records);
}
