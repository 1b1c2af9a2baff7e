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

/** A point from lon/lat expressions (columns or parameters), in SRID 4326. */
export function pointFromLonLatSql(
  lon: RawBuilder<unknown>,
  lat: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
}

/**
 * A user's area as a MultiPolygon from GeoJSON text. Only for geometry already checked
 * valid in JS (`checkAreaGeometry`): it is stored as given, never repaired.
 */
export function multiPolygonFromGeoJsonText(geojson: RawBuilder<unknown>): RawBuilder<unknown> {
  // 2D columns: an altitude in the GeoJSON (allowed by RFC 7946) is dropped, not refused.
  return sql`ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)))`;
}

/** The code of the territory covering a point (the lowest code on a shared boundary), or none. */
export function territoryCovering(point: RawBuilder<unknown>): RawBuilder<{ code: string }> {
  return sql<{
    code: string;
  }>`(SELECT code FROM territories WHERE ST_Covers(geom, ${point}) ORDER BY code LIMIT 1)`;
}

/** The longitude and latitude of a point column. */
export function lonOf(column: string): RawBuilder<number> {
  return sql<number>`ST_X(${sql.ref(column)})`;
}
export function latOf(column: string): RawBuilder<number> {
  return sql<number>`ST_Y(${sql.ref(column)})`;
}

/**
 * True where the point column is within `km` of a lon/lat, measured on the spheroid.
 * The box test first lets the GiST index narrow the rows before the exact distance.
 */
export function withinKm(
  column: string,
  lon: number,
  lat: number,
  km: number,
): RawBuilder<boolean> {
  const dLat = (km / 110.574) * 1.01;
  const dLon = Math.min(180, dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const point = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
  return sql<boolean>`(${sql.ref(column)} && ST_Expand(${point}, ${dLon}::float8, ${dLat}::float8)
    AND ST_DWithin(${sql.ref(column)}::geography, ${point}::geography, ${km * 1000}::float8))`;
}

/** A point's territory, and where in it to put a pin for that point. */
export interface PinInTerritory {
  /** The point's position in the list asked about, from 1. */
  i: number;
  code: string | null;
  name: string | null;
  lon: number | null;
  lat: number | null;
}

/**
 * For each lon/lat (the lists pair up), the territory covering it, with the point itself;
 * else, for a point at most `reachDegrees` outside (a coastal town the generalised boundary
 * leaves at sea), the nearest territory and a point inside it close to the given one: the
 * point on the surface of the territory's part within `marginDegrees` beyond the nearest edge.
 * Nulls for a point beyond reach. The lowest code wins on a shared boundary.
 */
export function pinsInTerritories(
  lons: readonly number[],
  lats: readonly number[],
  reachDegrees: number,
  marginDegrees: number,
): RawBuilder<PinInTerritory> {
  // Sent as array literals: both drivers cast text to float8[], whatever they do with arrays.
  const list = (values: readonly number[]) => `{${values.map((v) => String(v)).join(',')}}`;
  return sql<PinInTerritory>`
    SELECT p.i::int AS i, t.code, t.name, ST_X(t.pin) AS lon, ST_Y(t.pin) AS lat
    FROM unnest(${list(lons)}::float8[], ${list(lats)}::float8[]) WITH ORDINALITY AS p(lon, lat, i)
    CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) AS pt) AS q
    LEFT JOIN LATERAL (
      SELECT code, name,
        CASE WHEN ST_Covers(geom, q.pt) THEN q.pt
        ELSE ST_PointOnSurface(ST_Intersection(
          geom, ST_Buffer(q.pt, ST_Distance(geom, q.pt) + ${marginDegrees}::float8)))
        END AS pin
      FROM territories
      WHERE ST_DWithin(geom, q.pt, ${reachDegrees}::float8)
      ORDER BY ST_Distance(geom, q.pt), code
      LIMIT 1
    ) AS t ON true
    ORDER BY p.i`;
}

/**
 * Kilometres on the sphere from a point column to the nearest of some lon/lat points (null
 * when there are none). Spherical, not geodesic: for ranking by nearness it is ample.
 */
export function kmToNearest(
  column: string,
  points: { lon: number; lat: number }[],
): RawBuilder<number | null> {
  if (points.length === 0) return sql<null>`NULL::double precision`;
  const each = points.map(
    (p) =>
      sql`ST_DistanceSphere(${sql.ref(column)}, ST_SetSRID(ST_MakePoint(${p.lon}::float8, ${p.lat}::float8), 4326))`,
  );
  return sql<number>`(least(${sql.join(each)}) / 1000.0)`;
}
