import type { Actor } from '../../lib/actor';

export type ActivityAction = 'read' | 'create' | 'update';

/**
 * May this actor do this to an activity of this provider? Everyone reads activities (closed
 * ones too, for history); members of the provider create and edit them; administrators may
 * edit any (to pause or close one that breaks the rules) but list for nobody.
 */
export function mayActivity(actor: Actor, action: ActivityAction, providerId?: string): boolean {
  if (action === 'read') return true;
  if (actor.kind !== 'person' || !providerId) return false;
  const isMember = actor.memberships.has(providerId);
  return action === 'create' ? isMember : isMember || actor.isAdmin;
}
