// Browser tests run the compiled app, as `npm start` does: build it once per run when the
// sources changed since the last build (the build script's own `--if-stale` check).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function globalSetup() {
  execFileSync(
    path.join(root, 'node_modules/.bin/tsx'),
    ['server/scripts/build.ts', '--if-stale'],
    { cwd: root, stdio: 'inherit' },
  );
}
