import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Response } from 'superagent';
import type TestAgent from 'supertest/lib/agent';
import type { ActivityView } from '@shared/schemas/activities';
import {
  MAX_EVIDENCE_BYTES,
  type DeliveryReportView,
  type EvidenceFileView,
} from '@shared/schemas/delivery';
import type { SignedIn } from '../../support/accounts';
import type { TestApp } from '../../support/test-app';
import {
  activityOf,
  awardedSpo,
  clockAt,
  deliveryApp,
  deliveryOf,
  report,
  respond,
  sign,
  type Awarded,
} from './delivery-fixtures';

/**
 * Evidence files on delivery reports: stored with their SHA-256, who sent them and when,
 * flagged when the same file is evidence on another SPO, and given back to the parties only.
 */

const clock = clockAt('2026-06-15');
let t: TestApp;
let buyer: SignedIn;
let supplier: SignedIn;
let otherSupplier: SignedIn;
let provider: SignedIn;
let otherProvider: SignedIn;
let anonymous: TestAgent;
let activity: ActivityView;
let first: Awarded;
let second: Awarded;
let firstReport: DeliveryReportView;

const RECEIPT = Buffer.from('Receipt 0042: £3,000 paid to the youth club on 1 April 2026\n');
const SCAN = Buffer.from('Scanned letter of thanks from the youth club, May 2026\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const upload = (
  who: TestAgent,
  reportId: string,
  body: Buffer,
  type = 'text/plain',
  name = 'receipt.txt',
) =>
  who
    .post(`/api/delivery-reports/${reportId}/evidence`)
    .query({ name })
    .set('Content-Type', type)
    .send(body);

/** Reads a binary answer as a Buffer, whatever its type. */
const binary = (res: Response, done: (err: Error | null, body: unknown) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  t = await deliveryApp(clock);
  buyer = await sign(t, 'buyer');
  supplier = await sign(t, 'supplier');
  otherSupplier = await sign(t, 'supplier');
  provider = await sign(t, 'provider');
  otherProvider = await sign(t, 'provider');
  anonymous = request.agent(t.app);
  activity = await activityOf(provider);
  const line = { spec: { activity, kind: 'cash' as const, annualPence: 300_000 }, provider };
  first = await awardedSpo(buyer, supplier, [line], t, { start: '2025-04-01' });
  second = await awardedSpo(buyer, supplier, [line], t, { start: '2025-04-01' });
  firstReport = await report(supplier, first.spo.id, {
    lineId: first.lineIds[0],
    period: 1,
    amount: '300000',
  });
});

afterAll(async () => {
  await t.close();
});

describe('uploading evidence', () => {
  let stored: EvidenceFileView;

  it('stores the file with its hash, its uploader and the time', async () => {
    const res = await upload(supplier.agent, firstReport.id, RECEIPT);
    expect(res.status).toBe(201);
    stored = res.body as EvidenceFileView;
    expect(stored).toMatchObject({
      fileName: 'receipt.txt',
      mediaType: 'text/plain',
      sizeBytes: RECEIPT.length,
      sha256: sha(RECEIPT),
      uploadedBy: supplier.me.person.name,
      uploadedAt: '2026-06-15T12:00:00.000Z',
      reusedElsewhere: false,
    });
    const d = await deliveryOf(buyer, first.spo.id);
    expect(d.reports.find((r) => r.id === firstReport.id)!.evidenceFiles).toEqual([stored]);
  });

  it('gives the file back to the parties as an attachment, and to nobody else', async () => {
    const url = `/api/delivery-reports/${firstReport.id}/evidence/${stored.id}`;
    for (const who of [supplier, buyer, provider]) {
      const res = await who.agent.get(url).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body as Buffer, RECEIPT)).toBe(0);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?receipt\.txt"?$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    for (const who of [anonymous, otherSupplier.agent, otherProvider.agent]) {
      const res = await who.get(url);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('report_not_found');
    }
    const missing = await buyer.agent.get(
      `/api/delivery-reports/${firstReport.id}/evidence/00000000-0000-4000-8000-000000000000`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('evidence_not_found');
  });

  it('flags the same file used as evidence on another SPO, on both reports', async () => {
    const sameSpo = await report(supplier, first.spo.id, {
      lineId: first.lineIds[0],
      period: 2,
      amount: '1',
    });
    const again = await upload(supplier.agent, sameSpo.id, RECEIPT);
    expect(again.status).toBe(201);
    expect(again.body.reusedElsewhere).toBe(false);

    const elsewhere = await report(supplier, second.spo.id, {
      lineId: second.lineIds[0],
      period: 1,
      amount: '300000',
    });
    const reused = await upload(supplier.agent, elsewhere.id, RECEIPT, 'text/plain', 'copy.txt');
    expect(reused.status).toBe(201);
    expect(reused.body).toMatchObject({ sha256: sha(RECEIPT), reusedElsewhere: true });
    const d = await deliveryOf(supplier, first.spo.id);
    expect(d.reports.find((r) => r.id === firstReport.id)!.evidenceFiles[0]!.reusedElsewhere).toBe(
      true,
    );

    const different = await upload(
      supplier.agent,
      elsewhere.id,
      Buffer.from('%PDF-1.4 another receipt'),
      'application/pdf',
      'other.pdf',
    );
    expect(different.status).toBe(201);
    expect(different.body.reusedElsewhere).toBe(false);
  });

  it('makes an unsafe file name safe to download', async () => {
    const res = await upload(
      supplier.agent,
      firstReport.id,
      Buffer.from('a,b\n1,2\n'),
      'text/csv; charset=utf-8',
      '../../etc/"pass"wd.csv',
    );
    expect(res.status).toBe(201);
    expect(res.body.mediaType).toBe('text/csv');
    const got = await buyer.agent
      .get(`/api/delivery-reports/${firstReport.id}/evidence/${res.body.id}`)
      .buffer(true)
      .parse(binary);
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="?_pass_wd\.csv"?$/);
  });

  it('refuses a file of another type (415) or larger than 5 MB (413), in the usual error shape', async () => {
    const exe = await upload(
      supplier.agent,
      firstReport.id,
      Buffer.from('MZ'),
      'application/x-msdownload',
      'setup.exe',
    );
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe('unsupported_media_type');
    const html = await upload(
      supplier.agent,
      firstReport.id,
      Buffer.from('<p>'),
      'text/html',
      'a.html',
    );
    expect(html.status).toBe(415);

    const big = await upload(
      supplier.agent,
      firstReport.id,
      Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 1),
      'application/pdf',
      'big.pdf',
    );
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const justSo = await upload(
      supplier.agent,
      firstReport.id,
      Buffer.alloc(MAX_EVIDENCE_BYTES, 1),
      'application/pdf',
      'max.pdf',
    );
    expect(justSo.status).toBe(201);
    expect(justSo.body.sizeBytes).toBe(MAX_EVIDENCE_BYTES);

    const empty = await upload(supplier.agent, firstReport.id, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const nameless = await supplier.agent
      .post(`/api/delivery-reports/${firstReport.id}/evidence`)
      .set('Content-Type', 'text/plain')
      .send(RECEIPT);
    expect(nameless.status).toBe(400);
  });

  it('takes evidence only from the report’s supplier', async () => {
    const tries: [TestAgent, number][] = [
      [buyer.agent, 403],
      [provider.agent, 403],
      [otherSupplier.agent, 404],
      [otherProvider.agent, 404],
      [anonymous, 404],
    ];
    for (const [who, status] of tries) {
      const res = await upload(who, firstReport.id, RECEIPT);
      expect(res.status).toBe(status);
    }
  });

  it('stores a file once however often an upload with its Idempotency-Key is retried', async () => {
    const filesOn = async () =>
      (await deliveryOf(buyer, first.spo.id)).reports.find((r) => r.id === firstReport.id)!
        .evidenceFiles;
    const before = await filesOn();
    const send = (key: string, body: Buffer, name = 'thanks.txt', type = 'text/plain') =>
      upload(supplier.agent, firstReport.id, body, type, name).set('Idempotency-Key', key);

    const sent = await send('evidence-retry-1', SCAN);
    expect(sent.status).toBe(201);
    const again = await send('evidence-retry-1', SCAN);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(sent.body);
    expect(await filesOn()).toHaveLength(before.length + 1);

    // The same key with other bytes, or the same bytes under another name or type, is another
    // request.
    for (const [body, name, type] of [
      [Buffer.from('Another file altogether\n'), 'thanks.txt', 'text/plain'],
      [SCAN, 'renamed.txt', 'text/plain'],
      [SCAN, 'thanks.txt', 'text/csv'],
    ] as const) {
      const reused = await send('evidence-retry-1', body, name, type);
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('idempotency_key_reused');
    }
    // Without a key, each upload is a file of its own.
    expect(
      (await upload(supplier.agent, firstReport.id, SCAN, 'text/plain', 'thanks.txt')).status,
    ).toBe(201);
    expect(await filesOn()).toHaveLength(before.length + 2);
  });

  it('takes no more files once the report is answered: a correction carries new evidence', async () => {
    await respond(provider, firstReport.id, { decision: 'confirmed' });
    const res = await upload(supplier.agent, firstReport.id, Buffer.from('late'));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('report_already_answered');
    // Nor is an upload stored before the answer replayed as if it could still be added: the
    // report is checked before the Idempotency-Key is looked up.
    const retried = await upload(
      supplier.agent,
      firstReport.id,
      SCAN,
      'text/plain',
      'thanks.txt',
    ).set('Idempotency-Key', 'evidence-retry-1');
    expect(retried.status).toBe(409);
    expect(retried.body.error.code).toBe('report_already_answered');
  });
});
