import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { loadConfig } from '../../../server/src/config';
import { seedMeasures } from '../../../seed/seed';
import { MeasuresFileError, readMeasures } from '../../../seed/toms';
import { createTestApp, type TestApp } from '../../support/test-app';

const { tomsFile } = loadConfig();
let t: TestApp;
let dir: string;
let csv: Record<string, string>[];
beforeAll(async () => {
  t = await createTestApp();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ia-toms-'));
  csv = parse(await fs.readFile(tomsFile, 'utf8'), { columns: true, skip_empty_lines: true });
});
afterAll(async () => {
  await t.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('GET /api/toms/measures', () => {
  it('serves every measure of the handed-over CSV with its exact proxy value', async () => {
    const res = await request(t.app).get('/api/toms/measures');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(csv.length);
    const byCode = new Map(res.body.map((m: { code: string }) => [m.code, m]));
    for (const row of csv) {
      expect(byCode.get(row.code)).toEqual({
        framework: 'national-toms-starter',
        code: row.code,
        theme: row.theme,
        measure: row.measure,
        unit: row.unit,
        proxyValueGbp: row.proxy_value_gbp,
      });
    }
  });

  it('keeps fractions of a penny exact', async () => {
    const res = await request(t.app).get('/api/toms/measures');
    const values = (res.body as { proxyValueGbp: string }[]).map((m) => m.proxyValueGbp);
    expect(values).toEqual(expect.arrayContaining(['0.012', '0.963812', '30782']));
  });

  it('filters by framework, and answers none for an unknown one', async () => {
    expect(
      (await request(t.app).get('/api/toms/measures?framework=national-toms-starter')).body,
    ).toHaveLength(csv.length);
    expect((await request(t.app).get('/api/toms/measures?framework=nope')).body).toEqual([]);
  });
});

describe('GET /api/toms/measures?q=', () => {
  const codes = async (q: string) => {
    const res = await request(t.app).get('/api/toms/measures').query({ q });
    expect(res.status).toBe(200);
    return (res.body as { code: string }[]).map((m) => m.code);
  };

  it.each([
    // Plain words find measures written in procurement language.
    ['youth', ['NT4', 'NT8', 'NT10', 'NT13']],
    ['apprentices', ['NT10']],
    ['carbon', ['NT15a', 'NT32', 'NT33']],
    ['volunteers', ['NT29']],
    ['ex-offenders', ['NT5']],
    ['disability', ['NT6']],
  ])('finds measures for the plain word "%s" in their text and themes', async (q, expected) => {
    expect(await codes(q)).toEqual(expect.arrayContaining(expected));
  });

  it('puts a measure whose own words match before one found through related words', async () => {
    const found = await codes('carbon');
    expect(found[0]).toBe('NT15a');
  });

  it('finds a theme by its words, and a code typed whole first', async () => {
    const jobs = await codes('Jobs');
    expect(jobs).toEqual(expect.arrayContaining(['NT1', 'NT3', 'NT4', 'NT13']));
    expect(jobs).not.toContain('NT68');
    expect((await codes('nt1'))[0]).toBe('NT1');
    expect(await codes('RBC1')).toEqual(['CBC5 RBC1']);
  });

  it('is blind to case and spacing, and finds nothing for words no measure has', async () => {
    expect(await codes('  YOUTH ')).toEqual(await codes('youth'));
    expect(await codes('xyzzy')).toEqual([]);
  });

  it('refuses a search over 100 characters in the error shape', async () => {
    const res = await request(t.app)
      .get('/api/toms/measures')
      .query({ q: 'y'.repeat(101) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'q', message: 'Search must be 100 characters or fewer' }],
    });
  });
});

describe('GET /api/toms/frameworks', () => {
  it('names each framework with its source, licence and size', async () => {
    const res = await request(t.app).get('/api/toms/frameworks');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        id: 'national-toms-starter',
        name: 'National TOMs (starter set)',
        source: expect.stringContaining('toms-measures.csv'),
        licence: 'National TOMs © Social Value Portal, CC BY-NC-ND 4.0',
        measureCount: csv.length,
      }),
    ]);
  });
});

describe('importing measures', () => {
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, text);
    return file;
  };
  const header = 'code,theme,measure,unit,proxy_value_gbp\n';

  it.each([
    ['a negative proxy', `${header}NT1,Jobs,Local people,FTE,-5\n`, /row 2: proxy_value_gbp/],
    [
      'a proxy with a comma',
      `${header}NT1,Jobs,Local people,FTE,"30,782"\n`,
      /row 2: proxy_value_gbp/,
    ],
    ['a missing unit', `${header}NT1,Jobs,Local people,,5\n`, /row 2: unit/],
    ['a duplicate code', `${header}NT1,Jobs,A,FTE,1\nNT1,Jobs,B,FTE,2\n`, /duplicate codes: NT1/],
    ['no rows', header, /no measures/],
  ])('refuses a file with %s and imports nothing', async (_case, text, message) => {
    const before = (await request(t.app).get('/api/toms/measures')).body;
    const file = await write('bad.csv', text);
    const error = await readMeasures(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeasuresFileError);
    expect((error as Error).message).toMatch(message);
    expect((await request(t.app).get('/api/toms/measures')).body).toEqual(before);
  });

  it('re-imports the same file without change', async () => {
    const before = (await request(t.app).get('/api/toms/measures')).body;
    expect(await seedMeasures(t.database, tomsFile)).toBe(csv.length);
    expect((await request(t.app).get('/api/toms/measures')).body).toEqual(before);
  });
});
