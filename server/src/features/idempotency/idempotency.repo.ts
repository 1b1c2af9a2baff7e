import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** A key is remembered for a day: enough for any retry, and then free to use again. */
const dayAgo = () => new Date(Date.now() - 86_400_000);

/** Stored outcomes of creating POSTs, by person and Idempotency-Key. */
export function createIdempotencyRepo(db: Kysely<Database>) {
  return {
    /** The key's stored outcome, unless it is older than a day. */
    find(personId: string, key: string) {
      return db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'body'])
        .where('person_id', '=', personId)
        .where('key', '=', key)
        .where('created_at', '>=', dayAgo())
        .executeTakeFirst();
    },

    /**
     * Claims the key for a request now running (status 0), inside its write's transaction;
     * false when it was claimed already.
     */
    async claim(personId: string, key: string, requestHash: string): Promise<boolean> {
      await db
        .deleteFrom('idempotency_keys')
        .where('person_id', '=', personId)
        .where('key', '=', key)
        .where('created_at', '<', dayAgo())
        .execute();
      const row = await db
        .insertInto('idempotency_keys')
        .values({ person_id: personId, key, request_hash: requestHash, status: 0, body: 'null' })
        .onConflict((oc) => oc.columns(['person_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Stores a success to replay: over the claim its write's transaction made, or as a new
     * row when it made none; a row of another request (another body) is left alone.
     */
    async complete(
      personId: string,
      key: string,
      requestHash: string,
      status: number,
      body: unknown,
    ): Promise<void> {
      await db
        .insertInto('idempotency_keys')
        .values({
          person_id: personId,
          key,
          request_hash: requestHash,
          status,
          body: JSON.stringify(body),
        })
        .onConflict((oc) =>
          oc
            .columns(['person_id', 'key'])
            .doUpdateSet({ status, body: JSON.stringify(body) })
            .where('idempotency_keys.request_hash', '=', requestHash),
        )
        .execute();
    },
  };
}
export type IdempotencyRepo = ReturnType<typeof createIdempotencyRepo>;
