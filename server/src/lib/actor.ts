import type { MembershipRole } from '@shared/schemas/accounts';

/** Who is asking: nobody signed in, or a person with their memberships. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'person';
      personId: string;
      isAdmin: boolean;
      /** Organisation id → role, for every organisation the person belongs to. */
      memberships: ReadonlyMap<string, MembershipRole>;
      /** The organisation the person has chosen to act for, if any. */
      actingFor: string | null;
      sessionId: string;
    };

export type PersonActor = Extract<Actor, { kind: 'person' }>;

/** What every service call knows about its request, for policies and the audit trail. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
}

export const ANONYMOUS: Actor = { kind: 'anonymous' };
