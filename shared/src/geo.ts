import { z } from 'zod';
import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';

/** The UK's policing territories lie inside this box (lon/lat, with a margin). */
export const UK_BBOX = [-8.7, 49.8, 1.8, 60.9] as const;

const Longitude = z.number().finite().min(-180).max(180);
const Latitude = z.number().finite().min(-90).max(90);

/** A GeoJSON position: [lon, lat], optionally with an altitude we ignore. */
export const Position = z.union([
  z.tuple([Longitude, Latitude]),
  z.tuple([Longitude, Latitude, z.number().finite()]),
]);

// Zod runs refinements even when an element failed, so this sees unparsed input too.
const samePosition = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) && a[0] === b[0] && a[1] === b[1];

/** A closed linear ring of at least four positions (RFC 7946 §3.1.6). */
export const LinearRing = z
  .array(Position)
  .min(4, 'a ring needs at least four positions')
  .refine(
    (ring) => ring.length === 0 || samePosition(ring[0], ring.at(-1)),
    'a ring must be closed',
  );

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });
export const PolygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRing).min(1, 'a polygon needs an outer ring'),
});
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1)).min(1, 'a multipolygon needs a polygon'),
});

/** Area geometries we store: polygons and multipolygons. */
export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = Polygon | MultiPolygon;

// Responses: the same checks, typed as the `geojson` package types them (a position is
// `number[]`), so that what PostGIS answers fits them without a cast on the server.
/** A Point as the API sends it. */
export const PointShape: z.ZodType<Point> = PointGeometry;
/** A Polygon as the API sends it. */
export const PolygonShape: z.ZodType<Polygon> = PolygonGeometry;
/** A MultiPolygon as the API sends it. */
export const MultiPolygonShape: z.ZodType<MultiPolygon> = MultiPolygonGeometry;

/** A GeoJSON Feature of one geometry type and one shape of properties. */
export function geoFeature<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
  return z.object({
    type: z.literal('Feature'),
    id: z.union([z.string(), z.number()]).optional(),
    geometry,
    properties,
  });
}

/** A GeoJSON FeatureCollection of one kind of feature. */
export function geoFeatureCollection<F extends z.ZodType>(feature: F) {
  return z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) });
}

export type GeometryCheck<T extends Geometry> =
  { ok: true; geometry: T } | { ok: false; message: string; issues: GeometryIssue[] };

/** One thing wrong with a geometry: where in the GeoJSON, or where on the ground. */
export interface GeometryIssue {
  message: string;
  path?: PropertyKey[];
  at?: [number, number];
}

/**
 * Checks only an area geometry's structure: types, closed rings, finite lon/lat in range.
 * Enough for trusted reference data that is then repaired in SQL; not for user input.
 */
export function parseAreaGeometry(input: unknown): GeometryCheck<AreaGeometry> {
  const parsed = AreaGeometry.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: 'Geometry is not a valid GeoJSON polygon',
      issues: parsed.error.issues.map((i) => ({ message: i.message, path: i.path })),
    };
  }
  return { ok: true, geometry: parsed.data as AreaGeometry };
}

/** Checks a GeoJSON point the same way, for symmetry with area geometries. */
export function checkPoint(input: unknown): GeometryCheck<Point> {
  const parsed = PointGeometry.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: 'Geometry is not a valid GeoJSON point',
      issues: parsed.error.issues.map((i) => ({ message: i.message, path: i.path })),
    };
  }
  return { ok: true, geometry: parsed.data as Point };
}

/** The latitude where the Web Mercator square ends (its top and bottom edges). */
export const MERCATOR_MAX_LAT = 85.05112878;

/**
 * Lon/lat to the 0–1 Web Mercator square of slippy-map tiles, the same formula as the
 * activities table's generated `merc_x`/`merc_y` columns (y grows southwards).
 */
export function toTileUnits(lon: number, lat: number): [number, number] {
  const phi = (lat * Math.PI) / 180;
  return [(lon + 180) / 360, (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2];
}

/** The inverse of `toTileUnits`. */
export function fromTileUnits(x: number, y: number): [number, number] {
  return [x * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI];
}
