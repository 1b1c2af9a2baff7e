import { File } from 'node:buffer';
import { describe, expect, it } from '@jest/globals';
import { evidenceKey } from '../../../../../client/src/features/delivery/delivery.queries';

/**
 * Each evidence file's Idempotency-Key, made from the key of the report's send: a retry of
 * the same send gives each file the key it had, so the server replays what it stored.
 */
const SEND = '3f1c2a7e-9b0d-4c11-8a5e-2f6d7c8b9a01';
const file = (name: string, text: string, lastModified = 1_780_000_000_000) =>
  new File([text], name, { type: 'text/plain', lastModified }) as unknown as globalThis.File;

describe('evidence files’ Idempotency-Keys', () => {
  it('gives the same file in the same place the same key on a retry', () => {
    expect(evidenceKey(SEND, 0, file('receipt.txt', 'paid'))).toBe(
      evidenceKey(SEND, 0, file('receipt.txt', 'paid')),
    );
  });

  it('gives another place, size, date, name or send another key', () => {
    const keys = [
      evidenceKey(SEND, 0, file('receipt.txt', 'paid')),
      evidenceKey(SEND, 1, file('receipt.txt', 'paid')),
      evidenceKey(SEND, 0, file('receipt.txt', 'paid twice')),
      evidenceKey(SEND, 0, file('receipt.txt', 'paid', 1_790_000_000_000)),
      evidenceKey(SEND, 0, file('letter.txt', 'paid')),
      evidenceKey('another-send', 0, file('receipt.txt', 'paid')),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stays a header value the server takes: ASCII, at most 100 characters', () => {
    const long = file(`${'Évaluation du club de jeunes, reçu '.repeat(8)}.pdf`, 'x');
    const key = evidenceKey(SEND, 12, long);
    expect(key.length).toBeLessThanOrEqual(100);
    expect(key).toMatch(/^[\x21-\x7e]+$/);
  });
});
