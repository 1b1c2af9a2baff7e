import type { TerritoryCoverage } from '@shared/schemas/coverage';

/** Integer pence as pounds with two decimals ("1234.50"), exactly: no float arithmetic. */
export function penceToPoundsText(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** One CSV field, quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A figure that may be unknown: as given, or an empty field ("no data", never 0). */
function orEmpty(value: number | null | undefined, text: (value: number) => string = String) {
  return value === null || value === undefined ? '' : text(value);
}

const percent = (share: number) => (share * 100).toFixed(2);

/**
 * The coverage table as CSV (RFC 4180: a header row, CRLF line ends, quoted fields): money
 * in pounds with two decimals, per head in pence, shares as percentages, need figures as the
 * open data gives them; a figure with no data is an empty field, never 0. The pipeline
 * column is there only for a buyer, who alone has one.
 */
export function coverageCsv(rows: readonly TerritoryCoverage[]): string {
  const withPipeline = rows.some((row) => row.pipelinePence !== null);
  const header = [
    'Code',
    'Territory',
    'Nation',
    'Activities listed',
    'Activities supported',
    'Share supported (%)',
    'Committed a year (GBP)',
    'Confirmed delivered to date, cash and in kind (GBP)',
    'Confirmed volunteer hours to date',
    'Funding gap (GBP)',
    'Geographic spread (%)',
    'Committed a year per head (pence)',
    'Committed in the most deprived quintile of districts (%)',
    'Population',
    'Deprivation score (composite UK IMD)',
    'Population in the most deprived quintile of districts (%)',
    'Child poverty after housing costs (%)',
    'Child poverty period',
    'Claimant count, residents aged 16-64 (%)',
    'Claimant count period',
    'Homicides per million, over three years',
    'Homicides period',
    ...(withPipeline ? ['Your pipeline: submitted, not awarded (GBP)'] : []),
  ];
  const lines = rows.map((row) => [
    row.code,
    row.name,
    row.nation,
    String(row.activitiesListed),
    String(row.activitiesSupported),
    (row.shareSupported * 100).toFixed(2),
    penceToPoundsText(row.committedPence),
    penceToPoundsText(row.deliveredPence),
    String(row.deliveredHours),
    penceToPoundsText(row.fundingGapPence),
    (row.spreadShare * 100).toFixed(2),
    orEmpty(row.committedPencePerHead),
    orEmpty(row.mostDeprivedQuintileCommittedShare, percent),
    orEmpty(row.need?.population),
    orEmpty(row.need?.deprivationScore),
    orEmpty(row.need?.mostDeprivedQuintileShare, percent),
    orEmpty(row.need?.childPovertyPct),
    row.need?.childPovertyPeriod ?? '',
    orEmpty(row.need?.claimantPct),
    row.need?.claimantPeriod ?? '',
    orEmpty(row.need?.homicidePerMillion),
    row.need?.homicidePeriod ?? '',
    ...(withPipeline ? [penceToPoundsText(row.pipelinePence ?? 0)] : []),
  ]);
  return [header, ...lines].map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Hands text to the browser as a file download. */
export function downloadText(
  filename: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after the click returns; give them a moment.
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
