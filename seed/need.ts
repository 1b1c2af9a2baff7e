/**
 * Local need from the open data in seed/data/need (see its SOURCE.md), by local authority
 * district, and the districts' ONS boundaries (seed/data/boundaries). Read and checked whole
 * before anything is written; a figure a source lacks stays null ("no data"), never 0.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection } from 'geojson';
import { parseAreaGeometry, type AreaGeometry } from '@shared/geo';
import { Imd2025Domains, type Imd2025Domain } from '@shared/schemas/need';
import { REFERENCE_DATA_DIR } from '../server/src/config';
import type { DatabaseHandle } from '../server/src/db/client';
import {
  createNeedImportRepo,
  type LadImport,
  type NeedImport,
} from '../server/src/features/need/need-import.repo';
import { simplifyCoverage } from './territories';

// From the repository's root: bundled into dist/server/setup.js, this file is not in seed/.
const DATA = REFERENCE_DATA_DIR;
export const NEED_DIR = path.join(DATA, 'need');
export const LAD_BOUNDARIES = path.join(DATA, 'boundaries/source_lad_may2023_uk_buc.geojson');
export const LAD_TO_TERRITORY = path.join(DATA, 'boundaries/lad23_to_territory.csv');
export const LAD_COUNT = 361;
/** Districts are smaller than territories: keep more of their vertices on the display map. */
const DISPLAY_KEEP = 0.5;

export class NeedDataError extends Error {}

type Row = Record<string, string>;

async function readCsv(file: string): Promise<Row[]> {
  const text = await fs.readFile(file, 'utf8');
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Row[];
}

/** A number from a CSV cell, or null where the cell is empty or not a number. */
function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '' || text.trim().toUpperCase() === 'NA') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * An ONS period such as `2024-04-01/P1Y` in words: "April 2024 to March 2025"; a calendar
 * year (`2025-01-01/P1Y`) is just "2025".
 */
export function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})-\d{2}\/P(\d+)Y$/.exec(period);
  if (!m) return period;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const years = Number(m[3]);
  if (month === 0) return years === 1 ? `${year}` : `${year} to ${year + years - 1}`;
  const endMonth = (month + 11) % 12;
  return `${MONTHS[month]} ${year} to ${MONTHS[endMonth]} ${year + years}`;
}

/** The latest observation per area of one indicator of an ONS tidy file. */
function latestByArea(
  rows: Row[],
  indicator: string,
): Map<string, { value: number; period: string }> {
  const latest = new Map<string, { value: number; period: string }>();
  for (const r of rows) {
    if (r.indicator !== indicator) continue;
    const value = numberOrNull(r.observation);
    const code = r.areacd;
    if (value === null || !code || !r.period) continue;
    const seen = latest.get(code);
    if (!seen || r.period > seen.period) latest.set(code, { value, period: r.period });
  }
  return latest;
}

/** The English IMD 2025 domains of one district row: score, rank and share in the worst 10%. */
function imd2025Of(row: Row): NeedImport['imd2025'] {
  const figures: Partial<Record<Imd2025Domain, unknown>> = {};
  for (const d of Imd2025Domains) {
    figures[d] = {
      averageScore: numberOrNull(row[`${d}_average_score`]),
      rankOfAverageScore: numberOrNull(row[`${d}_rank_of_average_score`]),
      shareInMostDeprived10pc: numberOrNull(
        row[`${d}_proportion_of_lso_as_in_most_deprived_10_percent_nationally`],
      ),
    };
  }
  return figures as NeedImport['imd2025'];
}

export interface NeedData {
  lads: LadImport[];
  needs: NeedImport[];
  homicide: { territoryCode: string; perMillion: number; period: string }[];
}

/** Reads and checks every need file and the district boundaries. */
export async function readNeedData(territoryCodes: Set<string>): Promise<NeedData> {
  const problems: string[] = [];
  const mapping = await readCsv(LAD_TO_TERRITORY);
  const territoryOf = new Map(mapping.map((r) => [r.LAD23CD!, r.code!]));
  const nameOf = new Map(mapping.map((r) => [r.LAD23CD!, r.LAD23NM!]));
  if (territoryOf.size !== LAD_COUNT)
    problems.push(
      `${LAD_TO_TERRITORY}: expected ${LAD_COUNT} districts, found ${territoryOf.size}`,
    );
  for (const [lad, t] of territoryOf) {
    if (!territoryCodes.has(t)) problems.push(`district ${lad}: unknown territory ${t}`);
  }

  const collection = JSON.parse(await fs.readFile(LAD_BOUNDARIES, 'utf8')) as FeatureCollection;
  const geometries = new Map<string, AreaGeometry>();
  for (const [i, f] of collection.features.entries()) {
    const code = String((f.properties as Row | null)?.LAD23CD ?? '');
    if (!territoryOf.has(code)) continue;
    const checked = parseAreaGeometry(f.geometry);
    if (checked.ok) geometries.set(code, checked.geometry);
    else problems.push(`${LAD_BOUNDARIES} feature ${i} (${code}): ${checked.message}`);
  }
  for (const code of territoryOf.keys()) {
    if (!geometries.has(code)) problems.push(`district ${code}: no boundary`);
  }
  if (problems.length > 0)
    throw new NeedDataError(`The need data has problems:\n  ${problems.join('\n  ')}`);

  const display = simplifyCoverage(
    [...geometries].map(([code, geometry]): Feature<AreaGeometry, { code: string }> => ({
      type: 'Feature',
      properties: { code },
      geometry,
    })),
    DISPLAY_KEEP,
  );
  const lads: LadImport[] = [...geometries].map(([code, geometry]) => ({
    code,
    name: nameOf.get(code)!,
    territoryCode: territoryOf.get(code)!,
    geometry,
    displayGeometry: display.get(code) ?? geometry,
  }));

  const deprivation = new Map(
    (await readCsv(path.join(NEED_DIR, 'la_imd_lad23.derived.csv'))).map((r) => [r.LAD23CD!, r]),
  );
  const imd2025 = new Map(
    (await readCsv(path.join(NEED_DIR, 'imd2025_england_ltla24.derived.csv'))).map((r) => [
      r.ltla24_code!,
      r,
    ]),
  );
  const childPoverty = latestByArea(
    await readCsv(path.join(NEED_DIR, 'children-in-relative-poverty.csv')),
    'Children in relative poverty after housing costs',
  );
  const claimant = latestByArea(
    await readCsv(path.join(NEED_DIR, 'claimant-count.csv')),
    'Claimant Count',
  );
  const homicides = latestByArea(
    await readCsv(path.join(NEED_DIR, 'homicide-offences.csv')),
    'Homicide Offences',
  );

  const needs: NeedImport[] = lads.map(({ code }) => {
    const d = deprivation.get(code);
    const population = numberOrNull(d?.pop_2020);
    const quintile = numberOrNull(d?.la_imd_pop_quintile);
    const decile = numberOrNull(d?.la_imd_pop_decile);
    const cp = childPoverty.get(code);
    const cc = claimant.get(code);
    const english = imd2025.get(code);
    return {
      ladCode: code,
      population: population === null ? null : Math.round(population),
      deprivationScore: numberOrNull(d?.la_deprivation_score),
      deprivationQuintile: quintile,
      deprivationDecile: decile,
      highDeprivationShare: numberOrNull(d?.high_deprivation_share),
      childPovertyPct: cp?.value ?? null,
      childPovertyPeriod: cp ? periodLabel(cp.period) : null,
      claimantPct: cc?.value ?? null,
      claimantPeriod: cc ? periodLabel(cc.period) : null,
      imd2025: english ? imd2025Of(english) : null,
    };
  });
  const homicide = [...homicides]
    .filter(([code]) => territoryCodes.has(code))
    .map(([territoryCode, h]) => ({
      territoryCode,
      perMillion: h.value,
      period: periodLabel(h.period),
    }));
  return { lads, needs, homicide };
}

/**
 * Imports (or re-imports) the districts and their need, rolls it up to territories, places
 * every activity in its district and rebuilds coverage. Answers how many districts it wrote.
 */
export async function seedNeed(database: DatabaseHandle): Promise<number> {
  const repo = createNeedImportRepo(database);
  const data = await readNeedData(new Set(await repo.territoryCodes()));
  await repo.replaceAll(data);
  return data.lads.length;
}

/** Imports the need data when no district is there yet. */
export async function seedNeedIfEmpty(database: DatabaseHandle): Promise<boolean> {
  if ((await createNeedImportRepo(database).countLads()) > 0) return false;
  await seedNeed(database);
  return true;
}
