import { EventEmitter } from 'node:events';

/** What services announce after their transaction commits, for real-time and other listeners. */
export interface DomainEventMap {
  /** Sessions that ended: by their ids, or all of a person's. */
  'sessions.revoked': [{ sessionIds: string[]; reason: 'signed_out' | 'revoked' }];
}

/** An in-process, typed event bus. */
export class DomainEvents extends EventEmitter<DomainEventMap> {}
