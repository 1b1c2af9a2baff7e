import type { MeView, OrganisationKind } from '@shared/schemas/accounts';

/** A signed-in person's organisation, as `/api/me` lists it. */
export type Membership = MeView['organisations'][number];

/** The person's organisations of one kind (the buyers they can publish tenders for, …). */
export function organisationsOfKind(
  me: MeView | null | undefined,
  kind: OrganisationKind,
): Membership[] {
  return me?.organisations.filter((organisation) => organisation.kind === kind) ?? [];
}

/** Whether the person belongs to an organisation. The server decides for real; this spares buttons it would refuse. */
export function isMemberOf(me: MeView | null | undefined, organisationId: string): boolean {
  return me?.organisations.some((organisation) => organisation.id === organisationId) ?? false;
}

/** Whether the person may manage what an organisation owns: as its member, or as an admin. */
export function canManageFor(me: MeView | null | undefined, organisationId: string): boolean {
  return me?.person.isAdmin === true || isMemberOf(me, organisationId);
}

/**
 * The organisation of a kind to act as by default: the one acted for when it is of that
 * kind, else the person's first of that kind.
 */
export function defaultOrganisation(
  me: MeView | null | undefined,
  kind: OrganisationKind,
): Membership | undefined {
  const ofKind = organisationsOfKind(me, kind);
  return ofKind.find((organisation) => organisation.id === me?.actingFor) ?? ofKind[0];
}
