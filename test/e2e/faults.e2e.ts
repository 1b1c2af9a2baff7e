/**
 * Two server processes under a stream of writes while the database fails under them: the
 * app's backends killed three times, then PostgreSQL stopped hard and started again. The
 * drill (`test/support/fault-scenario.ts`, also `npm run bench -- faults`) runs on a
 * PostgreSQL cluster of its own, so stopping it disturbs no other test's database.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { formatFaultReport, runFaultDrill, type FaultReport } from '../support/fault-scenario';
import { findPostgresBin, postgresClusterUnavailable } from '../support/postgres-cluster';

const redisUrl = process.env.REDIS_URL;
const pgBin = findPostgresBin();
const clusterProblem = postgresClusterUnavailable(pgBin);

function canRun(): boolean {
  // Two processes share events through Redis; CI gives it to the multi-process step only.
  if (!redisUrl) {
    console.warn('Skipping the database-fault drill: REDIS_URL is unset.');
    return false;
  }
  if (!clusterProblem) return true;
  if (process.env.CI) throw new Error(`CI gives REDIS_URL but ${clusterProblem}`);
  console.warn(`Skipping the database-fault drill: ${clusterProblem}.`);
  return false;
}

const CONNECT_TIMEOUT_MS = 3000;
const STATEMENT_TIMEOUT_MS = 5000;

(canRun() ? describe : describe.skip)('two server processes while the database fails', () => {
  let report: FaultReport;

  beforeAll(async () => {
    report = await runFaultDrill({
      pgBin: pgBin!,
      redisUrl: redisUrl!,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    });
    process.stdout.write(`\nDatabase-fault drill:\n${formatFaultReport(report)}`);
  }, 600_000);

  it('keeps both processes running', () => {
    expect(report.processes.map((p) => p.exitCode)).toEqual([null, null]);
  });

  it('really killed backends and really stopped PostgreSQL', () => {
    expect(report.backendsTerminated.every((n) => n > 0)).toBe(true);
    expect(report.processes.every((p) => p.unavailable > 0)).toBe(true);
  });

  it('answers again after every fault without a restart of the app', () => {
    for (const p of report.processes) {
      expect(p.recoveryAfterTerminateMs.every((ms) => ms !== null)).toBe(true);
      expect(p.recoveryAfterRestartMs).not.toBeNull();
    }
  });

  it('loses no acknowledged write', () => {
    expect(report.lost).toEqual([]);
    expect(report.committed).toBeGreaterThanOrEqual(
      report.processes.reduce((n, p) => n + p.acknowledged, 0),
    );
  });

  it('answers a write it cannot make with 503 and Retry-After, in time, never a 500', () => {
    const others = report.processes.flatMap((p) =>
      p.otherFailures.map((w) => `${w.status} ${w.code ?? ''}`.trim()),
    );
    // With what the servers logged of any 500, to read beside the failure.
    expect({ others, logged: report.unhandledErrors }).toEqual({ others: [], logged: [] });
    for (const p of report.processes)
      expect(p.slowestFailureMs).toBeLessThan(CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS);
  });

  it('says so on /api/health and leaves a catching-up socket unanswered rather than crash', () => {
    for (const p of report.processes) {
      expect(p.healthDuringOutage).toEqual({ status: 503, retryAfter: '5' });
      expect(p.catchUpDuringOutage).toBe('unanswered');
    }
  });

  it('makes one activity per Idempotency-Key when failed writes are sent again', () => {
    expect(report.duplicateWrites).toBe(0);
    // A write that had not committed is made now; one that had (its answer lost) is not made
    // again, and its key says so.
    expect(Object.keys(report.retries.uncommitted).filter((o) => o !== '201')).toEqual([]);
    expect(
      Object.keys(report.retries.committed).filter((o) => o !== '409 idempotency_key_reused'),
    ).toEqual([]);
  });

  it('delivers every committed activity’s event once to a socket of each process', () => {
    expect(report.unpublished).toBe(0);
    for (const p of report.processes) {
      expect(p.events).toEqual({
        delivered: report.committed,
        duplicates: 0,
        missing: 0,
        unexpected: 0,
      });
      expect(p.socketDisconnects).toBe(0);
    }
  });
});
