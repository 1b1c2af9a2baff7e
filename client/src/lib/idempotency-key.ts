import { useMemo, useRef } from 'react';

/**
 * A fresh random key for the `Idempotency-Key` header of a creating POST, so that a retry
 * after a lost answer replays the first result instead of creating a second record.
 */
export function newIdempotencyKey(): string {
  // `randomUUID` exists only in secure contexts; a plain-http intranet deployment still
  // deserves a key, and 16 random bytes are as good as a uuid for this.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One `Idempotency-Key` per body: asking again with the same body (a retry after a lost
 * answer) reuses the key, so the server replays its first answer; a changed body, or one
 * sent after `forget` (a success), gets a new key and is a new request.
 */
export function useIdempotencyKey() {
  const ref = useRef<{ body: string; key: string } | undefined>(undefined);
  return useMemo(
    () => ({
      keyFor(body: unknown): string {
        const text = JSON.stringify(body) ?? '';
        if (ref.current?.body !== text) ref.current = { body: text, key: newIdempotencyKey() };
        return ref.current.key;
      },
      forget(): void {
        ref.current = undefined;
      },
    }),
    [],
  );
}
