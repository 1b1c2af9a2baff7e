import { Link } from 'react-router-dom';
import type { TenderView } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { DemoBadge, VerifiedBadge } from '../activities/ActivityBadges';
import { pluralise } from '../activities/activity-format';
import { ClosingTime, TenderStatusBadge } from './TenderBadges';

/** One tender in the list: enough to choose which to open. */
export function TenderListItem({ tender }: { tender: TenderView }) {
  return (
    <li className="tender-card" data-testid="tender-list-item" data-status={tender.status}>
      <div className="tender-card__head">
        <h3 className="tender-card__title">
          <Link to={`/tenders/${encodeURIComponent(tender.id)}`}>{tender.title}</Link>
        </h3>
        <TenderStatusBadge status={tender.status} />
      </div>
      <p className="tender-card__buyer">
        {tender.buyer.name}
        {tender.buyer.verified ? <VerifiedBadge /> : null}
        {tender.buyer.demo ? <DemoBadge /> : null}
        <span className="muted">· {tender.reference}</span>
      </p>
      <p className="tender-card__meta">
        {tender.territories.map((territory) => territory.name).join(', ')}
      </p>
      <p className="tender-card__facts">
        <span>
          <strong>{formatGbp(tender.annualValuePence)}</strong> a year for{' '}
          {pluralise(tender.durationYears, 'year')}
        </span>
        <span>
          Baseline <strong>{formatGbp(tender.baselinePencePerMillion)}</strong> a year per £1m
        </span>
        <ClosingTime tender={tender} />
      </p>
    </li>
  );
}
