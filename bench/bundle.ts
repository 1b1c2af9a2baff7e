/**
 * What each page of the built client makes the browser download: for every route in
 * `client/src/app/routes.ts`, the gzipped size of all the JavaScript it loads (the entry
 * chunk and its static imports, transitively, plus the page's lazy chunk and its static
 * imports, each file counted once) and of its CSS, then the whole app, and the landing
 * page (`/`) against its budget of 170 kB. Reads the manifest of the last build; imports a
 * page loads only on demand (the CSV parser behind a button) are not counted.
 *   npm run build && npm run bench -- bundle [--dir dist/client]
 *
 * Gzipped bytes as the server sends them: the build's precompressed `.gz` (zopfli) where it
 * wrote one, else what `compression()` sends (nothing under 1 kB, zlib's level 6 above).
 * Beside it, zlib level 6 of every file, the figure before precompression. Browsers that
 * accept brotli get the `.br` files, smaller still. kB are 1,000 bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ROUTES } from '../client/src/app/routes';

const LANDING_BUDGET_BYTES = 170_000;
const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { dir: { type: 'string' } },
});
// Another build's folder (`vite build --outDir`) may be measured instead of the usual one.
const CLIENT_DIR = values.dir
  ? path.resolve(values.dir)
  : path.resolve(fileURLToPath(import.meta.url), '../../dist/client');
const MANIFEST_FILE = path.join(CLIENT_DIR, '.vite/manifest.json');

/** One chunk of Vite's build manifest, keyed by its source path relative to `client/`. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  /** Keys of the chunks it imports statically, which the browser fetches with it. */
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function readManifest(): Manifest {
  if (!fs.existsSync(MANIFEST_FILE)) {
    console.error(`No build manifest at ${path.relative(process.cwd(), MANIFEST_FILE)}.`);
    console.error('Run `npm run build` first, then `npm run bench -- bundle`.');
    process.exit(1);
  }
  return JSON.parse(fs.readFileSync(MANIFEST_FILE, 'utf8')) as Manifest;
}

const manifest = readManifest();

/** A chunk and every chunk it imports statically, transitively: what loading it fetches. */
function staticClosure(key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`The manifest has no chunk ${key}`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(imported, into);
  return into;
}

/** compression()'s default threshold: smaller bodies go out as they are. */
const COMPRESSION_THRESHOLD = 1024;

const gzipped = new Map<string, { raw: number; gzip: number; zlib6: number }>();
/** Raw bytes, gzipped bytes as served and zlib level 6 bytes of one built file, read once. */
function sizeOf(file: string): { raw: number; gzip: number; zlib6: number } {
  let size = gzipped.get(file);
  if (!size) {
    const full = path.join(CLIENT_DIR, file);
    const content = fs.readFileSync(full);
    const zlib6 = gzipSync(content).length;
    const precompressed = fs.existsSync(`${full}.gz`) ? fs.statSync(`${full}.gz`).size : undefined;
    const served =
      precompressed ?? (content.length < COMPRESSION_THRESHOLD ? content.length : zlib6);
    size = { raw: content.length, gzip: served, zlib6 };
    gzipped.set(file, size);
  }
  return size;
}

interface Load {
  jsFiles: string[];
  cssFiles: string[];
}

/** The JS and CSS files that a set of chunks brings, each once. */
function filesOf(keys: Iterable<string>): Load {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key]!;
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    if (chunk.file.endsWith('.css')) css.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
  }
  return { jsFiles: [...js], cssFiles: [...css] };
}

const sum = (files: string[], of: 'raw' | 'gzip' | 'zlib6') =>
  files.reduce((total, file) => total + sizeOf(file)[of], 0);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) {
  throw new Error(`Expected one entry chunk in the manifest, found ${entries.length}`);
}
const [entryKey] = entries[0]!;
const entryClosure = staticClosure(entryKey);

const rows = ROUTES.map(({ path: route, page }) => {
  const pageKey = `src/pages/${page}.tsx`;
  const chunk = manifest[pageKey];
  if (!chunk) throw new Error(`The manifest has no chunk for ${pageKey} (route ${route})`);
  // A page imported statically somewhere lands in a shared chunk and loads with it.
  const lazy = chunk.isDynamicEntry === true;
  const { jsFiles, cssFiles } = filesOf(staticClosure(pageKey, new Set(entryClosure)));
  return {
    route,
    page,
    lazy,
    jsFiles,
    cssFiles,
    js: sum(jsFiles, 'gzip'),
    jsZlib6: sum(jsFiles, 'zlib6'),
    css: sum(cssFiles, 'gzip'),
  };
});

const builtAt = fs.statSync(MANIFEST_FILE).mtime;
console.log(
  `Client build of ${builtAt.toISOString()} in ${path.relative(process.cwd(), CLIENT_DIR)}`,
);
// A build under another NODE_ENV (jest sets `test`) bundles React's development code,
// much larger: figures from it say nothing about production.
const developmentReact = filesOf(entryClosure).jsFiles.some((file) =>
  fs.readFileSync(path.join(CLIENT_DIR, file), 'utf8').includes('Download the React DevTools'),
);
if (developmentReact) {
  console.log(
    "Warning: this build bundles React's development code (built with NODE_ENV set to other " +
      'than production); run `npm run build` for figures that mean anything.',
  );
}
console.log(
  'JS gzip: gzipped bytes as the server sends them (the precompressed .gz files); ' +
    'zlib 6: every file at zlib level 6, as before precompression. kB = 1,000 bytes.\n',
);

const header = ['Route', 'Page', 'JS files', 'JS gzip', 'JS zlib 6', 'CSS gzip'];
const table = [
  header,
  ...rows.map((row) => [
    row.route,
    row.lazy ? row.page : `${row.page} (not lazy!)`,
    String(row.jsFiles.length),
    kB(row.js),
    kB(row.jsZlib6),
    kB(row.css),
  ]),
];
const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
for (const line of table) {
  console.log(
    line
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  '),
  );
}

const entryLoad = filesOf(entryClosure);
const allJs = [...new Set(Object.values(manifest).map((chunk) => chunk.file))].filter((file) =>
  file.endsWith('.js'),
);
const allCss = [
  ...new Set(
    Object.values(manifest).flatMap((chunk) => [
      ...(chunk.file.endsWith('.css') ? [chunk.file] : []),
      ...(chunk.css ?? []),
    ]),
  ),
];
console.log(
  `\nEntry chunk and its static imports (every page): ${entryLoad.jsFiles.length} files, ` +
    `${kB(sum(entryLoad.jsFiles, 'gzip'))} gzipped JS`,
);
console.log(
  `Whole app: ${allJs.length} JS files, ${kB(sum(allJs, 'gzip'))} gzipped ` +
    `(${kB(sum(allJs, 'raw'))} raw); ${allCss.length} CSS files, ${kB(sum(allCss, 'gzip'))} gzipped`,
);

const landing = rows.find((row) => row.route === '/')!;
console.log(
  `\nBudget: / loads ${kB(landing.js)} of gzipped JS against ${kB(LANDING_BUDGET_BYTES)}: ` +
    `${(landing.js / LANDING_BUDGET_BYTES).toFixed(3)} of the budget` +
    (landing.js > LANDING_BUDGET_BYTES ? ' (over budget)' : '') +
    `; ${kB(landing.jsZlib6)} at zlib level 6`,
);
