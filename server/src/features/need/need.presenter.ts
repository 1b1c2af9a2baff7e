import type { MultiPolygon } from 'geojson';
import {
  Imd2025Domains,
  type LadNeed,
  type LadNeedCollection,
  type TerritoryNeed,
} from '@shared/schemas/need';
import type { LadNeedDisplayRow, LadNeedRow, TerritoryNeedRow } from './need.repo';

type Imd2025 = NonNullable<LadNeed['imd2025']>;
type LadNeedFeature = LadNeedCollection['features'][number];

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function integerOrNull(value: unknown): number | null {
  const n = numberOrNull(value);
  return n === null ? null : Math.round(n);
}

/**
 * The English IMD 2025 figures of a district, only the known domains and fields: the column is
 * JSON the import wrote, and nothing else in it may leave the server.
 */
function presentImd2025(value: unknown): Imd2025 | null {
  if (typeof value !== 'object' || value === null) return null;
  const stored = value as Record<string, unknown>;
  const figures: Imd2025 = {};
  for (const domain of Imd2025Domains) {
    const figure = stored[domain];
    if (typeof figure !== 'object' || figure === null) continue;
    const f = figure as Record<string, unknown>;
    figures[domain] = {
      averageScore: numberOrNull(f.averageScore),
      rankOfAverageScore: integerOrNull(f.rankOfAverageScore),
      shareInMostDeprived10pc: numberOrNull(f.shareInMostDeprived10pc),
    };
  }
  return Object.keys(figures).length > 0 ? figures : null;
}

/** Maps a district's row to its public need figures. */
export function presentLadNeed(row: LadNeedRow): LadNeed {
  return {
    code: row.code,
    name: row.name,
    territoryCode: row.territory_code,
    population: integerOrNull(row.population),
    deprivationScore: numberOrNull(row.deprivation_score),
    deprivationQuintile: integerOrNull(row.deprivation_quintile),
    deprivationDecile: integerOrNull(row.deprivation_decile),
    highDeprivationShare: numberOrNull(row.high_deprivation_share),
    childPovertyPct: numberOrNull(row.child_poverty_pct),
    childPovertyPeriod: row.child_poverty_period,
    claimantPct: numberOrNull(row.claimant_pct),
    claimantPeriod: row.claimant_period,
    imd2025: presentImd2025(row.imd2025),
  };
}

/** A district as a GeoJSON Feature of the need map. */
export function presentLadNeedFeature(row: LadNeedDisplayRow): LadNeedFeature {
  return {
    type: 'Feature',
    id: row.code,
    properties: presentLadNeed(row),
    geometry: row.geometry as MultiPolygon,
  };
}

/** Maps a territory's roll-up row to its public need figures. */
export function presentTerritoryNeed(row: TerritoryNeedRow): TerritoryNeed {
  return {
    code: row.code,
    population: integerOrNull(row.population),
    deprivationScore: numberOrNull(row.deprivation_score),
    mostDeprivedQuintileShare: numberOrNull(row.most_deprived_quintile_share),
    childPovertyPct: numberOrNull(row.child_poverty_pct),
    childPovertyPeriod: row.child_poverty_period,
    claimantPct: numberOrNull(row.claimant_pct),
    claimantPeriod: row.claimant_period,
    homicidePerMillion: numberOrNull(row.homicide_per_million),
    homicidePeriod: row.homicide_period,
    lads: Number(row.lads),
  };
}
