import { EventEmitter } from 'node:events';

/**
 * What services announce in this process after their transaction commits, for the real-time
 * layer. Only events something listens to; what clients hear goes through the outbox
 * (`@shared/events`), not through here.
 */
export interface DomainEventMap {
  /** Sessions that ended: by their ids, or all of a person's. Their sockets close. */
  'sessions.revoked': [{ sessionIds: string[]; reason: 'signed_out' | 'revoked' }];
  /** A person left, or was removed from, an organisation: their sockets' rooms are re-checked. */
  'memberships.ended': [{ personId: string; organisationId: string }];
  /** Events were committed to the outbox: the relay may publish now rather than at its tick. */
  'outbox.written': [];
  /** Email was committed to its outbox: the mail relay may send now rather than at its tick. */
  'mail.written': [];
  /** A tender was published: the notification jobs look for whom it matches now. */
  'tenders.published': [];
}

/** An in-process, typed event bus. */
export class DomainEvents extends EventEmitter<DomainEventMap> {}
