import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActivityView } from '@shared/schemas/activities';
import type { SpoView } from '@shared/schemas/tenders';
import { buildOrganisation } from '../../../seed/factories';
import { orgOf, signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import { activityOf, addCash, answer, draftSpo, pounds, publishedTender } from './spo-fixtures';

let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;
let provider: SignedIn;
let activity: ActivityView;

/** The lines of every version sealed for this SPO, as stored. */
async function sealedLines(spoId: string): Promise<{ id: string; status: string }[][]> {
  const rows = await t.database.db
    .selectFrom('spo_versions')
    .select('content')
    .where('spo_id', '=', spoId)
    .orderBy('version')
    .execute();
  return rows.map((r) => (JSON.parse(r.content) as { lines: SpoView['lines'] }).lines);
}

beforeAll(async () => {
  t = await createTestApp();
  buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  supplier = await signUp(t.app, { organisation: buildOrganisation('supplier') });
  provider = await signUp(t.app, { organisation: buildOrganisation('provider') });
  activity = await activityOf(provider, { capacityPence: 0 });
});
afterAll(() => t.close());

describe('two requests at once', () => {
  it('creates one SPO for a supplier under simultaneous requests; the others get 409 spo_exists', async () => {
    for (let round = 0; round < 5; round++) {
      const tender = await publishedTender(buyer);
      const send = () =>
        supplier.agent.post(`/api/tenders/${tender.id}/spos`).send({ supplierId: orgOf(supplier) });
      const answers = await Promise.all([send(), send(), send()]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      const created = answers.find((a) => a.status === 201)!;
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(refused.body.error).toMatchObject({
          code: 'spo_exists',
          details: { spoId: created.body.id },
        });
      }
    }
  });

  it('seals two simultaneous submits one after the other, as versions 1 and 2', async () => {
    const tender = await publishedTender(buyer);
    const spo = await draftSpo(supplier, tender);
    const withLine = await addCash(supplier, spo.id, activity, pounds(8_000));
    await answer(provider, spo.id, withLine.lines[0]!.id);
    const answers = await Promise.all([
      supplier.agent.post(`/api/spos/${spo.id}/submit`),
      supplier.agent.post(`/api/spos/${spo.id}/submit`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await sealedLines(spo.id)).length).toBe(2);
  });

  it('never seals a declined line when the provider declines as the supplier submits', async () => {
    for (let round = 0; round < 5; round++) {
      const tender = await publishedTender(buyer);
      const spo = await draftSpo(supplier, tender);
      const line = (await addCash(supplier, spo.id, activity, pounds(8_000))).lines[0]!;
      await answer(provider, spo.id, line.id);
      const [submit, decline] = await Promise.all([
        supplier.agent.post(`/api/spos/${spo.id}/submit`),
        provider.agent
          .post(`/api/spos/${spo.id}/lines/${line.id}/response`)
          .send({ decision: 'declined', note: 'We withdraw consent' }),
      ]);
      expect(decline.status).toBe(200);
      // Either the submit came first (and the decline then ended it) or it was refused.
      expect([200, 409]).toContain(submit.status);
      if (submit.status === 409) expect(submit.body.error.code).toBe('lines_not_accepted');
      for (const lines of await sealedLines(spo.id))
        expect(lines.map((l) => l.status)).toEqual(['accepted']);
      const now = (await supplier.agent.get(`/api/spos/${spo.id}`)).body as SpoView;
      expect(now.status).toBe('draft');
      expect(now.lines.map((l) => l.status)).toEqual(['declined']);
    }
  });
});

describe('retries with an Idempotency-Key', () => {
  it('replays a retried line instead of adding a second one', async () => {
    const tender = await publishedTender(buyer);
    const spo = await draftSpo(supplier, tender);
    const send = () =>
      supplier.agent
        .post(`/api/spos/${spo.id}/lines`)
        .set('Idempotency-Key', `line-${spo.id}`)
        .send({ activityId: activity.id, kind: 'cash', annualPence: pounds(1_000) });
    const first = await send();
    const retry = await send();
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    const now = (await supplier.agent.get(`/api/spos/${spo.id}`)).body as SpoView;
    expect(now.lines).toHaveLength(1);
    const inbox = (await provider.agent.get('/api/link-requests')).body.items as {
      spoId: string;
    }[];
    expect(inbox.filter((i) => i.spoId === spo.id)).toHaveLength(1);

    const otherBody = await supplier.agent
      .post(`/api/spos/${spo.id}/lines`)
      .set('Idempotency-Key', `line-${spo.id}`)
      .send({ activityId: activity.id, kind: 'cash', annualPence: pounds(2_000) });
    expect([otherBody.status, otherBody.body.error.code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('replays a retried submit instead of sealing another version', async () => {
    const tender = await publishedTender(buyer);
    const spo = await draftSpo(supplier, tender);
    const line = (await addCash(supplier, spo.id, activity, pounds(8_000))).lines[0]!;
    await answer(provider, spo.id, line.id);
    const send = () =>
      supplier.agent.post(`/api/spos/${spo.id}/submit`).set('Idempotency-Key', `submit-${spo.id}`);
    const first = await send();
    const retry = await send();
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toMatchObject({ version: 1, contentHash: first.body.contentHash });
    expect((await sealedLines(spo.id)).length).toBe(1);
  });
});
