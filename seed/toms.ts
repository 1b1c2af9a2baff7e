import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { MeasureRow } from '@shared/schemas/toms';
import type { FrameworkImport } from '../server/src/features/toms/toms.repo';

/** The framework the handed-over measures belong to (seed/data/national-toms/LICENCE.md). */
export const STARTER_FRAMEWORK = {
  id: 'national-toms-starter',
  name: 'National TOMs (starter set)',
  source:
    'A subset of the National TOMs (Social Value Portal) with proxy values, as a council published them: seed/data/national-toms/toms-measures.csv',
  licence: 'National TOMs © Social Value Portal, CC BY-NC-ND 4.0',
};

export class MeasuresFileError extends Error {}

/**
 * Reads a measures CSV (`code,theme,measure,unit,proxy_value_gbp`), checking every row;
 * nothing is imported unless the whole file passes.
 */
export async function readMeasures(
  file: string,
  framework: Omit<FrameworkImport, 'measures'> = STARTER_FRAMEWORK,
): Promise<FrameworkImport> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new MeasuresFileError(`TOMs measures file not found: ${file} (set TOMS_FILE)`);
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new MeasuresFileError(`TOMs measures file is not valid CSV: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  const measures = records.flatMap((record, i) => {
    const row = MeasureRow.safeParse(record);
    if (!row.success) {
      problems.push(
        `row ${i + 2}: ${row.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join(', ')}`,
      );
      return [];
    }
    return [row.data];
  });
  const codes = measures.map((m) => m.code);
  const duplicated = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (duplicated.length > 0)
    problems.push(`duplicate codes: ${[...new Set(duplicated)].join(', ')}`);
  if (measures.length === 0 && problems.length === 0) problems.push('no measures');
  if (problems.length > 0)
    throw new MeasuresFileError(
      `TOMs measures file ${file} has bad rows:\n  ${problems.join('\n  ')}`,
    );
  return { ...framework, measures };
}
