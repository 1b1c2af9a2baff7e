import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadConfig } from '../../../server/src/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../../../seed/demo-accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo accounts', () => {
  it('are created once, verified, labelled demo, and can sign in', async () => {
    expect(await seedDemoAccounts(t.database, 1024)).toBe(true);
    expect(await seedDemoAccounts(t.database, 1024)).toBe(false);
    const kinds = [];
    for (const account of DEMO_ACCOUNTS) {
      const res = await request(t.app)
        .post('/api/auth/sign-in')
        .send({ email: account.email, password: DEMO_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.person.name).toMatch(/\(demo\)$/);
      for (const o of res.body.organisations) {
        expect(o).toEqual(expect.objectContaining({ verified: true, demo: true, role: 'owner' }));
        kinds.push(o.kind);
      }
      if (account.email === 'admin@demo.test') expect(res.body.person.isAdmin).toBe(true);
    }
    expect(kinds.sort()).toEqual(['buyer', 'provider', 'supplier']);
  });

  it('are off in production unless DEMO=1', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({}).demo).toBe(true);
  });
});
