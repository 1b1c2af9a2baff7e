/**
 * Password hashing cost: scrypt hash and verify times at the default cost (N=2^15) and at
 * the cheap cost the tests use (N=2^10), median of 20 each. The default should stay near
 * the ~50–100 ms a sign-in can afford; the ratio shows what the tests save.
 *   npm run bench -- passwords
 */
import { hashPassword, verifyPassword } from '../server/src/lib/passwords';
import { fmt, percentile } from './stats';

async function measure(cost: number): Promise<{ hash: number; verify: number }> {
  const hash: number[] = [];
  const verify: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    let t = performance.now();
    const stored = await hashPassword(`passphrase number ${i}`, cost);
    hash.push(performance.now() - t);
    t = performance.now();
    await verifyPassword('a wrong passphrase', stored);
    verify.push(performance.now() - t);
  }
  return { hash: percentile(hash, 50), verify: percentile(verify, 50) };
}

const production = await measure(2 ** 15);
const tests = await measure(2 ** 10);
console.log(
  `scrypt N=2^15 (default)  hash median ${fmt(production.hash)}  verify median ${fmt(production.verify)}`,
);
console.log(
  `scrypt N=2^10 (tests)    hash median ${fmt(tests.hash)}  verify median ${fmt(tests.verify)}`,
);
console.log(`ratio default/tests  verify ${(production.verify / tests.verify).toFixed(1)}`);
