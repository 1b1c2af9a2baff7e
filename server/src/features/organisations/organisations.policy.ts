import type { Actor } from '../../lib/actor';

export type OrganisationAction =
  | 'read'
  | 'create'
  | 'update'
  | 'readMembers'
  | 'invite'
  | 'manageMembers'
  | 'verify'
  | 'readAudit';

const roleIn = (actor: Actor, organisationId: string) =>
  actor.kind === 'person' ? actor.memberships.get(organisationId) : undefined;

/** May this actor do this to this organisation? The one place that decides. */
export function mayOrganisation(
  actor: Actor,
  action: OrganisationAction,
  organisationId?: string,
): boolean {
  if (actor.kind !== 'person') return action === 'read';
  if (action === 'read' || action === 'create') return true;
  const role = organisationId ? roleIn(actor, organisationId) : undefined;
  switch (action) {
    // Administrators oversee: they verify, read members and audit trails, and may remove a
    // member. They never edit an organisation or bring anyone in, themselves included: only
    // an owner's invitation, accepted by the invitee, makes a member.
    case 'readMembers':
      return role !== undefined || actor.isAdmin;
    case 'manageMembers':
    case 'readAudit':
      return role === 'owner' || actor.isAdmin;
    case 'update':
    case 'invite':
      return role === 'owner';
    case 'verify':
      return actor.isAdmin;
  }
}

/** May this actor remove this person from the organisation? Owners may; anyone may leave. */
export function mayRemoveMember(actor: Actor, organisationId: string, personId: string): boolean {
  if (
    actor.kind === 'person' &&
    actor.personId === personId &&
    actor.memberships.has(organisationId)
  )
    return true;
  return mayOrganisation(actor, 'manageMembers', organisationId);
}
