// Browser tests run the compiled app, as `npm start` does: build it once per run when the
// sources changed since the last build (the build script's own `--if-stale` check).
//
// On the embedded database every test file's server starts from its own data folder. Setting
// one up (migrations, boundaries, need data, the demo) takes most of a minute on a small
// machine, so it is done once here, into a template folder that each server copies: what the
// copy holds is exactly what `setup.js` leaves after a first start (see server-process.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** This run's template folder: named by the process, which the teardown shares. */
export const templateDir = () => path.join(os.tmpdir(), `ia-e2e-template-${process.pid}`);

export default function globalSetup() {
  execFileSync(
    path.join(root, 'node_modules/.bin/tsx'),
    ['server/scripts/build.ts', '--if-stale'],
    { cwd: root, stdio: 'inherit' },
  );
  if (process.env.E2E_DATABASE_URL || process.env.DATABASE_URL) return;
  const template = templateDir();
  fs.rmSync(template, { recursive: true, force: true });
  fs.mkdirSync(template);
  const started = Date.now();
  execFileSync(process.execPath, [path.join(root, 'dist/server/setup.js')], {
    cwd: root,
    env: { ...process.env, DATA_DIR: template, TILE_URL: '', LOG_LEVEL: 'error' },
    stdio: 'inherit',
  });
  console.log(`Embedded database template set up in ${Date.now() - started} ms`);
  // Jest runs the files in this process (--runInBand), so they see it.
  process.env.E2E_TEMPLATE_DATA_DIR = template;
}
