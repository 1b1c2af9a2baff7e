/**
 * The database-fault drill shared by `test/e2e/faults.e2e.ts` and `npm run bench -- faults`:
 * two server processes on a PostgreSQL cluster of the drill's own (and a Redis between them),
 * a stream of activity creates through both, and meanwhile the app's backends killed
 * (`pg_terminate_backend`) several times and PostgreSQL stopped hard (`pg_ctl -m immediate`)
 * and started again. It records every request and every `activities.updated` a socket of
 * each process hears, then reads the database, and answers the figures; it asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  JoinAnswer,
  PublishedEvent,
  ServerToClientEvents,
} from '@shared/events';
import type { MeView } from '@shared/schemas/accounts';
import { buildActivity, buildOrganisation, buildSignUp } from '../../seed/factories';
import { startPostgresCluster } from './postgres-cluster';
import { startServer, type ServerProcess } from './server-process';

export interface FaultDrillOptions {
  /** PostgreSQL's programs (`initdb`, `pg_ctl`), see `findPostgresBin`. */
  pgBin: string;
  redisUrl: string;
  /** How many times the app's backends are killed. */
  terminations?: number;
  /** How long PostgreSQL stays stopped. */
  outageMs?: number;
  /** Concurrent writers per process. */
  writersPerProcess?: number;
  /** The servers' `DATABASE_CONNECT_TIMEOUT_MS` and `DATABASE_STATEMENT_TIMEOUT_MS`. */
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** An HTTP status, or what happened instead of one. */
export type Outcome = number | 'timeout' | 'transport';

export interface WriteRecord {
  key: string;
  title: string;
  /** Which process it went through (0 or 1). */
  via: number;
  startedAt: number;
  endedAt: number;
  status: Outcome;
  code?: string;
  retryAfter?: string | null;
  activityId?: string;
}

export interface ProcessFigures {
  url: string;
  attempted: number;
  acknowledged: number;
  /** 503 `database_unavailable` with Retry-After. */
  unavailable: number;
  /** Every other failure: a 500, another status, a 503 without Retry-After, no answer. */
  otherFailures: WriteRecord[];
  /** The slowest failed answer, in ms. */
  slowestFailureMs: number;
  /** From each kill to the end of the first 2xx of a write sent after it; null if none. */
  recoveryAfterTerminateMs: (number | null)[];
  /** From PostgreSQL accepting connections again to the first 2xx; null if none. */
  recoveryAfterRestartMs: number | null;
  /** `/api/health` while PostgreSQL was stopped. */
  healthDuringOutage: { status: Outcome; retryAfter: string | null };
  /** `events.since` asked over a socket while PostgreSQL was stopped, as a client does after a reconnect. */
  catchUpDuringOutage: 'answered' | 'unanswered';
  /** The process's exit code while the drill ran; null when it was still running at the end. */
  exitCode: number | string | null;
  /** `activities.updated` heard by a socket connected to this process, in the territory's room. */
  events: { delivered: number; duplicates: number; missing: number; unexpected: number };
  socketDisconnects: number;
}

export interface FaultReport {
  processes: ProcessFigures[];
  writes: WriteRecord[];
  /** Activities of the drill in the database at the end. */
  committed: number;
  /** Acknowledged (2xx) activity ids missing from the database. */
  lost: string[];
  /** Failed writes that committed all the same (the answer was lost, not the write). */
  committedUnacknowledged: number;
  /**
   * Failed writes sent again with their Idempotency-Key after recovery, by outcome: those
   * that had not committed (a new write), and those that had (their answer was lost).
   */
  retries: { uncommitted: Record<string, number>; committed: Record<string, number> };
  /** Titles (one per Idempotency-Key) that made more than one activity. */
  duplicateWrites: number;
  /** Outbox events of the drill's activities still unpublished at the end. */
  unpublished: number;
  backendsTerminated: number[];
  /** From `pg_ctl -m immediate stop` to `pg_ctl start` answering. */
  outageMs: number;
  /** What the servers logged of their 500s (`unhandled error`), the first few. */
  unhandledErrors: string[];
}

const TERRITORY = 'E23000029';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const ok = (status: Outcome) => typeof status === 'number' && status >= 200 && status < 300;

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket in the territory's room that counts each activity's `activities.updated`. */
async function listen(url: string) {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const joined = await new Promise<JoinAnswer>((resolve) =>
    socket.emit('rooms.join', `territory:${TERRITORY}`, resolve),
  );
  if (!joined.ok) throw new Error(`could not join the territory room: ${joined.error}`);
  const heard = new Map<string, number>();
  const eventIds = new Set<number>();
  let disconnects = 0;
  socket.on('activities.updated', (e: PublishedEvent<'activities.updated'>) => {
    heard.set(e.payload.activityId, (heard.get(e.payload.activityId) ?? 0) + 1);
    eventIds.add(e.eventId);
  });
  socket.on('disconnect', () => (disconnects += 1));
  return {
    heard,
    disconnects: () => disconnects,
    /** `events.since` as the client asks it after a reconnect; answered or not within 2 s. */
    catchUp: async (): Promise<'answered' | 'unanswered'> => {
      const since = Math.max(0, ...eventIds);
      return socket
        .timeout(2000)
        .emitWithAck('events.since', since)
        .then(
          () => 'answered' as const,
          () => 'unanswered' as const,
        );
    },
    close: () => socket.close(),
  };
}

/** Signs a provider up, then in (the sign-in's cookie and organisation). */
async function provider(url: string) {
  const signUp = buildSignUp({
    email: `fault-drill-${randomUUID()}@example.test`,
    organisation: buildOrganisation('provider'),
  });
  const up = await fetch(`${url}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signUp),
  });
  if (!up.ok) throw new Error(`sign-up: ${up.status} ${await up.text()}`);
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: signUp.email, password: signUp.password }),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as MeView;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, orgId: me.organisations[0]!.id };
}

/** Runs the drill and answers what it saw. Starts and removes everything it uses. */
export async function runFaultDrill(options: FaultDrillOptions): Promise<FaultReport> {
  const {
    terminations = 3,
    outageMs = 4000,
    writersPerProcess = 2,
    connectTimeoutMs = 3000,
    statementTimeoutMs = 5000,
    log = () => undefined,
  } = options;
  /** A request unanswered after this long has hung. */
  const hangMs = 4 * (connectTimeoutMs + statementTimeoutMs);

  log('starting a PostgreSQL cluster of its own');
  const cluster = await startPostgresCluster(options.pgBin);
  const servers: ServerProcess[] = [];
  const listeners: Awaited<ReturnType<typeof listen>>[] = [];
  let stopping = false;
  let stream: Promise<void>[] = [];
  try {
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE impact_atlas_faults');
    await admin.end();
    const databaseUrl = cluster.url('impact_atlas_faults');
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: options.redisUrl,
      DATABASE_CONNECT_TIMEOUT_MS: String(connectTimeoutMs),
      DATABASE_STATEMENT_TIMEOUT_MS: String(statementTimeoutMs),
      // The drill's own sign-up and sign-in must not meet limits other runs left in Redis.
      RATE_LIMIT_SIGN_UP_PER_IP: '1000',
      RATE_LIMIT_SIGN_IN_PER_IP: '1000',
    };
    log('starting two server processes (setup, migrations, seed)');
    servers.push(await startServer(env));
    servers.push(await startServer(env));
    const urls = servers.map((s) => s.url);
    for (const url of urls) listeners.push(await listen(url));
    const { cookie, orgId } = await provider(urls[0]!);

    // ——— The write stream ———
    const writes: WriteRecord[] = [];
    let seq = 0;
    const send = async (via: number, key: string, title: string): Promise<WriteRecord> => {
      const startedAt = now();
      const record: WriteRecord = { key, title, via, startedAt, endedAt: 0, status: 'transport' };
      try {
        const res = await fetch(`${urls[via]}/api/activities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key },
          body: JSON.stringify({ providerId: orgId, ...buildActivity({ title }) }),
          signal: AbortSignal.timeout(hangMs),
        });
        const body = (await res.json().catch(() => ({}))) as {
          id?: string;
          error?: { code?: string };
        };
        record.status = res.status;
        record.retryAfter = res.headers.get('retry-after');
        if (ok(res.status)) record.activityId = body.id;
        else record.code = body.error?.code;
      } catch (error) {
        record.status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'transport';
      }
      record.endedAt = now();
      return record;
    };
    const writer = async (via: number) => {
      while (!stopping) {
        seq += 1;
        const record = await send(via, randomUUID(), `Fault drill write ${seq}`);
        writes.push(record);
        // Failures are retried later, with their key; meanwhile the stream goes on, gently.
        await sleep(ok(record.status) ? 10 : 100);
      }
    };
    stream = urls.flatMap((_, via) => Array.from({ length: writersPerProcess }, () => writer(via)));

    /** Waits until each process has acknowledged a write sent after `since`; answers the times. */
    const recovery = async (since: number): Promise<(number | null)[]> => {
      const deadline = now() + 60_000;
      const first = () =>
        urls.map((_, via) => {
          const acks = writes.filter((w) => w.via === via && w.startedAt >= since && ok(w.status));
          return acks.length ? Math.min(...acks.map((w) => w.endedAt)) - since : null;
        });
      while (first().includes(null) && now() < deadline) await sleep(20);
      return first();
    };

    await sleep(2000);
    const backendsTerminated: number[] = [];
    const afterTerminate: (number | null)[][] = [];
    const killer = new pg.Client({ connectionString: databaseUrl });
    await killer.connect();
    for (let i = 0; i < terminations; i += 1) {
      const at = now();
      const { rowCount } = await killer.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      backendsTerminated.push(rowCount ?? 0);
      afterTerminate.push(await recovery(at));
      log(`killed ${rowCount} backends; recovered in ${afterTerminate.at(-1)!.map(ms).join(', ')}`);
      await sleep(1000);
    }
    await killer.end();

    log('stopping PostgreSQL (immediate)');
    const stoppedAt = now();
    let startedAt = stoppedAt;
    let health: ProcessFigures['healthDuringOutage'][] = [];
    let catchUps: ProcessFigures['catchUpDuringOutage'][] = [];
    try {
      await cluster.stopImmediately();
      await sleep(outageMs / 4);
      // Mid-outage, what a load balancer and a reconnecting client would ask.
      [health, catchUps] = await Promise.all([
        Promise.all(
          urls.map(async (url) => {
            const res = await fetch(`${url}/api/health`, {
              signal: AbortSignal.timeout(hangMs),
            }).catch(() => undefined);
            return {
              status: res?.status ?? ('transport' as const),
              retryAfter: res?.headers.get('retry-after') ?? null,
            };
          }),
        ),
        Promise.all(listeners.map((l) => l.catchUp())),
      ]);
      await sleep(Math.max(0, outageMs - (now() - stoppedAt)));
    } finally {
      // Whatever failed above, PostgreSQL runs again for what follows.
      await cluster.start();
      startedAt = now();
    }
    const afterRestart = await recovery(startedAt);
    log(
      `PostgreSQL back after ${ms(startedAt - stoppedAt)}; recovered in ${afterRestart.map(ms).join(', ')}`,
    );
    await sleep(2000);
    stopping = true;
    await Promise.all(stream);

    const reader = new pg.Client({ connectionString: databaseUrl });
    await reader.connect();
    const drillActivities = async () =>
      (
        await reader.query<{ id: string; title: string }>(
          'SELECT id, title FROM activities WHERE provider_id = $1',
          [orgId],
        )
      ).rows;
    // Failed writes that committed all the same: their answer was lost, not the write.
    const committedBeforeRetries = new Set((await drillActivities()).map((r) => r.title));
    const committedUnacknowledged = writes.filter(
      (w) => !ok(w.status) && committedBeforeRetries.has(w.title),
    ).length;

    // ——— As a client would: each failed write again, with its key ———
    const retries: FaultReport['retries'] = { uncommitted: {}, committed: {} };
    for (const w of writes.filter((w) => !ok(w.status))) {
      const outcome = outcomeOf(await send(w.via, w.key, w.title));
      const counts = committedBeforeRetries.has(w.title) ? retries.committed : retries.uncommitted;
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }

    // ——— What the database holds, and what the sockets heard ———
    const rows = await drillActivities();
    const ids = new Set(rows.map((r) => r.id));
    const deadline = now() + 15_000;
    while (now() < deadline && listeners.some((l) => [...ids].some((id) => !l.heard.has(id))))
      await sleep(100);
    // Anything the relay may still send (a duplicate) has a second to arrive.
    await sleep(1000);
    const unpublished = await reader.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_events
       WHERE topic = 'activities.updated' AND published_at IS NULL
         AND payload->>'activityId' = ANY($1::text[])`,
      [[...ids]],
    );
    await reader.end();

    const titles = new Map<string, number>();
    for (const r of rows) titles.set(r.title, (titles.get(r.title) ?? 0) + 1);

    const processes = urls.map((url, via): ProcessFigures => {
      const mine = writes.filter((w) => w.via === via);
      const failures = mine.filter((w) => !ok(w.status));
      const unavailable = failures.filter(
        (w) => w.status === 503 && w.code === 'database_unavailable' && w.retryAfter,
      );
      const heard = listeners[via]!.heard;
      return {
        url,
        attempted: mine.length,
        acknowledged: mine.length - failures.length,
        unavailable: unavailable.length,
        otherFailures: failures.filter((w) => !unavailable.includes(w)),
        slowestFailureMs: Math.max(0, ...failures.map((w) => w.endedAt - w.startedAt)),
        recoveryAfterTerminateMs: afterTerminate.map((r) => r[via] ?? null),
        recoveryAfterRestartMs: afterRestart[via] ?? null,
        healthDuringOutage: health[via] ?? { status: 'transport', retryAfter: null },
        catchUpDuringOutage: catchUps[via] ?? 'unanswered',
        exitCode: servers[via]!.exitCode(),
        events: {
          delivered: [...heard.values()].reduce((a, b) => a + b, 0),
          duplicates: [...heard.values()].filter((n) => n > 1).length,
          missing: [...ids].filter((id) => !heard.has(id)).length,
          unexpected: [...heard.keys()].filter((id) => !ids.has(id)).length,
        },
        socketDisconnects: listeners[via]!.disconnects(),
      };
    });
    return {
      processes,
      writes,
      committed: rows.length,
      lost: writes
        .filter((w) => ok(w.status) && (!w.activityId || !ids.has(w.activityId)))
        .map((w) => w.activityId ?? w.key),
      committedUnacknowledged,
      retries,
      duplicateWrites: [...titles.values()].filter((n) => n > 1).length,
      unpublished: unpublished.rows[0]!.n,
      backendsTerminated,
      outageMs: startedAt - stoppedAt,
      unhandledErrors: servers
        .flatMap((s) => s.output().split('\n'))
        .filter((line) => line.includes('"unhandled error"'))
        .slice(0, 5),
    };
  } finally {
    stopping = true;
    await Promise.all(stream);
    for (const listener of listeners) listener.close();
    await Promise.all(servers.map((s) => s.stop()));
    await cluster.destroy();
  }
}

const ms = (n: number | null) => (n === null ? 'never' : `${Math.round(n)} ms`);

/** Counts by outcome, as `165 × 201, 1 × 409 idempotency_key_reused`. */
const tally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([outcome, n]) => `${n} × ${outcome}`)
    .join(', ') || 'none';

const outcomeOf = (w: WriteRecord) => `${w.status}${w.code ? ` ${w.code}` : ''}`;

/** The outcomes of these writes, counted. */
function countOutcomes(writes: WriteRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const w of writes) counts[outcomeOf(w)] = (counts[outcomeOf(w)] ?? 0) + 1;
  return counts;
}

/** The report as the bench prints it (and the test, beside its assertions). */
export function formatFaultReport(report: FaultReport): string {
  const lines = [
    `backends killed: ${report.backendsTerminated.join(', ')}; PostgreSQL stopped (immediate) for ${ms(report.outageMs)}`,
    `writes committed: ${report.committed}; acknowledged but lost: ${report.lost.length}; ` +
      `failed but committed: ${report.committedUnacknowledged}; ` +
      `one key, several activities: ${report.duplicateWrites}`,
    `failed writes sent again with their key: ${tally(report.retries.uncommitted)} ` +
      `(of those that had committed: ${tally(report.retries.committed)})`,
    `outbox events unpublished at the end: ${report.unpublished}`,
  ];
  report.processes.forEach((p, i) => {
    lines.push(
      `process ${i + 1} (${p.exitCode === null ? 'running' : `exited ${p.exitCode}`}):`,
      `  writes attempted ${p.attempted}, acknowledged ${p.acknowledged}, 503 with Retry-After ${p.unavailable}, ` +
        `other failures ${p.otherFailures.length}${p.otherFailures.length ? ` (${tally(countOutcomes(p.otherFailures))})` : ''}, ` +
        `slowest failure ${ms(p.slowestFailureMs)}`,
      `  recovery after each kill: ${p.recoveryAfterTerminateMs.map(ms).join(', ')}; after the restart: ${ms(p.recoveryAfterRestartMs)}`,
      `  during the outage: health ${p.healthDuringOutage.status} (Retry-After ${p.healthDuringOutage.retryAfter ?? 'none'}), events.since ${p.catchUpDuringOutage}`,
      `  activities.updated heard by a socket here: ${p.events.delivered} (duplicates ${p.events.duplicates}, ` +
        `missing ${p.events.missing}, unexpected ${p.events.unexpected}); socket disconnects ${p.socketDisconnects}`,
    );
  });
  if (report.unhandledErrors.length) {
    lines.push('what the servers logged of their first 500s:');
    lines.push(...report.unhandledErrors.map((line) => `  ${line.slice(0, 600)}`));
  }
  return `${lines.join('\n')}\n`;
}
