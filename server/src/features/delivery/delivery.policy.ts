import type { Actor } from '../../lib/actor';

/**
 * How much of an awarded SPO's delivery this actor may see:
 * - `all`: its supplier's members, the tender's buyer's members and administrators;
 * - `ownLines`: a provider whose activity a line links, for its own lines and their reports;
 * - `none`: everyone else, who gets the same 404 as for an SPO that does not exist (the
 *   award is public, but what is delivered and confirmed is between the parties).
 */
export type DeliveryAccess = 'all' | 'ownLines' | 'none';

/** The organisations a delivery is between. */
export interface DeliveryParties {
  supplierId: string;
  buyerId: string;
}

const memberOf = (actor: Actor, id: string) => actor.kind === 'person' && actor.memberships.has(id);

export function isSupplier(actor: Actor, parties: DeliveryParties): boolean {
  return memberOf(actor, parties.supplierId);
}

/** The buyer's members and administrators set a contract's delivery rules. */
export function maySetDelivery(actor: Actor, buyerId: string): boolean {
  return memberOf(actor, buyerId) || (actor.kind === 'person' && actor.isAdmin);
}

/** Only the members of the provider whose activity a line links answer its reports. */
export function isLineProvider(actor: Actor, providerId: string): boolean {
  return memberOf(actor, providerId);
}

export function deliveryAccess(
  actor: Actor,
  parties: DeliveryParties,
  lineProviderIds: string[],
): DeliveryAccess {
  if (isSupplier(actor, parties) || maySetDelivery(actor, parties.buyerId)) return 'all';
  if (lineProviderIds.some((id) => memberOf(actor, id))) return 'ownLines';
  return 'none';
}

/** May this actor see a report on a line whose activity is this provider's? */
export function maySeeReport(actor: Actor, parties: DeliveryParties, providerId: string) {
  return deliveryAccess(actor, parties, [providerId]) !== 'none';
}
