import { Link } from 'react-router-dom';
import { CATEGORY_LABELS, type ActivitySummary } from '@shared/schemas/activities';
import { formatGbp } from '@shared/money';
import { ActivityStatusBadge, DemoBadge, ThemeChips, VerifiedBadge } from './ActivityBadges';

/** One activity in the browse list: enough to choose which to open. */
export function ActivityListItem({ activity }: { activity: ActivitySummary }) {
  return (
    <li
      className={`activity-card${activity.status === 'at_risk' ? ' activity-card--at-risk' : ''}`}
      data-testid="activity-list-item"
    >
      <h4 className="activity-card__title">
        <Link to={`/activities/${encodeURIComponent(activity.id)}`}>{activity.title}</Link>
      </h4>
      <p className="activity-card__provider">
        {activity.provider.name}
        {activity.provider.verified ? <VerifiedBadge /> : null}
        {activity.demo ? <DemoBadge /> : null}
      </p>
      <p className="activity-card__meta">
        {CATEGORY_LABELS[activity.category]} · {activity.territory.name}
      </p>
      <ThemeChips themes={activity.themes} />
      <p className="activity-card__facts">
        <ActivityStatusBadge status={activity.status} atRiskUntil={activity.atRiskUntil} />
        {activity.fundingGapPence > 0 ? (
          <span>
            Funding gap <strong>{formatGbp(activity.fundingGapPence)}</strong>
          </span>
        ) : (
          <span className="muted">No funding gap</span>
        )}
      </p>
    </li>
  );
}
