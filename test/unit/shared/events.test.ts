import { describe, expect, it } from '@jest/globals';
import { EventPayloads, parsePublishedEvent, REALTIME_TOPICS, rooms } from '@shared/events';

const SPO = '6f1c2a1e-8f1d-4b0e-9a52-2f1d3c4b5a69';
const TENDER = '0b9e7c52-1d4f-4a3b-8c2e-5f6a7b8c9d0e';

describe('the real-time event map', () => {
  it('lists every topic it has a payload schema for', () => {
    expect([...REALTIME_TOPICS].sort()).toEqual(Object.keys(EventPayloads).sort());
  });

  it('reads an event whose payload matches its topic', () => {
    const event = parsePublishedEvent('spos.awarded', {
      eventId: 7,
      room: rooms.territory('E23000029'),
      payload: { spoId: SPO, tenderId: TENDER, territory: 'E23000029' },
    });
    expect(event).toEqual({
      eventId: 7,
      topic: 'spos.awarded',
      room: 'territory:E23000029',
      payload: { spoId: SPO, tenderId: TENDER, territory: 'E23000029' },
    });
  });

  it.each([
    ['an unknown topic', 'spos.deleted', { territory: 'E23000029' }],
    ['a prototype key as topic', 'constructor', { territory: 'E23000029' }],
    ['a payload of another topic', 'spos.awarded', { territory: 'E23000029' }],
    ['a territory that is not one', 'coverage.updated', { territory: 'X1' }],
  ])('refuses %s', (_name, topic, payload) => {
    expect(parsePublishedEvent(topic, { eventId: 1, room: 'territory:E23000029', payload })).toBe(
      undefined,
    );
  });

  it('refuses an event without its outbox id or room', () => {
    const payload = { territory: 'E23000029' };
    expect(parsePublishedEvent('coverage.updated', { room: 'territory:E23000029', payload })).toBe(
      undefined,
    );
    expect(parsePublishedEvent('coverage.updated', { eventId: 3, payload })).toBe(undefined);
  });

  it('names rooms <kind>:<id>', () => {
    expect([rooms.org('a'), rooms.tender('b'), rooms.person('c'), rooms.session('d')]).toEqual([
      'org:a',
      'tender:b',
      'person:c',
      'session:d',
    ]);
  });
});
