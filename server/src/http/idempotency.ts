import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { IdempotencyRepo } from '../features/idempotency/idempotency.repo';
import { AppError } from '../lib/app-error';

/**
 * Makes a creating POST safe to retry: with an `Idempotency-Key` header, the first
 * request's successful answer is stored and replayed to any retry with the same key and
 * body; a key reused for another body is refused. Without the header, nothing changes.
 */
export function idempotent(repo: IdempotencyRepo): RequestHandler {
  return async (req, res, next) => {
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
    const hash = createHash('sha256')
      .update(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(req.body ?? null)}`)
      .digest('base64url');

    if (!(await repo.claim(personId, key, hash))) {
      const stored = await repo.find(personId, key);
      if (!stored || stored.request_hash !== hash) {
        throw new AppError(
          'idempotency_key_reused',
          422,
          'This Idempotency-Key was used for a different request',
        );
      }
      if (stored.status === 0) {
        throw new AppError(
          'idempotency_key_reused',
          409,
          'A request with this Idempotency-Key is still running',
        );
      }
      res.set('Idempotent-Replayed', 'true').status(stored.status).json(stored.body);
      return;
    }

    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const settle =
        res.statusCode < 300
          ? repo.complete(personId, key, res.statusCode, body)
          : repo.release(personId, key);
      void settle.catch(() => undefined).finally(() => json(body));
      return res;
    };
    next();
  };
}
