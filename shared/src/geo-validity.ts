import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import { parseAreaGeometry, type AreaGeometry, type GeometryCheck } from './geo';

// Kept apart from geo.ts so that code needing only the GeoJSON schemas (the client's map)
// does not bundle JSTS.
const reader = new GeoJSONReader(new GeometryFactory());

/**
 * Checks an area geometry's structure and topology in JS, before it reaches SQL:
 * PGlite's PostGIS can abort the whole database on a GEOS exception, so nothing
 * self-intersecting, unclosed or out of range may be sent to it.
 */
export function checkAreaGeometry(input: unknown): GeometryCheck<AreaGeometry> {
  const parsed = parseAreaGeometry(input);
  if (!parsed.ok) return parsed;
  const { geometry } = parsed;
  // JSTS is the JavaScript port of JTS, which GEOS itself ports: the same validity rules
  // PostGIS applies (OGC simple features), checked without touching the database.
  const op = new IsValidOp(reader.read(geometry));
  if (!op.isValid()) {
    const error = op.getValidationError();
    const at = error?.getCoordinate();
    return {
      ok: false,
      message: `Geometry is not valid: ${error?.getMessage() ?? 'invalid topology'}`,
      issues: at ? [{ message: error.getMessage(), at: [at.x, at.y] }] : [],
    };
  }
  return { ok: true, geometry };
}
