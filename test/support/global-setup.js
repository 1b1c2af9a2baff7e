// Prepares the seeded test database once per run, in a child process (tsx resolves the
// project's TypeScript and path aliases there), and hands its location to the workers.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function globalSetup() {
  const started = Date.now();
  const out = execFileSync(
    path.join(root, 'node_modules/.bin/tsx'),
    ['test/support/prepare-database.ts'],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const prepared = JSON.parse(out.trim().split('\n').at(-1));
  process.env.IA_TEST_DATABASE = JSON.stringify(prepared);
  process.stderr.write(
    `\nTest database (${prepared.kind}) prepared in ${Date.now() - started} ms\n`,
  );
}
