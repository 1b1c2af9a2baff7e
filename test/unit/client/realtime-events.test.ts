import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PublishedEvent } from '@shared/events';
import { createEventFilter } from '../../../client/src/lib/realtime';

const event = (eventId: number): PublishedEvent => ({
  eventId,
  topic: 'coverage.updated',
  room: 'territory:E23000029',
  payload: { territory: 'E23000029' },
});

describe('the client’s event filter', () => {
  it('lets an event replayed after a reconnect through only once', () => {
    const filter = createEventFilter();
    expect([1, 2, 3].map((id) => filter.accept(event(id)))).toEqual([true, true, true]);
    // The catch-up answers from the last id seen; a recovered connection may send 3 again.
    expect([3, 4].map((id) => filter.accept(event(id)))).toEqual([false, true]);
    expect(filter.lastEventId()).toBe(4);
  });

  it('asks to catch up from the highest id, even when a coalesced event arrives late', () => {
    const filter = createEventFilter();
    filter.accept(event(10));
    filter.accept(event(7));
    expect(filter.lastEventId()).toBe(10);
  });

  it('has nothing to catch up from before the first event', () => {
    expect(createEventFilter().lastEventId()).toBeUndefined();
  });

  it('delivers each distinct id exactly once, whatever the order and repeats (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 200 }), (ids) => {
        const filter = createEventFilter();
        const delivered = ids.filter((id) => filter.accept(event(id)));
        expect(delivered.sort((a, b) => a - b)).toEqual([...new Set(ids)].sort((a, b) => a - b));
        expect(filter.lastEventId()).toBe(ids.length === 0 ? undefined : Math.max(...ids));
      }),
    );
  });
});
