import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let clientDir: string;
beforeAll(async () => {
  clientDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ia-client-'));
  await fs.mkdir(path.join(clientDir, 'assets'));
  await fs.writeFile(
    path.join(clientDir, 'index.html'),
    '<!doctype html><title>Impact Atlas</title>',
  );
  await fs.writeFile(path.join(clientDir, 'assets/app-1234.js'), 'console.log(1)');
  t = await createTestApp({ clientDir });
});
afterAll(async () => {
  await t.close();
  await fs.rm(clientDir, { recursive: true, force: true });
});

describe('the built client', () => {
  it.each(['/', '/territories/E23000029'])('answers the page %s with index.html', async (page) => {
    const res = await request(t.app).get(page);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<title>Impact Atlas</title>');
  });

  it('serves hashed assets for a year', async () => {
    const res = await request(t.app).get('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
  });

  it.each(['/assets/app-gone.js', '/favicon.ico', '/robots.txt'])(
    'answers a missing file %s with a 404, not the page',
    async (file) => {
      const res = await request(t.app).get(file);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('<title>Impact Atlas</title>');
    },
  );

  it.each(['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json'])(
    'never serves files outside the build: %s',
    async (p) => {
      const res = await request(t.app).get(p);
      expect(res.text).not.toContain('"name": "impact-atlas"');
    },
  );
});
