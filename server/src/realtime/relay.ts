import type { PublishedEvent } from '@shared/events';
import type { DatabaseHandle } from '../db/client';
import { createOutboxRepo } from '../features/outbox/outbox.repo';
import type { DomainEvents } from '../lib/domain-events';
import { drainLoop } from '../lib/drain-loop';

/** The least time between two `coverage.updated` for one territory. */
export const COVERAGE_COALESCE_MS = 1000;

type Emit = (event: PublishedEvent) => void;

/**
 * Publishes committed outbox events to their rooms: at once when told (`outbox.written`),
 * and on a tick, so that events left by a crash or another process go out after a restart.
 * Bursts of `coverage.updated` for one room go out at most once a second (the latest).
 */
export function startRelay(
  database: DatabaseHandle,
  events: DomainEvents,
  emit: Emit,
  tickMs = 1000,
): { drain(): Promise<void>; stop(): void } {
  const outbox = createOutboxRepo(database.db);
  const lastCoverage = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  function publish(e: PublishedEvent): void {
    if (e.topic !== 'coverage.updated') return emit(e);
    const wait = (lastCoverage.get(e.room) ?? 0) + COVERAGE_COALESCE_MS - Date.now();
    if (wait <= 0 && !trailing.has(e.room)) {
      lastCoverage.set(e.room, Date.now());
      return emit(e);
    }
    // Within the second: only the latest goes out, when the second is up.
    clearTimeout(trailing.get(e.room));
    trailing.set(
      e.room,
      setTimeout(
        () => {
          trailing.delete(e.room);
          lastCoverage.set(e.room, Date.now());
          if (!stopped) emit(e);
        },
        Math.max(wait, 0),
      ),
    );
  }

  const { drain } = drainLoop(
    async () => {
      const batch = await outbox.claim();
      batch.forEach(publish);
      return batch.length;
    },
    () => stopped,
    'Outbox relay',
  );

  const onWritten = () => void drain();
  events.on('outbox.written', onWritten);
  const timer = setInterval(() => void drain(), tickMs);
  timer.unref();
  void drain();
  return {
    drain,
    stop() {
      stopped = true;
      clearInterval(timer);
      for (const t of trailing.values()) clearTimeout(t);
      events.off('outbox.written', onWritten);
    },
  };
}
