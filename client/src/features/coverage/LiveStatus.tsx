import type { LiveStatus as Status } from '../../lib/realtime';

const STATUS_TEXT: Record<Status, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const STATUS_HINT: Record<Status, string> = {
  connecting: 'Connecting for live updates',
  live: 'Figures update as contracts are awarded',
  reconnecting: 'The connection dropped; figures catch up once it is back',
  offline: 'Live updates are unavailable; the figures may be out of date',
};

/**
 * A small badge saying whether the figures are updating live; its text is the status alone
 * ("Live"), the longer explanation is its title.
 */
export function LiveStatus({ status }: { status: Status }) {
  return (
    <p
      className={`live-status live-status--${status}`}
      data-testid="coverage-live"
      data-status={status}
      role="status"
      title={STATUS_HINT[status]}
    >
      <span className="live-status__dot" aria-hidden="true" />
      {STATUS_TEXT[status]}
    </p>
  );
}
