import type { Actor } from '../../lib/actor';

/**
 * How much of an SPO this actor may see — the rule users trust us for:
 * - `full`: its supplier's members, always (live draft and sealed versions);
 * - `sealed`: anyone once it is awarded; the tender's buyer once the tender has closed,
 *   for what was submitted (never a draft, never a withdrawn one);
 * - `ownLines`: a provider linked by a line, for its own lines only;
 * - `none`: everyone else, who must get the same 404 as for an SPO that does not exist.
 */
export type SpoAccess = 'full' | 'sealed' | 'ownLines' | 'none';

/** The SPO statuses in which a linked provider sees its own lines: here and in every list. */
export const PROVIDER_VISIBLE_STATUSES: readonly string[] = ['draft', 'submitted', 'awarded'];

export function spoAccess(
  actor: Actor,
  spo: { status: string; supplierId: string },
  /** `closed`: past its closing time and not cancelled (a cancelled tender's bids stay sealed). */
  tender: { buyerId: string; closed: boolean },
  lineProviderIds: string[],
): SpoAccess {
  const memberOf = (id: string) => actor.kind === 'person' && actor.memberships.has(id);
  if (memberOf(spo.supplierId)) return 'full';
  if (spo.status === 'awarded') return 'sealed';
  if (
    memberOf(tender.buyerId) &&
    tender.closed &&
    (spo.status === 'submitted' || spo.status === 'not_awarded')
  )
    return 'sealed';
  if (lineProviderIds.some(memberOf) && PROVIDER_VISIBLE_STATUSES.includes(spo.status))
    return 'ownLines';
  return 'none';
}
