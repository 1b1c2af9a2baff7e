/**
 * The README's two commands on a fresh clone with nothing beside it: `npm install`, then
 * `npm start` (build, setup, server). Clones the committed HEAD, so it proves what lands.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ROOT_DIR } from '../../server/src/config';

const run = promisify(execFile);
const PORT = 3000 + Math.floor(Math.random() * 1000) + 1000;
const url = `http://127.0.0.1:${PORT}`;

let parent: string | undefined;
let app: ChildProcess | undefined;

/** Stops `npm start` and everything it started (the app runs in its own process group). */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

afterAll(async () => {
  await stop(app);
  if (parent) await fs.rm(parent, { recursive: true, force: true });
});

/** The README's command lines inside its first fenced block, in order. */
async function readmeCommands(): Promise<string[]> {
  const readme = await fs.readFile(path.join(ROOT_DIR, 'README.md'), 'utf8');
  const block = /```(?:sh|bash)?\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

describe('a fresh clone', () => {
  it('runs the README start command with nothing beside the repository and leaves git status clean', async () => {
    const [start] = await readmeCommands();
    expect(start).toBe('npm install && npm start');

    parent = await fs.mkdtemp(path.join(os.tmpdir(), 'ia-clone-'));
    const dir = path.join(parent, 'impact-atlas');
    await run('git', ['clone', '--quiet', '--no-hardlinks', ROOT_DIR, dir]);
    expect(await fs.readdir(parent)).toEqual(['impact-atlas']);

    // The app's environment, not the test run's: the embedded database inside the clone.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC' };
    env.PORT = String(PORT);
    env.HOST = '127.0.0.1';
    env.TILE_URL = '';
    env.npm_config_prefer_offline = 'true';
    env.npm_config_audit = 'false';
    env.npm_config_fund = 'false';

    const started = Date.now();
    let output = '';
    app = spawn('sh', ['-c', start!], { cwd: dir, env, detached: true });
    app.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    app.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    let healthy = false;
    while (!healthy && Date.now() - started < 300_000) {
      if (app.exitCode !== null)
        throw new Error(`npm start exited with ${app.exitCode}:\n${output}`);
      healthy = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (!healthy) await new Promise((r) => setTimeout(r, 500));
    }
    if (!healthy) throw new Error(`No answer from ${url} within 5 minutes:\n${output}`);
    process.stderr.write(
      `\nFresh clone: npm install && npm start answered in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );

    const health = (await (await fetch(`${url}/api/health`)).json()) as { database: string };
    expect(health.database).toBe('embedded');
    const territories = (await (await fetch(`${url}/api/territories`)).json()) as {
      features: unknown[];
    };
    expect(territories.features).toHaveLength(45);
    const activities = (await (await fetch(`${url}/api/activities?pageSize=1`)).json()) as {
      total: number;
    };
    expect(activities.total).toBeGreaterThan(1000);
    const tenders = (await (await fetch(`${url}/api/tenders`)).json()) as {
      items: { title: string }[];
    };
    expect(tenders.items.map((t) => t.title)).toContain('Custody healthcare services (demo)');
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module"[^>]+src="\/assets\//);

    await stop(app);
    const { stdout: status } = await run('git', ['status', '--porcelain'], { cwd: dir });
    expect(status).toBe('');
  });
});
