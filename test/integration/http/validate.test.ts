import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('payload checks before any schema', () => {
  it('refuses a body nested thousands deep with a 400, not a crash', async () => {
    for (const body of [
      '['.repeat(3000) + ']'.repeat(3000),
      '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
    ]) {
      const res = await request(t.app)
        .post('/api/auth/sign-in')
        .set('content-type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(/nests deeper than 32/);
    }
    expect((await request(t.app).get('/api/health')).status).toBe(200);
  });

  it('still finds a NUL however the payload nests, naming where', async () => {
    const res = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: 'a@b.test', password: { deep: [['ok', 'bad\u0000']] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'password.deep.0.1', message: 'must not contain NUL or unpaired surrogates' },
    ]);
  });
});
