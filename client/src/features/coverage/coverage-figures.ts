import type { TerritoryCoverage } from '@shared/schemas/coverage';
import { formatGbp } from '@shared/money';
import { formatCount, pluralise } from '../activities/activity-format';

/** The figures the map can be coloured by, in the chooser's order. */
export const CoverageFigures = [
  'committed',
  'delivered',
  'share',
  'gap',
  'spread',
  'listed',
] as const;
export type CoverageFigure = (typeof CoverageFigures)[number];

export const DEFAULT_FIGURE: CoverageFigure = 'committed';

export const FIGURE_LABELS: Record<CoverageFigure, string> = {
  committed: 'Committed £ a year',
  delivered: 'Confirmed delivered £ to date',
  share: 'Share of activities supported',
  gap: 'Funding gap',
  spread: 'Geographic spread (cells with activities that are supported)',
  listed: 'Activities listed',
};

/** A figure named in the URL (`?figure=share`), or the default when missing or unknown. */
export function parseFigure(text: string | null): CoverageFigure {
  return CoverageFigures.find((figure) => figure === text) ?? DEFAULT_FIGURE;
}

/** The number a figure reads from a territory's row: pence, a 0–1 share, or a count. */
export function figureValue(row: TerritoryCoverage, figure: CoverageFigure): number {
  switch (figure) {
    case 'committed':
      return row.committedPence;
    case 'delivered':
      return row.deliveredPence;
    case 'share':
      return row.shareSupported;
    case 'gap':
      return row.fundingGapPence;
    case 'spread':
      return row.spreadShare;
    case 'listed':
      return row.activitiesListed;
  }
}

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** A 0–1 share for people: "12.5%". */
export function formatShare(share: number): string {
  return percent.format(share);
}

/** A figure's value for people: £ for money, a percentage for the share, a count otherwise. */
export function formatFigure(value: number, figure: CoverageFigure): string {
  switch (figure) {
    case 'committed':
    case 'delivered':
    case 'gap':
      return formatGbp(value);
    case 'share':
    case 'spread':
      return formatShare(value);
    case 'listed':
      return formatCount(value);
  }
}

/** What a missing figure reads as, everywhere: never 0. */
export const NO_DATA = 'no data';

const pounds = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const fewPence = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 2 });
const count = new Intl.NumberFormat('en-GB');
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * Committed pence a year per resident: "£1.25" from a pound up, "38p" or "0.31p" below one
 * (most territories' figures are a few pence), "no data" without a population.
 */
export function formatPerHead(pence: number | null): string {
  if (pence === null) return NO_DATA;
  return pence >= 100 ? pounds.format(pence / 100) : `${fewPence.format(pence)}p`;
}

const hours = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** Volunteer hours for people: "1,234 hours", "12.5 hours", "1 hour". */
export function formatHours(value: number): string {
  return `${hours.format(value)} ${value === 1 ? 'hour' : 'hours'}`;
}

/** A 0–1 share that may be unknown: "12.5%", or "no data". */
export function formatShareOrNoData(share: number | null): string {
  return share === null ? NO_DATA : formatShare(share);
}

/** A figure already in per cent (ONS's 0–100): "31.2%", or "no data". */
export function formatPct(value: number | null): string {
  return value === null ? NO_DATA : `${oneDecimal.format(value)}%`;
}

/** A figure with one decimal ("34.9"), or "no data". */
export function formatScore(value: number | null): string {
  return value === null ? NO_DATA : oneDecimal.format(value);
}

/** A head count ("93,836"), or "no data". */
export function formatPopulation(value: number | null): string {
  return value === null ? NO_DATA : count.format(value);
}

/**
 * The UK's committed £ per head and share in the most deprived quintile, from the
 * territories': each over the territories that have it (a territory without a population
 * adds neither its money nor its people); null where none has.
 */
export function ukNeedFigures(
  rows: readonly TerritoryCoverage[],
): Pick<TerritoryCoverage, 'committedPencePerHead' | 'mostDeprivedQuintileCommittedShare'> {
  let pence = 0;
  let people = 0;
  let inQuintile = 0;
  let committedWithShare = 0;
  for (const row of rows) {
    const population = row.need?.population ?? null;
    if (population) {
      pence += row.committedPence;
      people += population;
    }
    if (row.mostDeprivedQuintileCommittedShare !== null) {
      inQuintile += row.mostDeprivedQuintileCommittedShare * row.committedPence;
      committedWithShare += row.committedPence;
    }
  }
  return {
    committedPencePerHead: people === 0 ? null : pence / people,
    mostDeprivedQuintileCommittedShare:
      committedWithShare === 0 ? null : inQuintile / committedWithShare,
  };
}

/**
 * A territory in a few words, for its shape's accessible name on every map:
 * "Thames Valley: 48 activities, £9,000 committed a year".
 */
export function describeTerritory(name: string, row: TerritoryCoverage | undefined): string {
  if (!row) return name;
  const listed = pluralise(row.activitiesListed, 'activity', 'activities');
  return `${name}: ${listed}, ${formatGbp(row.committedPence)} committed a year`;
}

/**
 * ColorBrewer's YlGnBu in five classes: sequential, light to dark, and safe for the common
 * kinds of colour blindness.
 */
export const COVERAGE_PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

/** For a shape whose territory has no figures (the coverage table lacks a row). */
export const NO_DATA_COLOUR = '#d0d7de';

/** One class of the legend: its colour and the values the territories in it actually have. */
export interface FigureClass {
  colour: string;
  /** The least and greatest value in the class; null when no territory falls in it. */
  min: number | null;
  max: number | null;
  count: number;
}

export interface Classification {
  classes: FigureClass[];
  /** The class (0–4) a value falls in. */
  classOf: (value: number) => number;
}

/**
 * Puts values in five classes: the first holds zero ("none"), the other four split the
 * distinct non-zero values into quartiles. Figures here are skewed (a few territories hold
 * most of the money, and most none at first), which equal steps would paint in one colour.
 */
export function classify(values: readonly number[]): Classification {
  const positive = [...new Set(values.filter((value) => value > 0))].sort((a, b) => a - b);
  const steps = COVERAGE_PALETTE.length - 1;
  // The upper bound of classes 1–4; fewer when there are fewer distinct values.
  const uppers =
    positive.length <= steps
      ? positive
      : Array.from(
          { length: steps },
          (_, k) => positive[Math.ceil(((k + 1) * positive.length) / steps) - 1] ?? 0,
        );

  function classOf(value: number): number {
    if (value <= 0) return 0;
    const index = uppers.findIndex((upper) => value <= upper);
    return index === -1 ? steps : index + 1;
  }

  const classes: FigureClass[] = COVERAGE_PALETTE.map((colour) => ({
    colour,
    min: null,
    max: null,
    count: 0,
  }));
  for (const value of values) {
    const found = classes[classOf(value)];
    if (!found) continue;
    found.count += 1;
    found.min = found.min === null ? value : Math.min(found.min, value);
    found.max = found.max === null ? value : Math.max(found.max, value);
  }
  return { classes, classOf };
}

/** A class's colour for a value. */
export function colourOf(classification: Classification, value: number): string {
  return classification.classes[classification.classOf(value)]?.colour ?? NO_DATA_COLOUR;
}
