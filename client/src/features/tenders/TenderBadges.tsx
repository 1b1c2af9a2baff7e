import type { TenderStatus, TenderView } from '@shared/schemas/tenders';
import type { Band } from '@shared/social-value';
import { describeTimeLeft, formatDateTime } from '../../lib/date-time';
import { useNow } from '../../lib/use-now';
import { BAND_LABELS, TENDER_STATUS_LABELS } from './tender-labels';

/**
 * Whether bids are closed, by the tender's status or by the clock: an open tender whose
 * closing time passes while the page is open reads as closed without a reload.
 */
export function hasClosed(tender: Pick<TenderView, 'status' | 'closesAt'>, now: number): boolean {
  if (tender.status === 'draft') return false;
  if (tender.status !== 'open') return true;
  return Date.parse(tender.closesAt) <= now;
}

/** A tender's status as a badge. */
export function TenderStatusBadge({ status }: { status: TenderStatus }) {
  return (
    <span className={`badge tender-status tender-status--${status}`} data-status={status}>
      {TENDER_STATUS_LABELS[status]}
    </span>
  );
}

/** A band a contribution reaches, as a badge; below the baseline stands out. */
export function BandBadge({ band }: { band: Band }) {
  return (
    <span className={`badge band band--${band}`} data-band={band}>
      {BAND_LABELS[band]}
    </span>
  );
}

/** When bids close, counting down while open: "Closes in 3 days and 4 hours (…)", or "Closed …". */
export function ClosingTime({ tender }: { tender: Pick<TenderView, 'status' | 'closesAt'> }) {
  const now = useNow();
  const at = formatDateTime(tender.closesAt);
  if (tender.status === 'draft') return <span>Closes {at} (once published)</span>;
  if (tender.status === 'cancelled') return <span>Cancelled before award</span>;
  if (hasClosed(tender, now)) {
    return (
      <span className="closing closing--closed" data-closed="true">
        Closed {at}
      </span>
    );
  }
  return (
    <span className="closing" data-closed="false">
      Closes in <strong>{describeTimeLeft(Date.parse(tender.closesAt) - now)}</strong> ({at})
    </span>
  );
}
