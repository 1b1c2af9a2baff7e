import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT_DIR } from '../../../server/src/config';

// Spelt in pieces so that this file does not name the path it looks for.
const OUTSIDE_FOLDER = ['..', 'shared'].join('/');

/** What the app, its seed, tests, benchmarks and configuration are made of. */
const CHECKED = ['server', 'seed', 'test', 'bench', 'client', 'shared', '.ci'];
const SKIPPED = new Set(['node_modules', 'dist', 'data']);

async function* files(relative: string): AsyncGenerator<string> {
  const full = path.join(ROOT_DIR, relative);
  const stat = await fs.stat(full);
  if (stat.isFile()) {
    yield relative;
    return;
  }
  for (const entry of await fs.readdir(full, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    yield* files(path.posix.join(relative, entry.name));
  }
}

async function configFiles(): Promise<string[]> {
  const names = await fs.readdir(ROOT_DIR);
  return names.filter((n) => /^(package\.json|tsconfig.*\.json|.*\.config\.[jt]s)$/.test(n));
}

describe('the repository is self-contained', () => {
  it('has no code, test, benchmark or configuration that names the folder beside the repository', async () => {
    const offending: string[] = [];
    let checked = 0;
    for (const root of [...CHECKED, ...(await configFiles())]) {
      for await (const file of files(root)) {
        checked += 1;
        const text = await fs.readFile(path.join(ROOT_DIR, file), 'utf8');
        if (text.includes(OUTSIDE_FOLDER)) offending.push(file);
      }
    }
    expect(offending).toEqual([]);
    // The walk really read the project: a wrong root would pass with nothing checked.
    expect(checked).toBeGreaterThan(200);
  });

  it('reads its reference data from inside the repository by default', async () => {
    const { loadConfig } = await import('../../../server/src/config');
    const config = loadConfig({});
    for (const file of [config.boundariesFile, config.tomsFile]) {
      expect(path.relative(ROOT_DIR, file).startsWith('..')).toBe(false);
      await expect(fs.access(file)).resolves.toBeUndefined();
    }
  });

  it('still lets the environment point the reference data elsewhere', async () => {
    const { loadConfig } = await import('../../../server/src/config');
    const config = loadConfig({ BOUNDARIES_FILE: '/srv/b.geojson', TOMS_FILE: '/srv/t.csv' });
    expect(config.boundariesFile).toBe('/srv/b.geojson');
    expect(config.tomsFile).toBe('/srv/t.csv');
  });
});
