import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openApiChecker } from '../../support/openapi-check';
import { createTestApp, type TestApp } from '../../support/test-app';
import { FuzzClient, type FuzzResponse } from './fuzz-client';
import {
  fuzzCases,
  operationsOf,
  urlOf,
  WRITES,
  type FuzzCase,
  type OpenApiDocument,
  type Operation,
} from './fuzz-cases';
import { countChanges, rowCounter, type RowCounter, type RowCounts } from './fuzz-row-counts';
import { buildWorld, resourceOf, type World } from './fuzz-world';

/**
 * Drives every route of the app's OpenAPI document with generated requests, as someone
 * signed out and as each role: no answer is a 5xx, every refusal has the API's error shape,
 * and a refused request writes nothing. Replay a run with FUZZ_SEED; FUZZ_CASES sets its size.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
const CASES = Number(process.env.FUZZ_CASES ?? 10_240);
// The chance, at each value of a body or parameter, of a hostile value or another type: low
// enough that many requests are wholly valid and reach the services and the database.
const HOSTILE_RATE = 0.06;
const CHUNK = 256;

interface Failure {
  index: number;
  route: string;
  role: string;
  status: number;
  reason: string;
  request: string;
}

function documentOf(t: TestApp): OpenApiDocument {
  const doc = (t.app.locals as { openapi?: unknown }).openapi as OpenApiDocument | undefined;
  if (!doc) throw new Error('the app has no OpenAPI document on app.locals.openapi');
  return doc;
}

/** What is wrong with a refusal's body, if anything: it must be `{ error: { code, message, details } }`. */
function errorShapeProblem(res: FuzzResponse): string | null {
  const error = (res.json as { error?: Record<string, unknown> } | undefined)?.error;
  if (!error || typeof error !== 'object') return `not the error shape: ${res.text.slice(0, 200)}`;
  if (typeof error.code !== 'string' || !/^[a-z_]+$/.test(error.code)) return 'error.code';
  if (typeof error.message !== 'string' || error.message === '') return 'error.message';
  if (!('details' in error)) return 'error.details missing';
  return null;
}

function describeRequest(url: string, c: FuzzCase): string {
  const body =
    c.body.kind === 'none'
      ? ''
      : c.body.kind === 'raw'
        ? ` raw(${c.body.contentType}, ${c.body.body.length} bytes)`
        : ` ${JSON.stringify(c.body.value)}`;
  const extra = `${c.origin === 'own' ? '' : ` origin=${c.origin}`}${c.idempotencyKey ? ' idempotency' : ''}`;
  return `${url}${body}${extra}`.slice(0, 400);
}

describe('the API under fuzzed input', () => {
  let t: TestApp;
  let client: FuzzClient;
  let world: World;
  let counter: RowCounter;

  beforeAll(async () => {
    t = await createTestApp({
      // Limits that still answer 429 to a burst at one account, but not to most requests.
      rateLimits: {
        signInPerIp: 5_000,
        signInPerAccount: 200,
        signUpPerIp: 500,
        windowMinutes: 15,
      },
    });
    client = await FuzzClient.start(t.app);
    world = await buildWorld(t, client);
    counter = await rowCounter(t.database);
    // A copied database's rows carry no hint bits until first read: every count would check
    // the commit log row by row. Once vacuumed, a snapshot costs a few milliseconds.
    await sql`VACUUM`.execute(t.database.db);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await t?.close();
  });

  it('answers every generated request without a 5xx, refuses in the error shape and writes nothing when it refuses', async () => {
    const doc = documentOf(t);
    const operations: Operation[] = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(50);
    const arbitrary = fuzzCases(doc, operations, HOSTILE_RATE);
    const check = openApiChecker(t.app.locals.openapi);
    const failures: Failure[] = [];
    const statuses = new Map<string, number>();
    const reached = new Set<string>();
    let before: RowCounts | null = null;
    const started = Date.now();

    for (let index = 0; index < CASES; index += CHUNK) {
      const chunk = fc.sample(arbitrary, {
        seed: SEED + index / CHUNK,
        numRuns: Math.min(CHUNK, CASES - index),
      });
      for (const [offset, c] of chunk.entries()) {
        const op = operations[c.op]!;
        const actor = world.actors[c.role];
        const url = urlOf(op, c, world.known);
        const headers: Record<string, string> = { accept: 'application/json' };
        if (c.origin === 'own') headers.origin = client.origin;
        if (c.origin === 'wrong') headers.origin = 'https://evil.example';
        if (c.origin === 'cross-site') headers['sec-fetch-site'] = 'cross-site';
        if (c.idempotencyKey !== null) headers['idempotency-key'] = c.idempotencyKey;
        let body: string | Buffer | undefined;
        if (c.body.kind === 'json') {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(world.known.substitute(c.body.value)) ?? 'null';
        } else if (c.body.kind === 'raw') {
          headers['content-type'] = c.body.contentType;
          body = c.body.body;
        }
        const write = WRITES.has(op.method);
        if (write && before === null) before = await counter.snapshot();

        const fail = (status: number, reason: string) =>
          failures.push({
            index: index + offset,
            route: op.label,
            role: c.role,
            status,
            reason,
            request: describeRequest(url, c),
          });
        let res: FuzzResponse;
        try {
          res = await client.send({ method: op.method, path: url, headers, body }, actor.jar);
        } catch (error) {
          fail(0, `no answer: ${(error as Error).message}`);
          before = null;
          continue;
        }
        const kind = `${Math.floor(res.status / 100)}xx`;
        statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
        if (res.status < 400) reached.add(op.label);

        // A path the fuzzer bent out of every template (an empty or slashed id) is no
        // documented operation's: its 404 is checked for the error shape only.
        const documented = check.templateOf(url) !== undefined;
        if (documented && res.status < 500) {
          const mismatch = check.problems({
            method: op.method,
            path: url,
            status: res.status,
            contentType: res.headers['content-type'],
            body: res.json,
          });
          if (mismatch.length)
            fail(res.status, `not as documented: ${mismatch.join('; ').slice(0, 300)}`);
        }
        if (res.status >= 500) fail(res.status, `server error: ${res.text.slice(0, 300)}`);
        else if (res.status >= 400) {
          const problem = errorShapeProblem(res);
          if (problem) fail(res.status, problem);
        } else if (res.json !== undefined) {
          world.known.harvest(res.json, resourceOf(op.path));
        }

        if (write) {
          if (res.status >= 400) {
            const after = await counter.snapshot();
            const changed = countChanges(before!, after);
            if (changed.length) fail(res.status, `refused but wrote: ${changed.join(', ')}`);
            before = after;
          } else {
            before = null;
          }
        }
        // A fuzzed sign-out (or a session ended otherwise) leaves the role signed out.
        if (c.role === 'anonymous') actor.jar.clear();
        else if (actor.jar.header() === undefined) {
          await actor.renew();
          before = null;
        }
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses]
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const unreached = operations.filter((op) => !reached.has(op.label)).map((op) => op.label);
    console.log(
      [
        `fuzz: ${CASES} cases, ${failures.length} failures (seed ${SEED}, ${seconds} s; ${byStatus}; ${operations.length} operations, ${counter.tables.length} tables counted)`,
        `never answered below 400: ${unreached.length ? unreached.join(', ') : 'none'}`,
        ...failures
          .slice(0, 30)
          .map(
            (f) => `#${f.index} ${f.role} ${f.route} → ${f.status}: ${f.reason}\n    ${f.request}`,
          ),
      ].join('\n'),
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(failures).toHaveLength(0);
  }, 600_000);
});
