import { z } from 'zod';
import { NotificationKind } from './schemas/notifications';
import { TerritoryCode } from './schemas/territories';

/**
 * Real-time events, typed once for both sides: each topic's payload schema, the rooms they go
 * to, and socket.io's event maps derived from them. Names are `<resource>.<past-tense verb>`;
 * payloads stay small and travel inside a `PublishedEvent` with the outbox `eventId`, by
 * which clients drop duplicates and ask for what they missed (`events.since`).
 */

const Uuid = z.guid();
const Territory = TerritoryCode;

/** Each published topic and its payload: the outbox writer, the relay and clients use these. */
export const EventPayloads = {
  /** An SPO was awarded with lines in this territory: it is public now. */
  'spos.awarded': z.object({ spoId: Uuid, tenderId: Uuid, territory: Territory }),
  /** The supplier's SPO was sealed and submitted: to `org:<supplier>` only. */
  'spos.submitted': z.object({ spoId: Uuid, tenderId: Uuid, version: z.number().int().min(1) }),
  /** An activity in this territory was listed or changed (activities are public). */
  'activities.updated': z.object({ activityId: Uuid, territory: Territory }),
  /** A territory's coverage figures changed (at most once a second per territory). */
  'coverage.updated': z.object({ territory: Territory }),
  /** The buyer awarded its tender: to `tender:<id>`, the buyer's members. */
  'tenders.awarded': z.object({ tenderId: Uuid, spoId: Uuid }),
  /** A notification for one person: to `person:<id>` only. The client refetches its list. */
  'notifications.created': z.object({
    notificationId: z.string().regex(/^[1-9][0-9]*$/),
    kind: NotificationKind,
  }),
} as const;

export type RealtimeTopic = keyof typeof EventPayloads;
export type EventPayload<T extends RealtimeTopic> = z.infer<(typeof EventPayloads)[T]>;

/** Every published topic, for a client that listens to all of them. */
export const REALTIME_TOPICS = Object.keys(EventPayloads) as RealtimeTopic[];

/** One topic's event as it is published and caught up: the outbox id, its room, its payload. */
export interface TopicEvent<K extends RealtimeTopic> {
  eventId: number;
  topic: K;
  room: string;
  payload: EventPayload<K>;
}

/** An event of any of these topics (all by default), narrowed by its `topic`. */
export type PublishedEvent<T extends RealtimeTopic = RealtimeTopic> = {
  [K in T]: TopicEvent<K>;
}[T];

/** What a service writes to the outbox: a topic, its room and its payload, checked together. */
export type OutboxMessage<T extends RealtimeTopic = RealtimeTopic> = {
  [K in T]: { topic: K; room: Room; payload: EventPayload<K> };
}[T];

/**
 * Room names, `<kind>:<id>`, made in one place. `territory:` is public; `tender:` admits the
 * tender's buyer's members; `org:` an organisation's members; `person:` and `session:` are
 * joined by the server itself for a signed-in socket (notifications to one person, and closing
 * a session's sockets).
 */
export const rooms = {
  territory: (code: string) => `territory:${code}` as const,
  tender: (id: string) => `tender:${id}` as const,
  org: (id: string) => `org:${id}` as const,
  person: (id: string) => `person:${id}` as const,
  session: (id: string) => `session:${id}` as const,
};
export type Room = ReturnType<(typeof rooms)[keyof typeof rooms]>;

/** Rooms a client may ask to join with `rooms.join` (each join authorised on the server). */
export const JOINABLE_ROOM = /^(territory|tender|org):/;

export const SESSION_ENDED = 'sessions.ended' as const;

/** A listener per published topic. */
export type TopicListeners = { [K in RealtimeTopic]: (event: TopicEvent<K>) => void };

export type ServerToClientEvents = TopicListeners & {
  /** This connection's session was signed out or revoked; the socket closes next. */
  [SESSION_ENDED]: (payload: { reason: 'signed_out' | 'revoked' }) => void;
};

export type JoinAnswer = { ok: true } | { ok: false; error: string };

export interface ClientToServerEvents {
  /** Joins `territory:<code>` (anyone), `tender:<id>` (its buyer), `org:<id>` (members). */
  'rooms.join': (room: string, ack: (answer: JoinAnswer) => void) => void;
  'rooms.leave': (room: string) => void;
  /** Published events after `since` in the rooms this socket has joined, oldest first. */
  'events.since': (since: number, ack: (events: PublishedEvent[]) => void) => void;
}

const Envelope = z.object({ eventId: z.number().int().min(1), room: z.string().min(1) });

/**
 * Reads an event received or stored under `topic` (the outbox keeps JSON): the topic must be
 * known and the payload must match its schema. Answers undefined for anything else.
 */
export function parsePublishedEvent(
  topic: string,
  value: { eventId?: unknown; room?: unknown; payload?: unknown },
): PublishedEvent | undefined {
  if (!Object.hasOwn(EventPayloads, topic)) return undefined;
  const known = topic as RealtimeTopic;
  const envelope = Envelope.safeParse(value);
  const payload = EventPayloads[known].safeParse(value.payload);
  if (!envelope.success || !payload.success) return undefined;
  return { ...envelope.data, topic: known, payload: payload.data } as PublishedEvent;
}
