import { FULFILMENT_CSV_COLUMNS, type FulfilmentLine } from '@shared/schemas/fulfilment';
import { stringify } from 'csv-stringify/sync';

/**
 * A report's lines as CSV: a header row, then one row per awarded line, figures only (no
 * person is named, no comment is quoted). Each figure is in the line's own unit, named in
 * the `unit` column; a ratio not yet due is left empty.
 */
export function fulfilmentCsv(lines: FulfilmentLine[]): string {
  const rows = lines.map((l) => [
    l.tender.title,
    l.supplier.name,
    l.activity.title,
    l.activity.providerName,
    l.activity.territory,
    l.kind,
    l.unitLabel,
    l.figures.committed,
    l.figures.dueToDate,
    l.figures.deliveredToDate,
    l.figures.ratioToDate ?? '',
    l.figures.dueThisYear,
    l.figures.deliveredThisYear,
    l.counts.overdue,
    l.counts.disputed,
    l.counts.unverified,
  ]);
  // Titles and names are typed by people: one starting with = + - @ would run as a formula
  // when a buyer opens the file in a spreadsheet, so such cells are prefixed with '.
  return stringify(rows, {
    header: true,
    columns: [...FULFILMENT_CSV_COLUMNS],
    eof: true,
    escape_formulas: true,
  });
}

/** A file name safe in a Content-Disposition header: letters, digits and dashes only. */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'report'}.csv`;
}
