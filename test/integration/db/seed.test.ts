import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FeatureCollection } from 'geojson';
import request from 'supertest';
import { loadConfig, ROOT_DIR } from '../../../server/src/config';
import { createTerritoriesRepo } from '../../../server/src/features/territories/territories.repo';
import { seedIfEmpty, seedTerritories } from '../../../seed/seed';
import { BoundariesError, readTerritoryBoundaries } from '../../../seed/territories';
import { createTestApp, type TestApp } from '../../support/test-app';

const { boundariesFile } = loadConfig();
let t: TestApp;
let dir: string;
let real: FeatureCollection;
beforeAll(async () => {
  t = await createTestApp();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ia-seed-'));
  real = JSON.parse(await fs.readFile(boundariesFile, 'utf8')) as FeatureCollection;
});
afterAll(async () => {
  await t.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** The real ONS file with feature `index` replaced: every other feature stays good. */
async function writeWith(
  index: number,
  replacement: unknown,
  name = 'bad.geojson',
): Promise<string> {
  const features: unknown[] = [...real.features];
  features[index] = replacement;
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

/** What clients see of the territories: the ETag of the collection and its size. */
async function snapshot() {
  const res = await request(t.app).get('/api/territories');
  return { etag: res.headers.etag, count: res.body.features.length as number };
}

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

  it('says a folder cannot be read rather than that it is missing', async () => {
    await expect(readTerritoryBoundaries(dir)).rejects.toThrow(/cannot be read \(EISDIR\)/);
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
      /ring must be closed/,
    ],
    ['a latitude out of range', square(0, 95), /not a valid GeoJSON polygon/],
    ['a point', { type: 'Point', coordinates: [0, 51] }, /not a valid GeoJSON polygon/],
    ['no geometry', null, /not a valid GeoJSON polygon/],
  ])('refuses a file with %s and changes nothing', async (_case, geometry, reason) => {
    const before = await snapshot();
    const file = await writeWith(3, { ...real.features[3], geometry });
    const error = await seedTerritories(t.database, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BoundariesError);
    expect((error as Error).message).toMatch(/feature 3/);
    expect(JSON.stringify((error as Error).message)).toMatch(reason);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a null feature, duplicate codes, an unknown nation and a missing territory', async () => {
    const nullFeature = await writeWith(0, null);
    await expect(seedTerritories(t.database, nullFeature)).rejects.toThrow(/feature 0/);

    const dup = await writeWith(1, {
      ...real.features[1],
      properties: real.features[0]!.properties,
    });
    await expect(seedTerritories(t.database, dup)).rejects.toThrow(/duplicate codes: E23000001/);

    const mercia = {
      ...real.features[2]!,
      properties: { ...real.features[2]!.properties, nation: 'Mercia' },
    };
    await expect(seedTerritories(t.database, await writeWith(2, mercia))).rejects.toThrow(
      /feature 2/,
    );

    const short = path.join(dir, 'short.geojson');
    await fs.writeFile(short, JSON.stringify({ ...real, features: real.features.slice(1) }));
    await expect(seedTerritories(t.database, short)).rejects.toThrow(
      /expected 45 territories, found 44/,
    );
  });

  it('writes all territories or none when the database refuses one', async () => {
    const before = await snapshot();
    const good = await readTerritoryBoundaries(boundariesFile);
    const renamed = good.map((x, i) => (i === 0 ? { ...x, name: 'Renamed first' } : x));
    // The table's CHECK refuses an empty force: the first row was already written by then.
    renamed[44] = { ...renamed[44]!, force: '' };
    await expect(createTerritoriesRepo(t.database).replaceAll(renamed)).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    const first = await request(t.app).get(`/api/territories/${good[0]!.code}`);
    expect(first.body.properties.name).toBe(good[0]!.name);
  });

  it('re-seeds the same file without changing what clients see', async () => {
    const before = await snapshot();
    expect(await seedTerritories(t.database, boundariesFile)).toBe(45);
    expect(await snapshot()).toEqual(before);
  });

  it('seeds an empty database by itself and leaves a seeded one alone', async () => {
    expect(await seedIfEmpty(t.database, boundariesFile)).toBe(false);
    await t.database.db.deleteFrom('territories').execute();
    expect(await seedIfEmpty(t.database, boundariesFile)).toBe(true);
    expect(await createTerritoriesRepo(t.database).count()).toBe(45);
  });
});

describe('npm run db:seed', () => {
  it('exits 1 with the ONS pointer, before opening any database, when the file is missing', async () => {
    const run = promisify(execFile)(path.join(ROOT_DIR, 'node_modules/.bin/tsx'), ['seed/cli.ts'], {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        BOUNDARIES_FILE: path.join(dir, 'nowhere.geojson'),
        DATA_DIR: path.join(dir, 'never-created'),
      },
    });
    const error = (await run.catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stderr).toMatch(/Boundary file not found: .*nowhere\.geojson/);
    expect(error.stderr).toMatch(/ONS Open Geography Portal/);
    await expect(fs.stat(path.join(dir, 'never-created'))).rejects.toThrow(/ENOENT/);
  });
});
