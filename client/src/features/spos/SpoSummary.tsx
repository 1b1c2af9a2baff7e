import { Link } from 'react-router-dom';
import type { SpoStatus, SpoView, TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { formatDateTime } from '../../lib/date-time';
import { VerifiedBadge } from '../activities/ActivityBadges';
import { pluralise } from '../activities/activity-format';
import { ClosingTime } from '../tenders/TenderBadges';
import { SPO_STATUS_LABELS } from './spo-labels';

/** An SPO's status as a badge. */
export function SpoStatusBadge({ status }: { status: SpoStatus }) {
  return (
    <span className={`badge spo-status spo-status--${status}`} data-status={status}>
      {SPO_STATUS_LABELS[status]}
    </span>
  );
}

/** Whose SPO, for which tender, and where it stands. */
export function SpoHeader({ spo, tender }: { spo: SpoView; tender: TenderView }) {
  return (
    <>
      <h2 className="spo-page__title">Social Purchase Order</h2>
      <p className="spo-page__for">
        For <Link to={`/tenders/${encodeURIComponent(tender.id)}`}>{tender.title}</Link> (
        {tender.buyer.name})
      </p>
      <p className="activity-page__provider">
        Supplier: <strong>{spo.supplier.name}</strong>{' '}
        {spo.supplier.verified ? <VerifiedBadge /> : null}
        <SpoStatusBadge status={spo.status} />
      </p>
    </>
  );
}

/** The tender's figures an SPO is measured against. */
export function TenderKeyFigures({ tender }: { tender: TenderView }) {
  return (
    <dl className="details spo-page__tender" data-testid="spo-tender-figures">
      <dt>Contract value</dt>
      <dd>
        {formatGbp(tender.annualValuePence)} a year for {pluralise(tender.durationYears, 'year')}
      </dd>
      <dt>Baseline</dt>
      <dd>
        {formatGbp(tender.baselinePencePerMillion)} a year per £1m, so{' '}
        <strong>{formatGbp(tender.baselineAnnualPence)} a year</strong> for this contract
      </dd>
      <dt>Bands</dt>
      <dd>
        Mid from {formatGbp(tender.midPencePerMillion)}, higher ambition from{' '}
        {formatGbp(tender.higherAmbitionPencePerMillion)} per £1m
      </dd>
      <dt>Weighting</dt>
      <dd>{tender.weightingPct}% of the overall score</dd>
      <dt>Bids</dt>
      <dd>
        <ClosingTime tender={tender} />
      </dd>
    </dl>
  );
}

/** The sealed submission: version, time and content hash, so anyone can check it is unchanged. */
export function SubmissionInfo({ spo }: { spo: SpoView }) {
  if (!spo.submittedAt) return null;
  const changed = spo.status === 'draft';
  return (
    <div
      className={`notice${changed ? ' notice--warning' : ''}`}
      data-testid="spo-submission"
      data-version={spo.version}
    >
      <p className="spo-submission__line">
        {changed ? 'Last submitted' : 'Submitted'}: <strong>version {spo.version}</strong>,{' '}
        {formatDateTime(spo.submittedAt)}.
      </p>
      {spo.contentHash ? (
        <p className="spo-submission__line">
          Content hash (SHA-256): <code className="spo-submission__hash">{spo.contentHash}</code>
        </p>
      ) : null}
      {changed ? (
        <p className="spo-submission__line">
          The lines have changed since: submit again before the tender closes.
        </p>
      ) : null}
      {spo.status === 'withdrawn' ? (
        <p className="spo-submission__line">Withdrawn: the buyer will not evaluate it.</p>
      ) : null}
    </div>
  );
}
