import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REFERENCE_DATA_DIR } from '../../../server/src/config';

/** The project's own notes beside the copied files: not copies, so not in the checksums. */
const OWN_NOTES = /(^|\/)(LICENCE[^/]*|README\.md|SHA256SUMS)$/;

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

async function checksums(): Promise<Map<string, string>> {
  const text = await fs.readFile(path.join(REFERENCE_DATA_DIR, 'SHA256SUMS'), 'utf8');
  const lines = text.trim().split('\n');
  return new Map(
    lines.map((line) => {
      const [sum, file] = line.split(/\s+\*?/) as [string, string];
      return [file.replace(/^\.\//, ''), sum];
    }),
  );
}

describe('the reference data copied into the repository', () => {
  it('is byte for byte what was handed over (SHA-256 of every copied file)', async () => {
    const sums = await checksums();
    expect(sums.size).toBeGreaterThanOrEqual(50);
    const changed: string[] = [];
    for (const [file, sum] of sums) {
      const bytes = await fs.readFile(path.join(REFERENCE_DATA_DIR, file));
      if (createHash('sha256').update(bytes).digest('hex') !== sum) changed.push(file);
    }
    expect(changed).toEqual([]);
  });

  it('has no file that is neither a listed copy nor one of the project notes', async () => {
    const sums = await checksums();
    const unlisted = (await listFiles(REFERENCE_DATA_DIR)).filter(
      (f) => !sums.has(f) && !OWN_NOTES.test(f),
    );
    expect(unlisted).toEqual([]);
  });

  it.each([
    ['boundaries', 'SOURCE.md', 'LICENCE-OGL-3.0.txt'],
    ['need', 'SOURCE.md', 'LICENCE-OGL-3.0.txt', 'LICENCE-CC-BY-4.0.txt'],
    ['places', 'SOURCE.md', 'LICENCE-OGL-3.0.txt'],
    ['national-toms', 'TOMS-SOURCE.md', 'LICENCE.md', 'LICENCE-CC-BY-NC-ND-4.0.txt'],
    ['schemas/ocds', 'SOURCE.md', 'LICENCE-Apache-2.0.txt'],
    ['schemas/hsds', 'SOURCE.md', 'LICENCE-CC-BY-SA-4.0.txt'],
    ['schemas/360giving', 'SOURCE.md', 'LICENCE-CC-BY-4.0.txt'],
  ])('keeps %s with its SOURCE note and licence text', async (folder, ...notes) => {
    for (const note of notes) {
      const text = await fs.readFile(path.join(REFERENCE_DATA_DIR, folder, note), 'utf8');
      expect(text.length).toBeGreaterThan(500);
    }
  });

  it("keeps the National TOMs in a folder of their own, saying the repository's licence does not apply", async () => {
    const folder = path.join(REFERENCE_DATA_DIR, 'national-toms');
    expect((await fs.readdir(folder)).sort()).toEqual([
      'LICENCE-CC-BY-NC-ND-4.0.txt',
      'LICENCE.md',
      'TOMS-SOURCE.md',
      'toms-measures.csv',
    ]);
    const note = await fs.readFile(path.join(folder, 'LICENCE.md'), 'utf8');
    expect(note).toContain('National TOMs © Social Value Portal, CC BY-NC-ND 4.0');
    expect(note).toMatch(/rest of the repository's licence does not apply/i);
  });
});
