import { io, type Socket } from 'socket.io-client';
import {
  parsePublishedEvent,
  type ClientToServerEvents,
  type PublishedEvent,
  type RealtimeTopic,
  type ServerToClientEvents,
} from '@shared/events';

/** The app's socket, typed by the shared event map. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A published topic a page can listen to (`spos.awarded`, `coverage.updated`). */
export type LiveTopic = RealtimeTopic;

/**
 * Where the connection stands: `live` once connected and every room joined; `reconnecting`
 * after a drop while socket.io tries again; `offline` when the server refused the connection.
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

// A hung server must not leave the status on "Connecting…" for ever.
const ACK_TIMEOUT_MS = 10_000;
// socket.io does not retry a connection the server refused; this does, slowly.
const RETRY_AFTER_REFUSAL_MS = 15_000;
// Enough to recognise the duplicates a reconnect replays, small enough to forget.
const SEEN_LIMIT = 1_000;

/**
 * Lets each event through once, by `eventId`, whether it came live or again in a catch-up,
 * and remembers the highest id seen, from which a reconnect asks for what it missed.
 */
export function createEventFilter(limit = SEEN_LIMIT) {
  const seen = new Set<number>();
  let highest: number | undefined;
  return {
    accept(event: PublishedEvent): boolean {
      if (seen.has(event.eventId)) return false;
      seen.add(event.eventId);
      if (seen.size > limit) {
        const [oldest] = seen;
        if (oldest !== undefined) seen.delete(oldest);
      }
      // The highest rather than the latest: coalesced events can arrive after newer ones.
      highest = Math.max(highest ?? 0, event.eventId);
      return true;
    },
    lastEventId: (): number | undefined => highest,
  };
}

export interface LiveRoomsOptions {
  /** Rooms to join on every connection, such as `territory:E23000029`. */
  rooms: readonly string[];
  topics: readonly LiveTopic[];
  /** Each published event once, whether it arrived live or in the catch-up after a reconnect. */
  onEvent: (event: PublishedEvent) => void;
  /** After a reconnect with nothing to catch up from: anything may have changed meanwhile. */
  onResync: () => void;
  onStatusChange: (status: LiveStatus) => void;
}

/**
 * Opens a socket that joins `rooms` and reports their events: duplicates (by `eventId`) are
 * dropped, and after a reconnect the rooms are joined again and the events missed since the
 * last one seen are asked for with `events.since`. Answers the function that closes it.
 */
export function openLiveRooms({
  rooms,
  topics,
  onEvent,
  onResync,
  onStatusChange,
}: LiveRoomsOptions): () => void {
  const socket: RealtimeSocket = io({
    transports: ['websocket', 'polling'],
    withCredentials: true,
    autoConnect: false,
  });
  const events = createEventFilter();
  let connectedBefore = false;
  let closed = false;
  let retryTimer: number | undefined;

  function receive(event: PublishedEvent) {
    if (closed || !events.accept(event)) return;
    onEvent(event);
  }

  // Every topic arrives here and is read through the event map's schema for its topic: an
  // event of a topic this page does not listen to, or one that does not match, goes no further.
  function receiveAny(topic: string, event: unknown) {
    if (!(topics as readonly string[]).includes(topic) || typeof event !== 'object' || !event)
      return;
    const parsed = parsePublishedEvent(topic, event);
    if (parsed) receive(parsed);
    else console.error(`A ${topic} event did not match its schema`, event);
  }

  async function joinRooms() {
    await Promise.all(
      rooms.map((room) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('rooms.join', room)),
    );
  }

  async function catchUp(since: number) {
    try {
      const missed = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('events.since', since);
      for (const event of missed) receiveAny(event.topic, event);
    } catch {
      if (!closed) onResync();
    }
  }

  async function handleConnect() {
    const reconnected = connectedBefore;
    connectedBefore = true;
    try {
      // A new server-side session has no rooms; a recovered one keeps them, and joining
      // again is harmless.
      await joinRooms();
    } catch {
      // Unanswered: a connection that cannot join is no use; start a fresh one.
      if (!closed) socket.disconnect().connect();
      return;
    }
    if (closed || !socket.connected) return;
    onStatusChange('live');
    if (!reconnected) return;
    const since = events.lastEventId();
    if (since === undefined) onResync();
    else await catchUp(since);
  }

  function handleDisconnect(reason: Socket.DisconnectReason) {
    if (closed) return;
    onStatusChange('reconnecting');
    // The server closed it (the session ended): socket.io leaves such a socket closed, and a
    // new connection goes as whoever is signed in now, or nobody.
    if (reason === 'io server disconnect') socket.connect();
  }

  function handleConnectError() {
    if (closed) return;
    if (socket.active) {
      onStatusChange(connectedBefore ? 'reconnecting' : 'connecting');
      return;
    }
    onStatusChange('offline');
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
  }

  // socket.io notices a dead network only when a ping goes unanswered (up to 45 s); the
  // browser knows at once, so the status says so and the socket comes back as soon as it can.
  function handleOffline() {
    socket.disconnect();
  }
  function handleOnline() {
    if (!socket.connected) socket.connect();
  }

  socket.on('connect', () => void handleConnect());
  socket.on('disconnect', handleDisconnect);
  socket.on('connect_error', handleConnectError);
  socket.onAny(receiveAny);
  window.addEventListener('offline', handleOffline);
  window.addEventListener('online', handleOnline);
  onStatusChange('connecting');
  socket.connect();

  return function closeLiveRooms() {
    closed = true;
    window.clearTimeout(retryTimer);
    window.removeEventListener('offline', handleOffline);
    window.removeEventListener('online', handleOnline);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
