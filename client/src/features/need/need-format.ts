import type { LadNeed } from '@shared/schemas/need';

/** What a missing figure reads as, everywhere: never 0. */
export const NO_DATA = 'no data';

/**
 * ColorBrewer's RdPu in five classes, darkest for the most deprived fifth: sequential, and
 * safe for the common kinds of colour blindness. Index 0 is quintile 1.
 */
export const QUINTILE_COLOURS = ['#7a0177', '#c51b8a', '#f768a1', '#fbb4b9', '#feebe2'] as const;

/** The grey under the hatching of a district without a quintile. */
export const NO_DATA_FILL = '#bdbdbd';

/** What each quintile means, for the legend and the table. */
export const QUINTILE_LABELS = [
  '1 – most deprived fifth',
  '2',
  '3',
  '4',
  '5 – least deprived fifth',
] as const;

const count = new Intl.NumberFormat('en-GB');
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const share = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** A head count: "93,836", or "no data". */
export function formatPopulation(value: number | null): string {
  return value === null ? NO_DATA : count.format(value);
}

/** A figure already in per cent (ONS's 0–100): "31.2%", or "no data". */
export function formatPct(value: number | null): string {
  return value === null ? NO_DATA : `${oneDecimal.format(value)}%`;
}

/** A 0–1 share: "51.3%", or "no data". */
export function formatShareOrNoData(value: number | null): string {
  return value === null ? NO_DATA : share.format(value);
}

/** A plain figure with one decimal: "34.9", or "no data". */
export function formatScore(value: number | null): string {
  return value === null ? NO_DATA : oneDecimal.format(value);
}

/** A quintile in words: "1 – most deprived fifth", or "no data". */
export function formatQuintile(value: number | null): string {
  return value === null ? NO_DATA : (QUINTILE_LABELS[value - 1] ?? NO_DATA);
}

/** The colour a district is filled with; undefined when it has no quintile (hatched). */
export function quintileColour(lad: Pick<LadNeed, 'deprivationQuintile'>): string | undefined {
  const q = lad.deprivationQuintile;
  return q === null ? undefined : QUINTILE_COLOURS[q - 1];
}
