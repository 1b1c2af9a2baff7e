/**
 * Real-time events, typed once for socket.io's generics on both sides. Names are
 * `<resource>.<past-tense verb>`; payloads stay small and carry the outbox `eventId`, by
 * which clients drop duplicates and ask for what they missed (`events.since`).
 */
export interface PublishedEvent {
  eventId: number;
  topic: string;
  room: string;
  payload: Record<string, unknown>;
}

export interface ServerToClientEvents {
  /** This connection's session was signed out or revoked; the socket closes next. */
  'sessions.ended': (payload: { reason: 'signed_out' | 'revoked' }) => void;
  /** An SPO was awarded with lines in this territory: it is public now. */
  'spos.awarded': (event: PublishedEvent) => void;
  /** An activity in this territory was listed or changed (activities are public). */
  'activities.updated': (event: PublishedEvent) => void;
  /** The supplier's SPO was sealed and submitted: to `org:<supplier>` only. */
  'spos.submitted': (event: PublishedEvent) => void;
  /** A territory's coverage figures changed (at most once a second per territory). */
  'coverage.updated': (event: PublishedEvent) => void;
}

export type JoinAnswer = { ok: true } | { ok: false; error: string };

export interface ClientToServerEvents {
  /** Joins `territory:<code>` (anyone), `tender:<id>` (its buyer), `org:<id>` (members). */
  'rooms.join': (room: string, ack: (answer: JoinAnswer) => void) => void;
  'rooms.leave': (room: string) => void;
  /** Published events after `since` in the rooms this socket has joined, oldest first. */
  'events.since': (since: number, ack: (events: PublishedEvent[]) => void) => void;
}

export const SESSION_ENDED = 'sessions.ended' as const;
export const REALTIME_TOPICS = [
  'spos.awarded',
  'spos.submitted',
  'activities.updated',
  'coverage.updated',
] as const;
export type RealtimeTopic = (typeof REALTIME_TOPICS)[number];
