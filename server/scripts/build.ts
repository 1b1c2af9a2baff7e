/**
 * `npm run build`: compiles the client with Vite into `dist/client` (each asset also
 * precompressed, `.gz` and `.br`) and the server with
 * esbuild into `dist/server` (`main.js`, the HTTP server; `setup.js`, migrations and first-run
 * seeding; the SQL migrations beside them), then stamps `dist/.source-hash`. Production runs
 * these with plain `node`; neither tsx nor Vite is needed at run time.
 *
 * `--if-stale`: builds only when the stamp does not match the sources (what `npm start` runs).
 * `--out DIR`: builds into DIR instead of `dist` (the tests build a variant there).
 * `BUILD_SOURCEMAP=1`: source maps for the client and the server; none by default.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { ROOT_DIR } from '../src/config';

/** Everything the build reads. The reference data in seed/data is read at run time, not built. */
const INPUTS = [
  'client',
  'shared/src',
  'server/src',
  'server/scripts',
  'seed',
  'vite.config.ts',
  'package-lock.json',
];
const NOT_INPUTS = new Set(['seed/data']);

async function* walk(relative: string): AsyncGenerator<string> {
  if (NOT_INPUTS.has(relative)) return;
  const full = path.join(ROOT_DIR, relative);
  const stat = await fs.stat(full).catch(() => undefined);
  if (!stat) return;
  if (stat.isFile()) {
    yield relative;
    return;
  }
  for (const name of (await fs.readdir(full)).sort()) {
    yield* walk(path.posix.join(relative, name));
  }
}

/**
 * A hash of the build's inputs and options. Content, not mtimes, because a fresh clone
 * gives every file the same new mtime.
 */
async function sourceHash(sourcemap: boolean): Promise<string> {
  const hash = createHash('sha256').update(`sourcemap=${sourcemap}\0`);
  for (const input of INPUTS) {
    for await (const file of walk(input)) {
      hash
        .update(file)
        .update('\0')
        .update(await fs.readFile(path.join(ROOT_DIR, file)))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

const brotli = promisify(brotliCompress);

/**
 * Writes `.gz` (zopfli, a few per cent smaller than zlib's best) and `.br` beside each client
 * asset over 1 kB, once at build time; the server sends them as they are instead of
 * compressing every response.
 */
async function precompressAssets(clientDir: string): Promise<void> {
  const assets = path.join(clientDir, 'assets');
  const names = (await fs.readdir(assets)).filter((n) => /\.(js|css|svg)$/.test(n));
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(assets, name);
      const bytes = await fs.readFile(file);
      if (bytes.length <= 1024) return;
      const [gz, br] = await Promise.all([
        gzipAsync(bytes, { numiterations: 15 }),
        brotli(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
      ]);
      await fs.writeFile(`${file}.gz`, gz);
      await fs.writeFile(`${file}.br`, br);
    }),
  );
}

async function buildServer(distDir: string, sourcemap: boolean): Promise<void> {
  const outdir = path.join(distDir, 'server');
  await fs.rm(outdir, { recursive: true, force: true });
  // One self-contained file per entry (no shared chunks): each finds its migrations and the
  // repository root from its own place, dist/server, two levels down like server/src.
  await esbuild({
    entryPoints: {
      main: path.join(ROOT_DIR, 'server/src/main.ts'),
      setup: path.join(ROOT_DIR, 'seed/setup.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    alias: { '@shared': path.join(ROOT_DIR, 'shared/src') },
    sourcemap: sourcemap ? 'linked' : false,
    logLevel: 'warning',
  });
  await fs.cp(path.join(ROOT_DIR, 'server/src/db/migrations'), path.join(outdir, 'migrations'), {
    recursive: true,
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'if-stale': { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const distDir = path.resolve(values.out ?? path.join(ROOT_DIR, 'dist'));
  const stampFile = path.join(distDir, '.source-hash');
  const sourcemap = process.env.BUILD_SOURCEMAP === '1';
  const wanted = await sourceHash(sourcemap);
  if (values['if-stale']) {
    const built = await fs.readFile(stampFile, 'utf8').catch(() => undefined);
    if (built === wanted) return;
    console.log(built ? 'Sources changed: rebuilding…' : 'Building the app (first start)…');
  }
  const started = performance.now();
  await fs.rm(stampFile, { force: true });
  // What ships is a production build whoever runs this: under Jest NODE_ENV is `test`, and
  // React and its libraries would bundle their development code.
  process.env.NODE_ENV = 'production';
  await viteBuild({
    mode: 'production',
    configFile: path.join(ROOT_DIR, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: path.join(distDir, 'client') },
  });
  await precompressAssets(path.join(distDir, 'client'));
  await buildServer(distDir, sourcemap);
  await fs.writeFile(stampFile, wanted);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Built ${distDir} in ${seconds} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
