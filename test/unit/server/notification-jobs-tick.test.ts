import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { DomainEvents } from '../../../server/src/lib/domain-events';
import {
  startNotificationJobs,
  type NotificationJobs,
} from '../../../server/src/features/notifications/notification-jobs';

/**
 * The notification jobs' tick: each run does every job in turn, the tidying of the kept match
 * scores' log last (without it the log grows while nobody asks for matches); a failing job is
 * logged and the next tick runs again; a published tender starts a run at once.
 */
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  jest.restoreAllMocks();
});

function recordingJobs(failing?: keyof NotificationJobs) {
  const calls: string[] = [];
  const job = (name: keyof NotificationJobs) => async () => {
    calls.push(name);
    if (name === failing && calls.filter((c) => c === name).length === 1) {
      throw new Error(`${name} broke`);
    }
    return 0;
  };
  const jobs = {
    closings: job('closings'),
    matches: job('matches'),
    digest: job('digest'),
    tidy: job('tidy'),
  } as unknown as NotificationJobs;
  return { calls, jobs };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
};

describe('the notification jobs’ tick', () => {
  it('runs every job in turn, tidying the kept match scores last', async () => {
    const { calls, jobs } = recordingJobs();
    stop = startNotificationJobs(jobs, new DomainEvents(), 60_000).stop;
    await until(() => calls.length >= 4);
    expect(calls).toEqual(['closings', 'matches', 'digest', 'tidy']);
  });

  it('runs again on the next tick after a job fails, and logs the failure', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { calls, jobs } = recordingJobs('digest');
    stop = startNotificationJobs(jobs, new DomainEvents(), 20).stop;
    await until(() => calls.includes('tidy'));
    // The first run stopped at the broken job; a later one got through to the tidying.
    expect(calls.slice(0, 3)).toEqual(['closings', 'matches', 'digest']);
    expect(calls.indexOf('tidy')).toBeGreaterThan(3);
    expect(logged).toHaveBeenCalledWith('Notification jobs failed:', 'digest broke');
  });

  it('runs at once when a tender is published', async () => {
    const { calls, jobs } = recordingJobs();
    const events = new DomainEvents();
    stop = startNotificationJobs(jobs, events, 60_000).stop;
    await until(() => calls.length >= 4);
    events.emit('tenders.published');
    await until(() => calls.length >= 8);
    expect(calls.slice(4)).toEqual(['closings', 'matches', 'digest', 'tidy']);
  });
});
