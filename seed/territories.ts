import fs from 'node:fs/promises';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type * as TopoJSON from 'topojson-specification';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { filter, filterWeight, presimplify, quantile, simplify } from 'topojson-simplify';
import { parseAreaGeometry, type AreaGeometry } from '@shared/geo';
import { TerritoryProperties } from '@shared/schemas/territories';
import type { TerritoryImport } from '../server/src/features/territories/territories.repo';

export const ONS_DOWNLOAD_HINT =
  'The ONS boundaries ship with the repository at ' +
  'seed/data/boundaries/uk_policing_territories_buc.geojson. To rebuild them, download ' +
  '"Police Force Areas (December 2020) EW BUC" and "Local Authority Districts (May 2023) UK BUC" ' +
  'from the ONS Open Geography Portal (https://geoportal.statistics.gov.uk/) and dissolve the ' +
  'districts by police force area. Or set BOUNDARIES_FILE to a GeoJSON FeatureCollection of the ' +
  '45 territories with properties code, name, force, nation.';

/** 43 police force areas in England and Wales, Scotland and Northern Ireland. */
export const TERRITORY_COUNT = 45;

/** Share of vertices kept in the display geometry: ~200 m detail, enough for a UK map. */
const DISPLAY_KEEP = 0.35;

export class BoundariesError extends Error {}

/**
 * Reads and checks the territories file: each feature with valid properties and a
 * well-formed (multi)polygon, codes unique. Nothing reaches the database unless the whole
 * file passes. Topology (two ONS shapes have self-touching rings) is repaired in SQL.
 */
export async function readTerritoryBoundaries(file: string): Promise<TerritoryImport[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new BoundariesError(`Boundary file not found: ${file}\n${ONS_DOWNLOAD_HINT}`);
    }
    throw new BoundariesError(`Boundary file cannot be read (${code ?? 'error'}): ${file}`);
  }
  let collection: FeatureCollection;
  try {
    collection = JSON.parse(text) as FeatureCollection;
  } catch {
    throw new BoundariesError(`Boundary file is not JSON: ${file}`);
  }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new BoundariesError(`Boundary file is not a GeoJSON FeatureCollection: ${file}`);
  }
  const problems: string[] = [];
  const checked = collection.features.flatMap((f: Feature | null, i) => {
    const props = TerritoryProperties.safeParse(f?.properties);
    const geometry = parseAreaGeometry(f?.geometry);
    if (!props.success)
      problems.push(`feature ${i}: ${props.error.issues.map((x) => x.message).join(', ')}`);
    if (!geometry.ok) {
      const why = [...new Set(geometry.issues.map((x) => x.message))].join(', ');
      problems.push(`feature ${i}: ${geometry.message}${why ? ` (${why})` : ''}`);
    }
    return props.success && geometry.ok ? [{ ...props.data, geometry: geometry.geometry }] : [];
  });
  const codes = checked.map((t) => t.code);
  const duplicated = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (collection.features.length !== TERRITORY_COUNT) {
    problems.push(`expected ${TERRITORY_COUNT} territories, found ${collection.features.length}`);
  }
  if (duplicated.length > 0)
    problems.push(`duplicate codes: ${[...new Set(duplicated)].join(', ')}`);
  if (problems.length > 0) {
    throw new BoundariesError(
      `Boundary file ${file} has bad features:\n  ${problems.join('\n  ')}`,
    );
  }
  const display = simplifyCoverage(
    checked.map((t) => ({ type: 'Feature', properties: { code: t.code }, geometry: t.geometry })),
  );
  return checked.map((t) => ({ ...t, displayGeometry: display.get(t.code) ?? t.geometry }));
}

/**
 * Simplifies all areas (territories, or districts) together along their shared edges (TopoJSON
 * arcs), so the display map has no gaps or overlaps between neighbours. A shape that simplification
 * would spoil keeps its full geometry.
 */
export function simplifyCoverage(
  features: Feature<AreaGeometry, { code: string }>[],
  keep = DISPLAY_KEEP,
): Map<string, AreaGeometry> {
  const collection: FeatureCollection<AreaGeometry, { code: string }> = {
    type: 'FeatureCollection',
    features,
  };
  const topo = presimplify(
    topology({ territories: collection }) as TopoJSON.Topology<TopoJSON.Objects<{ code: string }>>,
  );
  const minWeight = quantile(topo, 1 - keep);
  const simplified = filter(simplify(topo, minWeight), filterWeight(topo, minWeight));
  const out = feature(simplified, simplified.objects.territories!) as unknown as FeatureCollection<
    Polygon | MultiPolygon | null,
    { code: string }
  >;
  const result = new Map<string, AreaGeometry>();
  for (const f of out.features) {
    const check = parseAreaGeometry(f.geometry);
    if (check.ok) result.set(f.properties.code, check.geometry);
  }
  return result;
}
