import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { IdempotencyRepo } from '../features/idempotency/idempotency.repo';
import { AppError } from '../lib/app-error';

/** The running request's Idempotency-Key, until a committed transaction holds it. */
interface PendingKey {
  personId: string;
  key: string;
  requestHash: string;
  claimed: boolean;
}

const pending = new AsyncLocalStorage<PendingKey>();

const stillRunning = () =>
  new AppError(
    'idempotency_key_reused',
    409,
    'A request with this Idempotency-Key is still running, or made its change without keeping its answer',
  );

/**
 * Runs a unit of work's transaction (`run`, which calls `claim` inside it) with the running
 * request's Idempotency-Key claimed in that same transaction: the key is taken exactly when
 * the write commits. A write that fails leaves it free with nothing to undo (the database may
 * be gone by then), and one that commits keeps it even if its answer is lost, so a retry
 * never writes twice. The first transaction that commits holds it for the request.
 */
export async function withIdempotencyKey<T>(
  run: (claim: (repo: IdempotencyRepo) => Promise<void>) => Promise<T>,
): Promise<T> {
  const scope = pending.getStore();
  if (!scope || scope.claimed) return run(async () => undefined);
  const result = await run(async (repo) => {
    // Waits for another transaction holding the same key, and refuses once that one commits.
    if (!(await repo.claim(scope.personId, scope.key, scope.requestHash))) throw stillRunning();
  });
  scope.claimed = true;
  return result;
}

/**
 * Makes a creating POST safe to retry: with an `Idempotency-Key` header, the first
 * request's successful answer is stored and replayed to any retry with the same key and
 * body; a key reused for another body is refused. The key is claimed by the write's own
 * transaction (`withIdempotencyKey`, in the unit of work). Without the header, nothing changes.
 */
export function idempotent(repo: IdempotencyRepo): RequestHandler {
  const handler: RequestHandler = async (req, res, next) => {
    const key = req.get('idempotency-key');
    const actor = res.locals.actor as { kind: string; personId?: string } | undefined;
    if (!key || actor?.kind !== 'person' || !actor.personId) return next();
    if (key.length > 100) {
      throw new AppError(
        'validation_failed',
        400,
        'Idempotency-Key must be at most 100 characters',
        [{ path: 'Idempotency-Key', message: 'too long' }],
      );
    }
    const personId = actor.personId;
    const hash = requestHash(req);

    const stored = await repo.find(personId, key);
    if (stored) {
      if (stored.request_hash !== hash) {
        throw new AppError(
          'idempotency_key_reused',
          422,
          'This Idempotency-Key was used for a different request',
        );
      }
      if (stored.status === 0) throw stillRunning();
      res.set('Idempotent-Replayed', 'true').status(stored.status).json(stored.body);
      return;
    }

    const scope: PendingKey = { personId, key, requestHash: hash, claimed: false };
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 300) return json(body);
      void repo
        .complete(personId, key, hash, res.statusCode, body)
        .catch(() => undefined)
        .finally(() => json(body));
      return res;
    };
    pending.run(scope, next);
  };
  IDEMPOTENT.add(handler);
  return handler;
}

/**
 * What makes two requests the same one: method, path, query (when there is one: an evidence
 * file's name travels there) and body, a raw body (an evidence file) by its type and bytes.
 */
function requestHash(req: Request): string {
  const hash = createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n`);
  if (Object.keys(req.query ?? {}).length > 0) hash.update(`?${JSON.stringify(req.query)}\n`);
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) hash.update(`${req.get('content-type') ?? ''}\n`).update(body);
  else hash.update(JSON.stringify(body ?? null));
  return hash.digest('base64url');
}

// The handlers `idempotent` made, so the route table can say which routes take a key.
const IDEMPOTENT = new WeakSet<RequestHandler>();

/** Whether this handler is an `idempotent` one: its route may answer 422 for a reused key. */
export function isIdempotent(handler: RequestHandler): boolean {
  return IDEMPOTENT.has(handler);
}
