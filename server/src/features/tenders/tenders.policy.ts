import type { Actor } from '../../lib/actor';
import type { TenderRow } from './tenders.repo';

export type TenderAction = 'create' | 'manage' | 'readDraft' | 'evaluate';

/** Is the actor a member of this organisation? */
export function isMemberOf(actor: Actor, organisationId: string): boolean {
  return actor.kind === 'person' && actor.memberships.has(organisationId);
}

/**
 * May this actor do this to a tender of this buyer? Published tenders are public (no check
 * needed); drafts, edits, publishing, cancelling, evaluating and awarding belong to the
 * buyer's members. Administrators get no say in a buyer's procurement.
 */
export function mayTender(actor: Actor, _action: TenderAction, buyerId: string): boolean {
  return isMemberOf(actor, buyerId);
}

/** Past its closing time (by this process's clock; sealing checks the database's). */
export const isClosed = (t: Pick<TenderRow, 'closes_at'>) =>
  new Date(t.closes_at).getTime() <= Date.now();

/** Closed for evaluation: past its closing time and not cancelled. */
export const isEvaluable = (t: Pick<TenderRow, 'closes_at' | 'status'>) =>
  isClosed(t) && t.status !== 'cancelled';
