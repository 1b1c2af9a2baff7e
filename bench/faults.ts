/**
 * Database faults: the drill of `test/e2e/faults.e2e.ts` (two server processes, a stream of
 * activity creates through both, the app's backends killed, then PostgreSQL stopped with
 * `pg_ctl -m immediate` and started again), with its figures printed: writes attempted,
 * acknowledged, lost, refused with 503; events delivered and duplicated; recovery times.
 * It starts a PostgreSQL cluster of its own (initdb in a temporary folder, on a free port)
 * and, unless REDIS_URL is given, a Redis of its own; it builds the app first when stale.
 *   npm run bench -- faults [--terminations N] [--outage-ms MS] [--writers N]
 */
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT_DIR } from '../server/src/config';
import { formatFaultReport, runFaultDrill } from '../test/support/fault-scenario';
import { findPostgresBin, postgresClusterUnavailable } from '../test/support/postgres-cluster';
import { loadAverage } from './catalogue';

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    terminations: { type: 'string', default: '3' },
    'outage-ms': { type: 'string', default: '4000' },
    writers: { type: 'string', default: '2' },
  },
});

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

/** A throw-away `redis-server` on a free port, nothing saved; answers its URL and a stop. */
async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`redis-server: ${error.message}`)));
    const deadline = Date.now() + 10_000;
    const poll = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        if (Date.now() > deadline) reject(new Error('redis-server did not start'));
        else setTimeout(poll, 100);
      });
    };
    poll();
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

const pgBin = findPostgresBin();
const problem = postgresClusterUnavailable(pgBin);
if (problem) {
  console.error(`Cannot run the database-fault drill: ${problem}.`);
  process.exit(1);
}

// The drill runs the compiled app, as `npm start` does.
execFileSync(
  path.join(ROOT_DIR, 'node_modules/.bin/tsx'),
  ['server/scripts/build.ts', '--if-stale'],
  { cwd: ROOT_DIR, stdio: 'inherit' },
);

const redis = process.env.REDIS_URL ? undefined : await startRedis();
console.log(
  `database-fault drill (node ${process.version}, ${os.cpus().length} CPUs, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${loadAverage()}; ` +
    `PostgreSQL from ${pgBin}, Redis ${redis ? 'of its own' : process.env.REDIS_URL})`,
);
try {
  const report = await runFaultDrill({
    pgBin: pgBin!,
    redisUrl: redis?.url ?? process.env.REDIS_URL!,
    terminations: Number(values.terminations),
    outageMs: Number(values['outage-ms']),
    writersPerProcess: Number(values.writers),
    log: (line) => console.log(`  ${line}`),
  });
  console.log(formatFaultReport(report));
} finally {
  redis?.stop();
}
