import { EventEmitter } from 'node:events';

/** An activity that changed, and the territory it is in now. */
export interface ActivityChanged {
  id: string;
  territory: string;
  updatedAt: string;
}

/** What services announce after their transaction commits, for real-time and other listeners. */
export interface DomainEventMap {
  /** Sessions that ended: by their ids, or all of a person's. */
  'sessions.revoked': [{ sessionIds: string[]; reason: 'signed_out' | 'revoked' }];
  /** A person left, or was removed from, an organisation. */
  'memberships.ended': [{ personId: string; organisationId: string }];
  'activities.created': [ActivityChanged];
  'activities.updated': [ActivityChanged];
  /** A supplier asked a provider to confirm a line. */
  'spos.link_requested': [{ spoId: string; providerId: string }];
  /** An SPO won its tender and became public. */
  'spos.awarded': [{ spoId: string; tenderId: string; territories: string[] }];
  'tenders.awarded': [{ tenderId: string; spoId: string }];
  /** Events were committed to the outbox: the relay may publish now rather than at its tick. */
  'outbox.written': [];
}

/** An in-process, typed event bus. */
export class DomainEvents extends EventEmitter<DomainEventMap> {}
