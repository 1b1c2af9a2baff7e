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
