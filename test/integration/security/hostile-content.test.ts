import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { buildOrganisation } from '../../../seed/factories';
import { signUp, type SignedIn } from '../../support/accounts';
import { createTestApp, type TestApp } from '../../support/test-app';
import { activityOf, addCash, draftSpo, publishedTender } from '../tenders/spo-fixtures';

/**
 * Threats SECURITY.md lists that no other test covered: markup typed by one user reaching
 * another's mail (stored XSS), inline script in what the app serves, and the server fetching
 * addresses (SSRF).
 */

const MARKUP = '<img src=x onerror=alert(1)><script>alert(2)</script>';
let t: TestApp;
let supplier: SignedIn;
let provider: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  const buyer = await signUp(t.app, { organisation: buildOrganisation('buyer') });
  [supplier, provider] = await Promise.all([
    signUp(t.app, { organisation: buildOrganisation('supplier') }),
    signUp(t.app, { organisation: buildOrganisation('provider') }),
  ]);
  await t.database.db
    .updateTable('people')
    .set({ email_verified_at: new Date() })
    .where('id', '=', provider.me.person.id)
    .execute();
  const activity = await activityOf(provider, { title: `Youth club ${MARKUP}` });
  const tender = await publishedTender(buyer);
  const spo = await draftSpo(supplier, tender);
  // The provider is emailed of the link request, naming the activity's title.
  await addCash(supplier, spo.id, activity, 100_000);
});

afterAll(() => t.close());

describe('markup typed into a title', () => {
  it('reaches another person’s email as text, never as HTML', async () => {
    const [mail] = await t.database.db
      .selectFrom('outbox_emails')
      .select(['subject', 'html_body', 'text_body'])
      .where('to_address', '=', provider.email)
      .where('kind', '=', 'link_request')
      .execute();
    expect(mail).toBeDefined();
    expect(mail!.text_body).toContain(MARKUP);
    expect(mail!.html_body).not.toContain('<script>');
    expect(mail!.html_body).not.toContain('<img src=x');
    expect(mail!.html_body).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('is answered by the API as JSON data, with a policy that runs no inline script', async () => {
    const res = await request(t.app).get('/api/activities?pageSize=100&q=Youth');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = res.headers['content-security-policy'] ?? '';
    const script = csp.split(';').find((d) => d.trim().startsWith('script-src'));
    expect(script?.trim()).toBe("script-src 'self'");
  });
});

describe('outbound requests (SSRF)', () => {
  it('are never made by the server code: no HTTP client, fetch or raw socket to an address', async () => {
    const root = path.resolve('server/src');
    const files = (await fs.readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(50);
    const outbound =
      /\bfetch\(|\bhttps?\.(request|get)\(|from 'node:https'|from '(undici|axios|got|node-fetch)'|\bnet\.connect\(/;
    const found: string[] = [];
    for (const f of files) {
      const text = await fs.readFile(path.join(root, f), 'utf8');
      if (outbound.test(text)) found.push(f);
    }
    // The only connections the server opens are to its configured PostgreSQL, Redis and
    // SMTP_URL; a feature that fetches a URL a user gives must come with its own SSRF checks.
    expect(found).toEqual([]);
  });
});
