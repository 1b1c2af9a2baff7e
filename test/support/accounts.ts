import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { MeView, OrganisationCreate, SignUp } from '@shared/schemas/accounts';
import type { App } from '../../server/src/app';
import type { DatabaseHandle } from '../../server/src/db/client';
import { buildOrganisation, buildSignUp } from '../../seed/factories';

export interface SignedIn {
  agent: TestAgent;
  me: MeView;
  email: string;
  password: string;
}

// Each test app's database, for what only the database shows (the emails written to its outbox).
const databases = new WeakMap<App, DatabaseHandle>();

/** Lets the helpers here read this app's database (`createTestApp` does it for its apps). */
export function rememberDatabase(app: App, database: DatabaseHandle): void {
  databases.set(app, database);
}

/** The link of the newest email of this kind to this address, from the outbox. */
export async function linkInOutbox(
  database: DatabaseHandle,
  to: string,
  kind: string,
  pattern: RegExp,
): Promise<string> {
  const row = await database.db
    .selectFrom('outbox_emails')
    .select('text_body')
    .where('to_address', '=', to)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const link = row?.text_body.match(pattern)?.[0];
  if (!link) throw new Error(`no ${kind} email with a link to ${to} in the outbox`);
  return link;
}

/**
 * Confirms a new person's email address as they would: follows the link of the verification
 * email the app wrote to its outbox (only the token's hash is stored, so the email is the one
 * place the token is).
 */
export async function verifyEmail(app: App, database: DatabaseHandle, email: string) {
  const link = await linkInOutbox(database, email, 'verify_email', /\S+\/verify-email\?token=\S+/);
  const token = new URL(link).searchParams.get('token');
  const res = await request(app).post('/api/auth/verify-email').send({ token });
  if (res.status !== 204)
    throw new Error(`email verification failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Signs a new person up through the API (with a new organisation unless `organisation: null`),
 * confirms their email address with the emailed link (unless `verify: false`, or the app's
 * database is not known here), then signs them in, as the client does: sign-up itself opens
 * no session.
 */
export async function signUp(
  app: App,
  options: {
    organisation?: OrganisationCreate | null;
    person?: Partial<SignUp>;
    verify?: boolean;
  } = {},
): Promise<SignedIn> {
  const body = buildSignUp({
    ...options.person,
    ...(options.organisation === null
      ? {}
      : { organisation: options.organisation ?? buildOrganisation() }),
  });
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/sign-up').send(body);
  if (res.status !== 202)
    throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  const database = databases.get(app);
  if (options.verify === true && !database)
    throw new Error('this app was not made by createTestApp: call rememberDatabase first');
  if (options.verify !== false && database) await verifyEmail(app, database, body.email);
  const signedIn = await agent
    .post('/api/auth/sign-in')
    .send({ email: body.email, password: body.password });
  if (signedIn.status !== 200)
    throw new Error(
      `sign-in after sign-up failed: ${signedIn.status} ${JSON.stringify(signedIn.body)}`,
    );
  return { agent, me: signedIn.body as MeView, email: body.email, password: body.password };
}

/** A new session for an existing person, in a fresh cookie jar. */
export async function signIn(app: App, email: string, password: string): Promise<TestAgent> {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/sign-in').send({ email, password });
  if (res.status !== 200)
    throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}

/** Makes a person a platform administrator (no API does: it is an operator's act). */
export async function makeAdmin(database: DatabaseHandle, personId: string): Promise<void> {
  await database.db
    .updateTable('people')
    .set({ is_admin: true })
    .where('id', '=', personId)
    .execute();
}

/** The id of the organisation a person signed up with. */
export function orgOf(s: SignedIn): string {
  const id = s.me.organisations[0]?.id;
  if (!id) throw new Error('this person has no organisation');
  return id;
}

/**
 * Puts a person into an organisation the way people join: the owner invites their email,
 * and they accept with the token from the invitation.
 */
export async function join(
  owner: TestAgent,
  organisationId: string,
  person: SignedIn,
  role: 'owner' | 'member' = 'member',
): Promise<void> {
  const invite = await owner
    .post(`/api/organisations/${organisationId}/members`)
    .send({ email: person.email, role });
  if (invite.status !== 201)
    throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const token = String(invite.body.acceptPath).split('/').pop();
  const accepted = await person.agent.post('/api/invitations/accept').send({ token });
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}
