import type { Actor } from '../../lib/actor';

/**
 * Who may read a buyer's reports. Fulfilment itself is public (awarded SPOs are), but the
 * printable reports and their CSV are the buyers' tools: a contract report belongs to the
 * tender's buyer (its members) and to administrators, who answer for the platform's data.
 */
export function mayReadContractReport(actor: Actor, buyerId: string): boolean {
  return actor.kind === 'person' && (actor.isAdmin || actor.memberships.has(buyerId));
}

/** A territory report: members of any buyer organisation (`isBuyer`), and administrators. */
export function mayReadTerritoryReport(actor: Actor, isBuyer: boolean): boolean {
  return actor.kind === 'person' && (actor.isAdmin || isBuyer);
}
