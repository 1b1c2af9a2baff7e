import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { CATEGORY_LABELS, type ActivitySummary } from '@shared/schemas/activities';
import { formatGbp } from '@shared/money';
import { ActivityStatusBadge, DemoBadge, ThemeChips, VerifiedBadge } from './ActivityBadges';

/** An activity card's title, a link to its page, and its provider with their badges. */
export function ActivityCardHeading({
  activity,
  children,
}: {
  activity: ActivitySummary;
  /** Badges after the provider's own. */
  children?: ReactNode;
}) {
  return (
    <>
      <h4 className="activity-card__title">
        <Link to={`/activities/${encodeURIComponent(activity.id)}`}>{activity.title}</Link>
      </h4>
      <p className="activity-card__provider">
        {activity.provider.name}
        {activity.provider.verified ? <VerifiedBadge /> : null}
        {children}
      </p>
    </>
  );
}

/** One activity in the browse list: enough to choose which to open. */
export function ActivityListItem({ activity }: { activity: ActivitySummary }) {
  return (
    <li
      className={`activity-card${activity.status === 'at_risk' ? ' activity-card--at-risk' : ''}`}
      data-testid="activity-list-item"
    >
      <ActivityCardHeading activity={activity}>
        {activity.demo ? <DemoBadge /> : null}
      </ActivityCardHeading>
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
