import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Stored outcomes of creating POSTs, by person and Idempotency-Key. */
export function createIdempotencyRepo(db: Kysely<Database>) {
  return {
    find(personId: string, key: string) {
      return db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'body'])
        .where('person_id', '=', personId)
        .where('key', '=', key)
        .executeTakeFirst();
    },

    /** Claims the key for a request now running (status 0); false when it was claimed already. */
    async claim(personId: string, key: string, requestHash: string): Promise<boolean> {
      // A key is remembered for a day: enough for any retry, and then free to use again.
      await db
        .deleteFrom('idempotency_keys')
        .where('person_id', '=', personId)
        .where('key', '=', key)
        .where('created_at', '<', new Date(Date.now() - 86_400_000))
        .execute();
      const row = await db
        .insertInto('idempotency_keys')
        .values({ person_id: personId, key, request_hash: requestHash, status: 0, body: 'null' })
        .onConflict((oc) => oc.columns(['person_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      return row !== undefined;
    },

    async complete(personId: string, key: string, status: number, body: unknown): Promise<void> {
      await db
        .updateTable('idempotency_keys')
        .set({ status, body: JSON.stringify(body) })
        .where('person_id', '=', personId)
        .where('key', '=', key)
        .execute();
    },

    async release(personId: string, key: string): Promise<void> {
      await db
        .deleteFrom('idempotency_keys')
        .where('person_id', '=', personId)
        .where('key', '=', key)
        .execute();
    },
  };
}
export type IdempotencyRepo = ReturnType<typeof createIdempotencyRepo>;
