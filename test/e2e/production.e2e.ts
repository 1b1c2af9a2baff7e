/**
 * The production build: `node dist/server/main.js` with NODE_ENV=production serves the
 * compiled client (built by the jest global setup through `npm run build`'s script), with
 * long caching on hashed assets and no source maps unless the build is asked for them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROOT_DIR } from '../../server/src/config';
import { startServer, type ServerProcess } from '../support/server-process';

const run = promisify(execFile);
const ASSETS = path.join(ROOT_DIR, 'dist/client/assets');

let server: ServerProcess;
beforeAll(async () => {
  server = await startServer({ NODE_ENV: 'production', DEMO: '0' });
});
afterAll(() => server?.stop());

/** The hashed scripts index.html loads first. */
async function entryScripts(): Promise<string[]> {
  const html = await (await fetch(`${server.url}/`)).text();
  return [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
}

describe('the production server', () => {
  it('runs the compiled server, not the TypeScript sources', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok' });
    const main = await fs.readFile(path.join(ROOT_DIR, 'dist/server/main.js'), 'utf8');
    // Bundled: no import reaches back into the sources, tsx or Vite.
    expect(main).not.toMatch(/from ["'](\.\.\/)+(server|seed|shared)\//);
    expect(main).not.toMatch(/from ["'](tsx|vite)["']/);
    expect(main).not.toMatch(/seed\/(seed|demo-accounts|demo-activities)/);
  });

  it('imports only runtime dependencies, so it runs after npm install --omit=dev', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT_DIR, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const entry of ['main.js', 'setup.js']) {
      const code = await fs.readFile(path.join(ROOT_DIR, 'dist/server', entry), 'utf8');
      const packages = [...code.matchAll(/(?:from|import\()\s*["']([^"'.][^"']*)["']/g)]
        .map((m) => m[1]!)
        .filter((name) => !name.startsWith('node:'))
        .map((name) =>
          name
            .split('/')
            .slice(0, name.startsWith('@') ? 2 : 1)
            .join('/'),
        );
      expect(packages.length).toBeGreaterThan(5);
      expect(packages.filter((name) => !(name in pkg.dependencies))).toEqual([]);
    }
  });

  it('refuses to start on a database the setup step has not migrated, saying what to run', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ia-unset-'));
    const { DATABASE_URL: _ignored, ...env } = process.env;
    try {
      const failed = await run(process.execPath, [path.join(ROOT_DIR, 'dist/server/main.js')], {
        cwd: ROOT_DIR,
        env: { ...env, DATA_DIR: dataDir, PORT: '0' },
      }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain('npm run db:setup');
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('answers pages with index.html that browsers revalidate', async () => {
    const res = await fetch(`${server.url}/coverage`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await entryScripts()).not.toEqual([]);
  });

  it('serves hashed assets for a year, immutable, precompressed by the build', async () => {
    for (const script of await entryScripts()) {
      expect(path.basename(script)).toMatch(/-[A-Za-z0-9_-]{8}\.js$/);
      const file = path.join(ROOT_DIR, 'dist/client', script);
      const content = await fs.readFile(file, 'utf8');
      for (const encoding of ['br', 'gzip', 'identity']) {
        const res = await fetch(`${server.url}${script}`, {
          headers: { 'accept-encoding': encoding },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
        expect(res.headers.get('cache-control')).toMatch(/immutable/);
        expect(res.headers.get('content-type')).toMatch(/javascript/);
        expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
        // fetch decodes what it receives: the same script whichever encoding went over the wire.
        expect(await res.text()).toBe(content);
        // The build writes .br and .gz beside every asset over 1 kB; smaller ones go as they are.
        const precompressed = content.length > 1024 && encoding !== 'identity';
        expect(res.headers.get('content-encoding')).toBe(precompressed ? encoding : null);
      }
    }
  });

  it('ships no source maps from a normal build', async () => {
    const files = await fs.readdir(ASSETS);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const text = await fs.readFile(path.join(ASSETS, file), 'utf8');
      expect(text).not.toContain('sourceMappingURL');
    }
    const res = await fetch(`${server.url}${(await entryScripts())[0]}.map`);
    expect(res.status).toBe(404);
  });

  it('writes source maps when the build is asked for them', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'ia-build-'));
    try {
      await run(
        path.join(ROOT_DIR, 'node_modules/.bin/tsx'),
        ['server/scripts/build.ts', '--out', out],
        {
          cwd: ROOT_DIR,
          env: { ...process.env, BUILD_SOURCEMAP: '1' },
        },
      );
      const assets = await fs.readdir(path.join(out, 'client/assets'));
      expect(assets.some((f) => f.endsWith('.js.map'))).toBe(true);
      await expect(fs.access(path.join(out, 'server/main.js.map'))).resolves.toBeUndefined();
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  });
});
