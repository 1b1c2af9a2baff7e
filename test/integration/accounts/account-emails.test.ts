import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildOrganisation, buildSignUp } from '../../../seed/factories';
import { startMailRelay, type MailRelay } from '../../../server/src/features/mail/mail-relay';
import { DomainEvents } from '../../../server/src/lib/domain-events';
import { join, makeAdmin, orgOf, signIn, signUp } from '../../support/accounts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../support/smtp';
import { createTestApp, type TestApp } from '../../support/test-app';

/**
 * The account emails, sent through the mail relay to a real SMTP server: verification at
 * sign-up, password reset, a warning to an account's owner when someone signs up with their
 * address, invitations, and an organisation's verification.
 */

const PUBLIC_URL = 'https://atlas.example.test';
const FROM = 'Impact Atlas <no-reply@impact-atlas.test>';
const TOKEN = '[A-Za-z0-9_-]{43}';
const escaped = PUBLIC_URL.replace(/[.]/g, '\\.');

let t: TestApp;
let smtp: TestSmtpServer;
let relay: MailRelay;

beforeAll(async () => {
  smtp = await startSmtpServer();
  const events = new DomainEvents();
  t = await createTestApp({ events, publicUrl: PUBLIC_URL });
  // A long tick: the app's 'mail.written' and drain() below are what send.
  relay = startMailRelay(t.database, events, { smtpUrl: smtp.url, from: FROM, tickMs: 60_000 });
});
afterAll(async () => {
  await relay.stop();
  await smtp.close();
  await t.close();
});

/** Everything sent so far to `address`, once at least `count` have arrived. */
async function inbox(address: string, count = 1): Promise<ReceivedMail[]> {
  await relay.drain();
  const until = Date.now() + 5000;
  while (smtp.to(address).length < count && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    await relay.drain();
  }
  return smtp.to(address);
}

/** The one link in the mail to this path of the app, and the token it carries. */
function linkTo(mail: ReceivedMail, path: RegExp): { link: string; token: string } {
  const found = mail.links.filter((l) => path.test(l));
  expect(found).toHaveLength(1);
  const link = found[0]!;
  // The HTML part carries the same link.
  expect(mail.html).toContain(`href="${link}"`);
  const url = new URL(link);
  return { link, token: url.searchParams.get('token') ?? url.pathname.split('/').pop()! };
}

const VERIFY_LINK = new RegExp(`^${escaped}/verify-email\\?token=${TOKEN}$`);
const RESET_LINK = new RegExp(`^${escaped}/reset-password\\?token=${TOKEN}$`);

const me = async (agent: TestAgent) => agent.get('/api/me');
const verify = (token: string) => request(t.app).post('/api/auth/verify-email').send({ token });
const resetRequest = (email: string) =>
  request(t.app).post('/api/auth/password-reset').send({ email });
const resetConfirm = (token: string, newPassword: string) =>
  request(t.app).post('/api/auth/password-reset/confirm').send({ token, newPassword });

describe('email verification at sign-up', () => {
  it('emails the new address a link that, followed once, verifies it', async () => {
    const s = await signUp(t.app, { organisation: null, verify: false });
    expect(s.me.person.emailVerified).toBe(false);

    const [mail, ...more] = await inbox(s.email);
    expect(more).toHaveLength(0);
    expect(mail!.to).toEqual([s.email]);
    expect(mail!.subject).toBe('Confirm your email address for Impact Atlas');
    expect(mail!.text).toContain(`Dear ${s.me.person.name},`);
    const { token } = linkTo(mail!, VERIFY_LINK);

    // Only the token's hash is kept.
    const stored = await t.database.db
      .selectFrom('email_tokens')
      .selectAll()
      .where('person_id', '=', s.me.person.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(stored[0]!.purpose).toBe('verify_email');
    const hours =
      (new Date(stored[0]!.expires_at).getTime() - new Date(stored[0]!.created_at).getTime()) /
      3_600_000;
    expect(hours).toBeCloseTo(48, 2);

    expect((await verify(token)).status).toBe(204);
    expect((await me(s.agent)).body.person.emailVerified).toBe(true);

    const again = await verify(token);
    expect(again.status).toBe(400);
    expect(again.body.error).toEqual(
      expect.objectContaining({ code: 'link_expired', message: expect.stringMatching(/expired/) }),
    );
  });

  it('refuses an expired link and leaves the address unverified', async () => {
    const s = await signUp(t.app, { organisation: null, verify: false });
    const { token } = linkTo((await inbox(s.email))[0]!, VERIFY_LINK);
    await t.database.db
      .updateTable('email_tokens')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('person_id', '=', s.me.person.id)
      .execute();

    const res = await verify(token);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('link_expired');
    expect((await me(s.agent)).body.person.emailVerified).toBe(false);
  });

  it('refuses a link nobody was sent', async () => {
    const res = await verify('A'.repeat(43));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('link_expired');
  });

  it('sends a new link on request, after which only the newest works', async () => {
    const s = await signUp(t.app, { organisation: null, verify: false });
    const first = linkTo((await inbox(s.email))[0]!, VERIFY_LINK).token;

    expect((await request(t.app).post('/api/auth/verify-email/resend')).status).toBe(401);
    const resent = await s.agent.post('/api/auth/verify-email/resend');
    expect(resent.status).toBe(202);
    expect(resent.body.status).toBe('sent');

    const mails = await inbox(s.email, 2);
    expect(mails).toHaveLength(2);
    const second = linkTo(mails[1]!, VERIFY_LINK).token;
    expect(second).not.toBe(first);

    expect((await verify(first)).body.error.code).toBe('link_expired');
    expect((await verify(second)).status).toBe(204);

    const done = await s.agent.post('/api/auth/verify-email/resend');
    expect(done.status).toBe(202);
    expect(done.body.status).toBe('already_verified');
    expect(await inbox(s.email)).toHaveLength(2);
  });
});

describe('signing up with an email that already has an account', () => {
  it("emails the account's owner and answers the requester as for a new address", async () => {
    const owner = await signUp(t.app, { organisation: null });
    const before = (await inbox(owner.email)).length;

    const taken = await request(t.app)
      .post('/api/auth/sign-up')
      .send(buildSignUp({ email: owner.email, password: 'another long passphrase' }));
    const fresh = await request(t.app)
      .post('/api/auth/sign-up')
      .send(buildSignUp({ password: 'another long passphrase' }));
    expect({ status: taken.status, body: taken.body }).toEqual({
      status: fresh.status,
      body: fresh.body,
    });
    expect(taken.status).toBe(202);

    const mails = await inbox(owner.email, before + 1);
    expect(mails).toHaveLength(before + 1);
    const warning = mails[before]!;
    expect(warning.subject).toBe(
      'Someone tried to create an Impact Atlas account with your email address',
    );
    expect(warning.text).toContain('Forgot your password?');
    expect(warning.links).toEqual([`${PUBLIC_URL}/sign-in`]);
    // Nothing changed: the old password still works.
    await signIn(t.app, owner.email, owner.password);
  });
});

describe('password reset', () => {
  it('answers an unknown email as a known one, and emails nobody', async () => {
    const known = await signUp(t.app, { organisation: null });
    const unknown = 'nobody-here@example.test';
    const a = await resetRequest(unknown);
    const b = await resetRequest(known.email);
    expect(a.status).toBe(202);
    expect({ status: a.status, body: a.body }).toEqual({ status: b.status, body: b.body });

    const mails = await inbox(known.email, 2);
    expect(mails.map((m) => m.subject)).toEqual([
      'Confirm your email address for Impact Atlas',
      'Reset your Impact Atlas password',
    ]);
    expect(smtp.to(unknown)).toHaveLength(0);
  });

  it('sets the new password with the emailed link, signs out every session, and works once', async () => {
    const s = await signUp(t.app, { organisation: null });
    const elsewhere = await signIn(t.app, s.email, s.password);
    expect((await resetRequest(s.email)).status).toBe(202);
    const mail = (await inbox(s.email, 2))[1]!;
    expect(mail.to).toEqual([s.email]);
    expect(mail.subject).toBe('Reset your Impact Atlas password');
    const { token } = linkTo(mail, RESET_LINK);

    // A weak password is refused, and the link still works after.
    const weak = await resetConfirm(token, 'password1234');
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('validation_failed');

    const newPassword = 'a brand new passphrase for atlas';
    expect((await resetConfirm(token, newPassword)).status).toBe(204);

    expect((await me(s.agent)).status).toBe(401);
    expect((await me(elsewhere)).status).toBe(401);
    const old = await request(t.app)
      .post('/api/auth/sign-in')
      .send({ email: s.email, password: s.password });
    expect(old.status).toBe(401);
    await signIn(t.app, s.email, newPassword);

    const reused = await resetConfirm(token, 'yet another passphrase here');
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('link_expired');

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'summary'])
      .where('object_id', '=', s.me.person.id)
      .where('action', '=', 'people.password_reset')
      .execute();
    expect(audit).toEqual([
      {
        action: 'people.password_reset',
        actor_id: s.me.person.id,
        summary: { sessionsRevoked: 2 },
      },
    ]);
  });

  it('refuses a link after 30 minutes', async () => {
    const s = await signUp(t.app, { organisation: null });
    await resetRequest(s.email);
    const { token } = linkTo((await inbox(s.email, 2))[1]!, RESET_LINK);
    // The link as it is 31 minutes after it was sent.
    await t.database.db
      .updateTable('email_tokens')
      .set({
        created_at: sql`created_at - interval '31 minutes'`,
        expires_at: sql`expires_at - interval '31 minutes'`,
      })
      .where('person_id', '=', s.me.person.id)
      .where('purpose', '=', 'reset_password')
      .execute();

    const res = await resetConfirm(token, 'a brand new passphrase for atlas');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('link_expired');
    await signIn(t.app, s.email, s.password);
  });

  it('lets only the newest link work', async () => {
    const s = await signUp(t.app, { organisation: null });
    await resetRequest(s.email);
    await resetRequest(s.email);
    const mails = await inbox(s.email, 3);
    const [older, newer] = [linkTo(mails[1]!, RESET_LINK), linkTo(mails[2]!, RESET_LINK)];
    expect((await resetConfirm(older.token, 'a brand new passphrase for atlas')).status).toBe(400);
    expect((await resetConfirm(newer.token, 'a brand new passphrase for atlas')).status).toBe(204);
  });
});

describe('invitations by email', () => {
  it('emails an address without an account a link whose token accepts, once the address is confirmed', async () => {
    const owner = await signUp(t.app, { organisation: buildOrganisation('supplier') });
    const orgName = owner.me.organisations[0]!.name;
    const email = 'invitee-no-account@example.test';
    const invite = await owner.agent
      .post(`/api/organisations/${orgOf(owner)}/members`)
      .send({ email, role: 'member' });
    expect(invite.status).toBe(201);

    const [mail, ...more] = await inbox(email);
    expect(more).toHaveLength(0);
    expect(mail!.to).toEqual([email]);
    // The names are in the body, never the subject (an inviter chooses them).
    expect(mail!.subject).toBe('You have been invited to join an organisation on Impact Atlas');
    expect(mail!.text).toContain(`${owner.me.person.name} has invited you to join ${orgName}`);
    expect(mail!.text).toContain(`${orgName}, a supplier`);
    const { link, token } = linkTo(mail!, new RegExp(`^${escaped}/invitations/[\\w-]+$`));
    expect(link).toBe(`${PUBLIC_URL}${invite.body.acceptPath}`);

    // They create an account with the invited address: not confirmed yet, they cannot accept.
    const invitee = await signUp(t.app, {
      organisation: null,
      person: { email },
      verify: false,
    });
    const refused = await invitee.agent.post('/api/invitations/accept').send({ token });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual(
      expect.objectContaining({
        code: 'email_not_verified',
        message: expect.stringContaining('Confirm your email address'),
      }),
    );

    const confirm = (await inbox(email, 2))[1]!;
    expect((await verify(linkTo(confirm, VERIFY_LINK).token)).status).toBe(204);
    const accepted = await invitee.agent.post('/api/invitations/accept').send({ token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.id).toBe(orgOf(owner));
  });

  it('tells someone with an account in the app and by email, once', async () => {
    const owner = await signUp(t.app);
    const person = await signUp(t.app, { organisation: null });
    const before = (await inbox(person.email)).length;
    const invite = await owner.agent
      .post(`/api/organisations/${orgOf(owner)}/members`)
      .send({ email: person.email });
    expect(invite.status).toBe(201);

    const mails = await inbox(person.email, before + 1);
    expect(mails).toHaveLength(before + 1);
    const { link, token } = linkTo(mails[before]!, new RegExp(`^${escaped}/invitations/[\\w-]+$`));
    expect(link).toBe(`${PUBLIC_URL}${invite.body.acceptPath}`);

    const told = await person.agent.get('/api/notifications');
    expect(told.body.items).toEqual([
      expect.objectContaining({ kind: 'invitation', link: invite.body.acceptPath }),
    ]);

    const accepted = await person.agent.post('/api/invitations/accept').send({ token });
    expect(accepted.status).toBe(200);
  });

  it('emails an account holder whose address is not confirmed yet, and does not tell the account in the app', async () => {
    const owner = await signUp(t.app);
    const person = await signUp(t.app, { organisation: null, verify: false });
    const invite = await owner.agent
      .post(`/api/organisations/${orgOf(owner)}/members`)
      .send({ email: person.email });
    expect(invite.status).toBe(201);

    const mails = await inbox(person.email, 2);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe('You have been invited to join an organisation on Impact Atlas');
    expect(mails[1]!.text).toContain('confirm your email address');
    const { link } = linkTo(mails[1]!, new RegExp(`^${escaped}/invitations/[\\w-]+$`));
    expect(link).toBe(`${PUBLIC_URL}${invite.body.acceptPath}`);
    // The address is only claimed, not proven: whoever holds the account may not be its owner,
    // so the invitation reaches the address, not the account.
    const told = await person.agent.get('/api/notifications');
    expect(told.body.items).toEqual([]);
  });
});

describe('an organisation verified', () => {
  it('tells its members by email, once', async () => {
    const owner = await signUp(t.app);
    const member = await signUp(t.app, { organisation: null });
    await join(owner.agent, orgOf(owner), member);
    const admin = await signUp(t.app, { organisation: null });
    await makeAdmin(t.database, admin.me.person.id);
    const orgName = owner.me.organisations[0]!.name;
    const counts = [(await inbox(owner.email)).length, (await inbox(member.email)).length];

    const verified = await admin.agent
      .put(`/api/organisations/${orgOf(owner)}/verified`)
      .send({ verified: true });
    expect(verified.status).toBe(200);

    for (const [i, who] of [owner, member].entries()) {
      const mails = await inbox(who.email, counts[i]! + 1);
      expect(mails).toHaveLength(counts[i]! + 1);
      const mail = mails[counts[i]!]!;
      expect(mail.subject).toBe(`${orgName} is now verified`);
      expect(mail.links).toContain(`${PUBLIC_URL}/organisations/${orgOf(owner)}`);
      const told = await who.agent.get('/api/notifications');
      expect(told.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'organisation_verified',
            link: `/organisations/${orgOf(owner)}`,
          }),
        ]),
      );
    }
    expect(smtp.to(admin.email).map((m) => m.subject)).not.toContain(`${orgName} is now verified`);

    // Already verified: nothing new to tell.
    await admin.agent.put(`/api/organisations/${orgOf(owner)}/verified`).send({ verified: true });
    await relay.drain();
    expect(smtp.to(owner.email)).toHaveLength(counts[0]! + 1);
  });
});

describe('rate limits on account emails', () => {
  it('limits password reset requests for one email, and verification resends per person', async () => {
    const limited = await createTestApp({
      rateLimits: { signInPerIp: 100, signInPerAccount: 2, signUpPerIp: 3, windowMinutes: 15 },
    });
    try {
      const s = await signUp(limited.app, { organisation: null, verify: false });
      const reset = () =>
        request(limited.app).post('/api/auth/password-reset').send({ email: s.email });
      expect((await reset()).status).toBe(202);
      expect((await reset()).status).toBe(202);
      const third = await reset();
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe('rate_limited');

      const resend = () => s.agent.post('/api/auth/verify-email/resend');
      for (let i = 0; i < 3; i += 1) expect((await resend()).status).toBe(202);
      expect((await resend()).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
