import { File } from 'node:buffer';
import { describe, expect, it } from '@jest/globals';
import { evidenceKey } from '../../../../../client/src/features/delivery/delivery.queries';

/**
 * Each evidence file's Idempotency-Key, made from the report it goes to and the file: sending
 * the same file to the same report again (a retried send, or "add files" after a lost answer)
 * gives it the key it had, so the server replays what it stored.
 */
const REPORT = '3f1c2a7e-9b0d-4c11-8a5e-2f6d7c8b9a01';
const file = (name: string, text: string, lastModified = 1_780_000_000_000) =>
  new File([text], name, { type: 'text/plain', lastModified }) as unknown as globalThis.File;

describe('evidence files’ Idempotency-Keys', () => {
  it('gives the same file sent to the same report again the same key', () => {
    expect(evidenceKey(REPORT, file('receipt.txt', 'paid'))).toBe(
      evidenceKey(REPORT, file('receipt.txt', 'paid')),
    );
  });

  it('gives another size, date, name or report another key', () => {
    const keys = [
      evidenceKey(REPORT, file('receipt.txt', 'paid')),
      evidenceKey(REPORT, file('receipt.txt', 'paid twice')),
      evidenceKey(REPORT, file('receipt.txt', 'paid', 1_790_000_000_000)),
      evidenceKey(REPORT, file('letter.txt', 'paid')),
      evidenceKey('0b6c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3', file('receipt.txt', 'paid')),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stays a header value the server takes: ASCII, at most 100 characters', () => {
    const long = file(
      `${'Évaluation du club de jeunes, reçu '.repeat(8)}.pdf`,
      'x'.repeat(4_900_000),
    );
    const key = evidenceKey(REPORT, long);
    expect(key.length).toBeLessThanOrEqual(100);
    expect(key).toMatch(/^[\x21-\x7e]+$/);
  });
});
