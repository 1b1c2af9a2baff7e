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
  'activities.created': [ActivityChanged];
  'activities.updated': [ActivityChanged];
}

/** An in-process, typed event bus. */
export class DomainEvents extends EventEmitter<DomainEventMap> {}
