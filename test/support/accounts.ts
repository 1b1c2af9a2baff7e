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

/**
 * Signs a new person up through the API (with a new organisation unless `organisation: null`),
 * then signs them in, as the client does: sign-up itself opens no session.
 */
export async function signUp(
  app: App,
  options: { organisation?: OrganisationCreate | null; person?: Partial<SignUp> } = {},
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
