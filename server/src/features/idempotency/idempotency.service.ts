import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createIdempotencyRepo } from './idempotency.repo';

/** The idempotency store, for the HTTP middleware that replays creating POSTs. */
export function createIdempotencyStore(db: Kysely<Database>) {
  return createIdempotencyRepo(db);
}

export type IdempotencyRepo = ReturnType<typeof createIdempotencyRepo>;
