import fs from 'node:fs';
import path from 'node:path';

export default function globalTeardown() {
  const prepared = JSON.parse(process.env.IA_TEST_DATABASE ?? '{}');
  if (prepared.dump) fs.rmSync(path.dirname(prepared.dump), { recursive: true, force: true });
}
