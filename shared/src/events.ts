/**
 * Real-time events, typed once for socket.io's generics on both sides. Names are
 * `<resource>.<past-tense verb>`; payloads stay small.
 */
export interface ServerToClientEvents {
  /** This connection's session was signed out or revoked; the socket closes next. */
  'sessions.ended': (payload: { reason: 'signed_out' | 'revoked' }) => void;
}

// Nothing yet: clients only listen. Room joins arrive with the coverage view.
export type ClientToServerEvents = Record<string, never>;

export const SESSION_ENDED = 'sessions.ended' as const;
