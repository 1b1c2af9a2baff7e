import { poundsToPence } from './money';
import {
  PLEDGE_TABLE_MAX_BYTES,
  PLEDGE_TABLE_MAX_ROWS,
  PLEDGE_TOLERANCE,
  type PledgePreview,
  type PledgeProblem,
  type PledgeRowView,
  type PledgeSkippedRow,
} from './schemas/pledge-import';
import { proxyValuePence, valueMismatch } from './social-value';

/**
 * Pledge tables as councils publish them (a TOMs code, a quantity, the value stated in £),
 * read and valued at the TOMs proxies: the server answers a supplier's preview with this
 * before any line is added. The CSV itself is parsed by csv-parse, handed in by the caller:
 * its Node build on the server, its browser build in a browser (neither loads in the other).
 */

/** csv-parse's `parse` with the options given here (`csv-parse/sync` or its browser build). */
export type CsvParse = (
  input: string,
  options: { bom: boolean; relax_column_count: boolean; trim: boolean },
) => string[][];

/** The measures' framework the SPO line form offers first, and that a bare code means. */
const STARTER_FRAMEWORK = 'national-toms-starter';

/** A table that cannot be read at all (rather than a row that is wrong). */
export class PledgeTableError extends Error {
  override readonly name = 'PledgeTableError';
}

/** A row as read, before the measures are looked up. */
export interface PledgeTableRow {
  row: number;
  /** As written, trimmed. */
  code: string;
  framework: string | undefined;
  quantity: string | null;
  statedPence: number | null;
  problems: PledgeProblem[];
}

export interface PledgeTable {
  header: boolean;
  rows: PledgeTableRow[];
  skipped: PledgeSkippedRow[];
}

/** What the comparison needs of a measure (`MeasureView` has it). */
export interface PledgeMeasure {
  framework: string;
  code: string;
  measure: string;
  unit: string;
  proxyValueGbp: string;
}

type Column = 'code' | 'framework' | 'quantity' | 'stated';

/**
 * Header names as people write them, squeezed (`squeezeHeader`): "TOMs ref" is "tomsref",
 * "Stated value (£)" is "statedvalue", a bare "£" stays "£". A name listed earlier in a
 * column's list wins over a later one ("Quantity" over "Units" when a table has both).
 */
const HEADER_NAMES: Record<Column, string[]> = {
  code: [
    'code',
    'tomscode',
    'tomsref',
    'tomsreference',
    'ref',
    'reference',
    'refno',
    'tomsrefno',
    'measurecode',
    'measureref',
    'ntcode',
  ],
  framework: ['framework', 'tomsframework'],
  quantity: [
    'quantity',
    'qty',
    'annualquantity',
    'quantityayear',
    'pledgedquantity',
    'quantitypledged',
    'units',
    'noofunits',
    'numberofunits',
  ],
  stated: [
    'statedvalue',
    'value',
    '£',
    'totalvalue',
    'socialvalue',
    'pledgedvalue',
    'valuepledged',
    'statedsocialvalue',
  ],
};

/** Lower case letters only (and £); "GBP" and "(£)" add nothing to a name but a bare "£". */
function squeezeHeader(cell: string): string {
  const squeezed = cell
    .toLowerCase()
    .replace(/gbp/g, '£')
    .replace(/[^a-z£]/g, '');
  return squeezed === '£' ? squeezed : squeezed.replace(/£/g, '');
}

/** Which column holds what, when this record is a header; undefined when it is not one. */
function headerColumns(record: string[]): Partial<Record<Column, number>> | undefined {
  const names = record.map(squeezeHeader);
  const columns: Partial<Record<Column, number>> = {};
  for (const column of Object.keys(HEADER_NAMES) as Column[]) {
    for (const name of HEADER_NAMES[column]) {
      const index = names.indexOf(name);
      if (index !== -1) {
        columns[column] = index;
        break;
      }
    }
  }
  return columns.code !== undefined && columns.quantity !== undefined ? columns : undefined;
}

/** Rows above the header this far down may be a title; a header lower than that is not looked for. */
const HEADER_SEARCH_ROWS = 10;

const blank = (record: string[]) => record.every((cell) => cell.trim() === '');

/**
 * A code as a key for finding its measure: case, spaces, dashes and leading zeros aside, so
 * that "nt01", "NT-1" and "NT 1" all find NT1 and "nt1C" finds NT1c.
 */
export function codeKey(code: string): string {
  return code
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
    .replace(/(^|\D)0+(?=\d)/g, '$1');
}

/**
 * A quantity as written ("1,200", "12.5", "£250,000" for a measure counted in £) as an SPO
 * line takes it: more than 0, up to 9 digits and 4 decimals.
 */
export function readQuantity(text: string): { quantity: string } | { problem: PledgeProblem } {
  const cleaned = text.replace(/[,\s]/g, '').replace(/^£/, '');
  const problem = (code: 'missing_quantity' | 'invalid_quantity', message: string) => ({
    problem: { code, column: 'quantity' as const, message },
  });
  if (cleaned === '') return problem('missing_quantity', 'No quantity is given.');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) {
    return problem('invalid_quantity', `“${text.trim()}” is not a quantity such as 12 or 12.5.`);
  }
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (whole.length > 9) {
    return problem('invalid_quantity', 'The quantity is too large: at most 999,999,999.');
  }
  if (fraction.length > 4) {
    return problem('invalid_quantity', 'The quantity has more than 4 decimal places.');
  }
  if (!/[1-9]/.test(whole + fraction)) {
    return problem('invalid_quantity', 'The quantity must be more than 0.');
  }
  return { quantity: fraction ? `${whole}.${fraction}` : whole };
}

/** The largest stated value read: £100 billion, as `Pence` allows. */
const MAX_STATED_PENCE = 100_000_000_000_00;

/** A stated value in £ ("£12,500.00", "12500", blank) as pence; null when blank. */
export function readStatedValue(
  text: string,
): { statedPence: number | null } | { problem: PledgeProblem } {
  if (text.trim() === '') return { statedPence: null };
  const pence = poundsToPence(text.replace(/^\s*gbp/i, ''));
  if (pence === null || pence > MAX_STATED_PENCE) {
    return {
      problem: {
        code: 'invalid_stated_value',
        column: 'stated',
        message: `“${text.trim()}” is not an amount in £ such as 12500 or £12,500.00.`,
      },
    };
  }
  return { statedPence: pence };
}

/** Size in bytes of UTF-8, as a file of this text would be (no TextEncoder in shared code's lib). */
function byteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const point = char.codePointAt(0)!;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1000)} kB`;

/**
 * Reads a pledge table from CSV text (quoted fields, a byte-order mark, `;`-free commas as
 * written by spreadsheets). The header is the first row, among the first few, that names a
 * code column and a quantity column (`HEADER_NAMES`); rows above it are titles. With no such
 * row the columns are code, quantity and stated value in that order. Blank rows and a totals
 * row are passed over. Throws `PledgeTableError` for a table it cannot read or that is beyond
 * the limits; a wrong row is kept, with its problems.
 */
export function readPledgeTable(text: string, parseCsv: CsvParse): PledgeTable {
  const bytes = byteLength(text);
  if (bytes > PLEDGE_TABLE_MAX_BYTES) {
    throw new PledgeTableError(
      `The table is ${kilobytes(bytes)}; at most ${kilobytes(PLEDGE_TABLE_MAX_BYTES)} can be imported at once. Split it into smaller tables.`,
    );
  }
  let records: string[][];
  try {
    // Empty lines are kept, so that a record's index is its row number in a spreadsheet.
    records = parseCsv(text, { bom: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new PledgeTableError(
      `This is not a CSV table that can be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const numbered = records.map((record, index) => ({ record, row: index + 1 }));
  const filled = numbered.filter(({ record }) => !blank(record));
  if (filled.length === 0) throw new PledgeTableError('The table is empty.');

  const skipped: PledgeSkippedRow[] = [];
  let columns: Partial<Record<Column, number>> = { code: 0, quantity: 1, stated: 2 };
  let body = filled;
  const headerAt = filled
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex(({ record }) => headerColumns(record) !== undefined);
  if (headerAt !== -1) {
    columns = headerColumns(filled[headerAt]!.record)!;
    for (const { row } of filled.slice(0, headerAt)) {
      skipped.push({ row, reason: 'Above the header row: taken as a title.' });
    }
    body = filled.slice(headerAt + 1);
  }
  if (body.length === 0) throw new PledgeTableError('The table has a header but no rows.');

  const cell = (record: string[], column: Column) => {
    const index = columns[column];
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  const rows: PledgeTableRow[] = [];
  for (const { record, row } of body) {
    const code = cell(record, 'code');
    const quantityText = cell(record, 'quantity');
    // "Total" or "Grand total" under the lines: the table's own sum, not a pledge.
    if (/^(grand\s*)?totals?\b/i.test(code) || (code === '' && quantityText === '')) {
      skipped.push({
        row,
        reason: code ? 'A totals row, not a pledge.' : 'No code and no quantity.',
      });
      continue;
    }
    const problems: PledgeProblem[] = [];
    if (code === '') {
      problems.push({ code: 'missing_code', column: 'code', message: 'No TOMs code is given.' });
    }
    const quantity = readQuantity(quantityText);
    if ('problem' in quantity) problems.push(quantity.problem);
    const stated = readStatedValue(cell(record, 'stated'));
    if ('problem' in stated) problems.push(stated.problem);
    rows.push({
      row,
      code,
      framework: cell(record, 'framework') || undefined,
      quantity: 'quantity' in quantity ? quantity.quantity : null,
      statedPence: 'statedPence' in stated ? stated.statedPence : null,
      problems,
    });
  }
  if (rows.length > PLEDGE_TABLE_MAX_ROWS) {
    throw new PledgeTableError(
      `The table has ${rows.length} rows; at most ${PLEDGE_TABLE_MAX_ROWS} can be imported at once. Split it into smaller tables.`,
    );
  }
  return { header: headerAt !== -1, rows, skipped };
}

/**
 * Does a stated value stray from the computed one by more than `PLEDGE_TOLERANCE` (more
 * than £1 and more than 0.5 % of the computed value)? Exact, in integer pence.
 */
export function pledgeMismatch(statedPence: number, computedPence: number): boolean {
  return (
    Math.abs(statedPence - computedPence) > PLEDGE_TOLERANCE.pence &&
    valueMismatch(statedPence, computedPence)
  );
}

/**
 * The measure a row names: in the framework it names (by id or name), else in the starter
 * framework, else in any. `framework: undefined` in the answer means that framework is unknown.
 */
function findMeasure(
  byKey: Map<string, PledgeMeasure[]>,
  frameworks: { id: string; name: string }[],
  code: string,
  framework: string | undefined,
): { measure?: PledgeMeasure | undefined; frameworkFound: boolean } {
  const candidates = byKey.get(codeKey(code)) ?? [];
  if (framework === undefined) {
    return {
      measure: candidates.find((m) => m.framework === STARTER_FRAMEWORK) ?? candidates[0],
      frameworkFound: true,
    };
  }
  const wanted = framework.toLowerCase();
  const named = frameworks.find(
    (f) => f.id.toLowerCase() === wanted || f.name.toLowerCase() === wanted,
  );
  if (!named) return { frameworkFound: false };
  return { measure: candidates.find((m) => m.framework === named.id), frameworkFound: true };
}

/**
 * Values each row of a table at its measure's proxy: the computed value (quantity × proxy,
 * to the nearest penny), the difference from the stated value and whether that is a
 * mismatch; rows whose code or framework is not found get a problem. Totals count the rows
 * without problems only.
 */
export function comparePledges(
  table: PledgeTable,
  measures: PledgeMeasure[],
  frameworks: { id: string; name: string }[] = [],
): PledgePreview {
  const byKey = new Map<string, PledgeMeasure[]>();
  for (const m of measures) {
    const key = codeKey(m.code);
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const rows = table.rows.map((r): PledgeRowView => {
    const problems = [...r.problems];
    const found =
      r.code === ''
        ? { frameworkFound: true }
        : findMeasure(byKey, frameworks, r.code, r.framework);
    if (!found.frameworkFound) {
      problems.unshift({
        code: 'framework_not_found',
        column: 'framework',
        message: `No framework here is called “${r.framework}”.`,
      });
    } else if (r.code !== '' && !found.measure) {
      problems.unshift({
        code: 'unknown_code',
        column: 'code',
        message: `No TOMs measure has the code ${r.code}${r.framework ? ` in ${r.framework}` : ''}.`,
      });
    }
    const measure = found.measure;
    const computedPence =
      measure && r.quantity !== null ? proxyValuePence(r.quantity, measure.proxyValueGbp) : null;
    const differencePence =
      computedPence !== null && r.statedPence !== null ? r.statedPence - computedPence : null;
    return {
      row: r.row,
      code: measure?.code ?? r.code,
      framework: measure?.framework ?? null,
      measure: measure?.measure ?? null,
      unit: measure?.unit ?? null,
      quantity: r.quantity,
      proxyValueGbp: measure?.proxyValueGbp ?? null,
      computedPence,
      statedPence: r.statedPence,
      differencePence,
      mismatch:
        computedPence !== null &&
        r.statedPence !== null &&
        pledgeMismatch(r.statedPence, computedPence),
      problems,
    };
  });
  const valid = rows.filter((r) => r.problems.length === 0);
  const stating = valid.filter((r) => r.statedPence !== null);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    header: table.header,
    rows,
    skipped: table.skipped,
    totals: {
      validRows: valid.length,
      problemRows: rows.length - valid.length,
      mismatchRows: rows.filter((r) => r.mismatch).length,
      computedPence: sum(valid.map((r) => r.computedPence ?? 0)),
      statedPence: sum(stating.map((r) => r.statedPence ?? 0)),
      differencePence: sum(stating.map((r) => r.differencePence ?? 0)),
    },
  };
}

/** Reads and values a pledge table in one step (`readPledgeTable`, then `comparePledges`). */
export function previewPledgeTable(
  text: string,
  parseCsv: CsvParse,
  measures: PledgeMeasure[],
  frameworks: { id: string; name: string }[] = [],
): PledgePreview {
  return comparePledges(readPledgeTable(text, parseCsv), measures, frameworks);
}
