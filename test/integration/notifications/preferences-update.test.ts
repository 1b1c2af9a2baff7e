import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { buildOrganisation } from '../../../seed/factories';
import { signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';

/** Found by the API fuzz test: one kind twice in an update was a 500 (the upsert hit a row twice). */
describe('updating notification preferences', () => {
  let t: TestApp;
  let person: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    person = await signUp(t.app, { organisation: buildOrganisation('provider') });
  });
  afterAll(() => t.close());

  it('refuses one kind of notification given twice, and stores nothing', async () => {
    const before = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM notification_preferences`.execute(t.database.db);
    const res = await person.agent.put('/api/notifications/preferences').send({
      preferences: [
        { kind: 'delivery_report', channel: 'digest' },
        { kind: 'delivery_report', channel: 'email' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const after = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM notification_preferences`.execute(t.database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('still stores each kind given once', async () => {
    const res = await person.agent.put('/api/notifications/preferences').send({
      preferences: [
        { kind: 'delivery_report', channel: 'digest' },
        { kind: 'link_answer', channel: 'app' },
      ],
    });
    expect(res.status).toBe(200);
    const channels = Object.fromEntries(
      (res.body.preferences as { kind: string; channel: string }[]).map((p) => [p.kind, p.channel]),
    );
    expect(channels).toMatchObject({ delivery_report: 'digest', link_answer: 'app' });
  });
});
