import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../server/src/config';

export interface ServerProcess {
  url: string;
  /** The process's exit code (or signal), null while it runs. */
  exitCode(): number | string | null;
  /** What it has printed so far, stdout and stderr together. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a compiled script of `dist/server` to its end; throws with its output if it fails. */
function runToEnd(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT_DIR, 'dist/server', script)], {
      cwd: ROOT_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Settings that change what the setup step writes (which database, which reference data,
 * whether the demo is seeded, how its passwords are hashed): a server given any of these
 * is set up from scratch rather than from the run's template.
 */
const SETUP_INPUTS = new Set([
  'DATABASE_URL',
  'DATA_DIR',
  'NODE_ENV',
  'DEMO',
  'BOUNDARIES_FILE',
  'TOMS_FILE',
  'PASSWORD_HASH_COST',
]);

/** Extra environment for the server, or a function of its base URL (for `PUBLIC_URL`). */
export type ServerEnv = Record<string, string> | ((url: string) => Record<string, string>);

/**
 * Starts the compiled app as `npm start` does after its build step (the jest global setup
 * builds it when stale): `node dist/server/setup.js` (migrate, seed an empty database; on the
 * embedded database, a copy of the run's template that setup made once instead), then
 * `node dist/server/main.js` on a free port, with its own fresh embedded database unless
 * `env.DATABASE_URL` is given. Waits until `/api/health` answers.
 */
export async function startServer(extraEnv: ServerEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = typeof extraEnv === 'function' ? extraEnv(url) : extraEnv;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ia-e2e-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    TILE_URL: '',
    // Browser tests sign in far more often from one address than a person would, and with
    // REDIS_URL the counts are shared by every server of the run: generous limits, unless a
    // test sets its own (the rate-limit tests do).
    RATE_LIMIT_SIGN_IN_PER_IP: '100000',
    RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000',
    RATE_LIMIT_SIGN_UP_PER_IP: '100000',
    ...env,
  };
  const template = process.env.E2E_TEMPLATE_DATA_DIR;
  if (template && !Object.keys(env).some((key) => SETUP_INPUTS.has(key))) {
    // What setup.js would make here, made once for the run (e2e-global-setup.js).
    await fs.cp(template, dataDir, { recursive: true });
  } else {
    await runToEnd('setup.js', childEnv);
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT_DIR, 'dist/server/main.js')],
    { cwd: ROOT_DIR, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer within 3 minutes:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    exitCode: () => child.exitCode ?? child.signalCode,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
