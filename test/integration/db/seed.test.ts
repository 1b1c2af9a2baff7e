import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadConfig } from '../../../server/src/config';
import { createTerritoriesRepo } from '../../../server/src/features/territories/territories.repo';
import { seedIfEmpty, seedTerritories } from '../../../seed/seed';
import { BoundariesError } from '../../../seed/territories';
import { createTestApp, type TestApp } from '../../support/test-app';

const { boundariesFile } = loadConfig();
let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ia-seed-'));
});
afterAll(async () => {
  await t.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeCollection(name: string, features: unknown[]): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ],
});
const props = { code: 'E23000001', name: 'Metropolitan Police', force: 'Met', nation: 'England' };

describe('seeding territories', () => {
  it('fails with a pointer to the ONS data when the file is missing', async () => {
    const error = await seedTerritories(t.database, path.join(dir, 'missing.geojson')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BoundariesError);
    expect((error as Error).message).toMatch(/not found/);
    expect((error as Error).message).toMatch(/ONS Open Geography Portal/);
    expect((error as Error).message).toMatch(/BOUNDARIES_FILE/);
  });

  it.each([
    [
      'an unclosed ring',
      {
        ...square(0, 51),
        coordinates: [
          [
            [0, 51],
            [0.1, 51],
            [0.1, 51.1],
            [0, 51.1],
          ],
        ],
      },
    ],
    ['a latitude out of range', square(0, 95)],
    ['a point', { type: 'Point', coordinates: [0, 51] }],
    ['no geometry', null],
  ])('refuses a file with %s and changes nothing', async (_case, geometry) => {
    const before = (await request(t.app).get('/api/territories')).headers.etag;
    const file = await writeCollection('bad.geojson', [
      { type: 'Feature', properties: { ...props, code: 'E23000002' }, geometry: square(-3, 54) },
      { type: 'Feature', properties: props, geometry },
    ]);
    await expect(seedTerritories(t.database, file)).rejects.toThrow(BoundariesError);
    const after = await request(t.app).get('/api/territories');
    expect(after.headers.etag).toBe(before);
    expect(after.body.features).toHaveLength(45);
  });

  it('refuses duplicate codes and unknown nations', async () => {
    const dup = await writeCollection('dup.geojson', [
      { type: 'Feature', properties: props, geometry: square(0, 51) },
      { type: 'Feature', properties: props, geometry: square(1, 51) },
    ]);
    await expect(seedTerritories(t.database, dup)).rejects.toThrow(/duplicate codes: E23000001/);
    const nation = await writeCollection('nation.geojson', [
      { type: 'Feature', properties: { ...props, nation: 'Mercia' }, geometry: square(0, 51) },
    ]);
    await expect(seedTerritories(t.database, nation)).rejects.toThrow(BoundariesError);
  });

  it('re-seeds the same file without changing what clients see', async () => {
    const before = await request(t.app).get('/api/territories');
    expect(await seedTerritories(t.database, boundariesFile)).toBe(45);
    const after = await request(t.app).get('/api/territories');
    expect(after.body.features).toHaveLength(45);
    expect(after.headers.etag).toBe(before.headers.etag);
  });

  it('seeds an empty database by itself and leaves a seeded one alone', async () => {
    expect(await seedIfEmpty(t.database, boundariesFile)).toBe(false);
    await t.database.db.deleteFrom('territories').execute();
    expect(await seedIfEmpty(t.database, boundariesFile)).toBe(true);
    expect(await createTerritoriesRepo(t.database).count()).toBe(45);
  });
});
