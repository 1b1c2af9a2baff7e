import type { MultiPolygon } from 'geojson';
import type { TerritoryFeature } from '@shared/schemas/territories';
import { Nation } from '@shared/schemas/territories';
import type { TerritoryRow } from './territories.repo';

/** Maps a row to the public GeoJSON Feature: only these properties leave the server. */
export function presentTerritory(row: TerritoryRow): TerritoryFeature {
  return {
    type: 'Feature',
    id: row.code,
    properties: {
      code: row.code,
      name: row.name,
      force: row.force,
      nation: Nation.parse(row.nation),
    },
    geometry: row.geometry as MultiPolygon,
  };
}
