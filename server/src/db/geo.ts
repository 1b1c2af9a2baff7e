import { sql, type RawBuilder } from 'kysely';
import type { Geometry } from 'geojson';

/**
 * All spatial SQL lives here. Geometry crosses the boundary as GeoJSON in lon/lat
 * (SRID 4326); callers must have checked it (`@shared/geo`) before it gets this far.
 */

/** Reads a geometry column as a GeoJSON object, outer rings counter-clockwise (RFC 7946). */
export function asGeoJson(column: string, maxDecimals = 6): RawBuilder<Geometry> {
  return sql<Geometry>`ST_AsGeoJSON(ST_ForcePolygonCCW(${sql.ref(column)}), ${sql.lit(maxDecimals)})::json`;
}

/**
 * Reference data only (the ONS boundaries): a structurally sound GeoJSON area made
 * topologically valid by GEOS, e.g. a ring touching itself split into two polygons.
 * User-drawn geometry is refused when invalid, never silently repaired.
 */
export function repairedMultiPolygonFromGeoJson(geometry: Geometry): RawBuilder<unknown> {
  return sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(
    geometry,
  )}), 4326), 'method=structure'), 3))`;
}

/** A lon/lat point in SRID 4326. */
export function pointFromLonLat(lon: number, lat: number): RawBuilder<unknown> {
  return sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
}

/** True where the area column covers the point (boundary included; uses the GiST index). */
export function covers(column: string, point: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`ST_Covers(${sql.ref(column)}, ${point})`;
}

/** The PostGIS version of the connected database, e.g. "3.6.2". */
export const postgisVersion = sql<{ version: string }>`SELECT postgis_lib_version() AS version`;
