import type { Actor } from '../../lib/actor';

/**
 * Which audit entries the actor may list: all of them (administrators), those about the
 * organisations they own, or none.
 */
export function auditScope(actor: Actor): 'all' | string[] {
  if (actor.kind !== 'person') return [];
  if (actor.isAdmin) return 'all';
  return [...actor.memberships].filter(([, role]) => role === 'owner').map(([id]) => id);
}
