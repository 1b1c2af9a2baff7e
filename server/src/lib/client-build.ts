import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT_DIR } from '../config';

export const CLIENT_OUT_DIR = path.join(ROOT_DIR, 'dist/client');
const STAMP_FILE = path.join(CLIENT_OUT_DIR, '.source-hash');
const INPUTS = ['client', 'shared/src', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];

async function* walk(entry: string): AsyncGenerator<string> {
  const stat = await fs.stat(entry).catch(() => undefined);
  if (!stat) return;
  if (stat.isFile()) {
    yield entry;
    return;
  }
  const names = (await fs.readdir(entry)).sort();
  for (const name of names) yield* walk(path.join(entry, name));
}

/**
 * A hash of everything the client build reads. Content, not mtimes, because a fresh
 * clone gives every file the same new mtime.
 */
export async function clientSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for await (const file of walk(path.join(ROOT_DIR, input))) {
      hash
        .update(path.relative(ROOT_DIR, file))
        .update('\0')
        .update(await fs.readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

/** Builds the client with Vite when the build is missing or older than its sources. */
export async function ensureClientBuilt(log: (message: string) => void): Promise<void> {
  const wanted = await clientSourceHash();
  const built = await fs.readFile(STAMP_FILE, 'utf8').catch(() => undefined);
  if (built === wanted) return;
  log(
    built ? 'Client sources changed: rebuilding the client…' : 'Building the client (first start)…',
  );
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT_DIR, 'vite.config.ts'), logLevel: 'warn' });
  await fs.writeFile(STAMP_FILE, wanted);
}
