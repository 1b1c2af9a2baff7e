import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of its own (initdb in a temporary folder, on a free port) that a fault
 * test may stop hard and start again without disturbing any other test's database.
 */
export interface PostgresCluster {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust authentication). */
  url(database: string): string;
  /** `pg_ctl -m immediate stop`: every backend dies at once, as in a crash. */
  stopImmediately(): Promise<void>;
  /** `pg_ctl start -w`, with the options it was first started with; resolves once it accepts connections. */
  start(): Promise<void>;
  isRunning(): Promise<boolean>;
  /** Stops it (fast) and removes its folder. */
  destroy(): Promise<void>;
}

/**
 * The folder of PostgreSQL's programs: `E2E_PG_BIN`, else the newest Debian
 * `/usr/lib/postgresql/<version>/bin` that has `initdb`; undefined when there is none.
 */
export function findPostgresBin(): string | undefined {
  const given = process.env.E2E_PG_BIN;
  if (given) return given;
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  return fs
    .readdirSync(base)
    .filter((version) => fs.existsSync(path.join(base, version, 'bin/initdb')))
    .sort((a, b) => Number(a) - Number(b))
    .map((version) => path.join(base, version, 'bin'))
    .at(-1);
}

/** Why a cluster cannot be made here, or undefined when it can. */
export function postgresClusterUnavailable(bin: string | undefined): string | undefined {
  if (!bin) return 'no PostgreSQL programs (set E2E_PG_BIN or install postgresql-15)';
  if (!fs.existsSync(path.join(bin, 'initdb'))) return `no initdb in ${bin}`;
  if (process.getuid?.() === 0 && postgresUser() === undefined)
    return 'running as root and there is no postgres user to run PostgreSQL as';
  return undefined;
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
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

/**
 * Creates and starts a cluster (`initdb`, then `pg_ctl start` with fsync off, as CI runs its
 * own) with PostGIS available from the same installation. Destroy it when done.
 */
export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-pg-cluster-'));
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const pg = (program: string, args: string[]) =>
    run(path.join(bin, program), args, { cwd: dir, ...(user ?? {}), timeout: 120_000 });
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    const log = path.join(dir, 'server.log');
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
  };
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  await start();
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stopImmediately: async () => {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    start,
    isRunning: () =>
      pg('pg_ctl', ['-D', data, 'status']).then(
        () => true,
        () => false,
      ),
    destroy: async () => {
      await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
