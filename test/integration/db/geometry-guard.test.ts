import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../server/src/db/client';
import { checkAreaGeometry } from '@shared/geo-validity';
import { createTestDatabase } from '../../support/test-database';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

// Random rings over a small grid: many cross themselves, touch or repeat points.
const ring = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), {
    minLength: 3,
    maxLength: 7,
  })
  .map((pts) => [...pts, pts[0]!].map(([x, y]) => [-2 + x / 10, 52 + y / 10]));
const polygon = fc
  .array(ring, { minLength: 1, maxLength: 2 })
  .map((rings) => ({ type: 'Polygon', coordinates: rings }));

it('lets through to PostGIS only geometry that PostGIS also finds valid', async () => {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(polygon, async (geometry) => {
      const check = checkAreaGeometry(geometry);
      if (!check.ok) return;
      accepted += 1;
      const { rows } = await sql<{ reason: string }>`
        SELECT ST_IsValidReason(ST_GeomFromGeoJSON(${JSON.stringify(check.geometry)})) AS reason`.execute(
        database.db,
      );
      expect({ geometry, reason: rows[0]!.reason }).toEqual({ geometry, reason: 'Valid Geometry' });
    }),
    { numRuns: 400 },
  );
  // The generator must exercise both sides of the guard.
  expect(accepted).toBeGreaterThan(10);
});
