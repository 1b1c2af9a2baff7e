import { Link, useParams } from 'react-router-dom';
import { useActivity } from '../features/activities/activities.queries';
import { ActivityQueryState } from '../features/activities/ActivityQueryState';
import { isActivityNotFound } from '../features/activities/activity-errors';
import { ActivityDetails } from '../features/activities/ActivityDetails';
import { ActivityReceipt } from '../features/activities/ActivityReceipt';
import { useMe } from '../features/auth/auth.queries';
import { canManageFor } from '../features/auth/memberships';
import { OpportunityList } from '../features/matching/OpportunityList';
import { useDocumentTitle } from '../lib/document-title';

/** `/activities/:id`: one activity, whole, with its members' actions. */
export function ActivityPage() {
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const me = useMe();
  const notFound = activity.isError && isActivityNotFound(activity.error);
  useDocumentTitle(activity.data?.title ?? (notFound ? 'Activity not found' : 'Activity'));

  return (
    <div className="page">
      <article className="page__inner activity-page" data-testid="activity-page">
        <p className="activity-page__back">
          <Link to="/activities">← All activities</Link>
        </p>
        {activity.data && !activity.isError ? null : (
          <h1>{notFound ? 'Activity not found' : 'Activity'}</h1>
        )}
        <ActivityQueryState activity={activity}>
          {(found) => (
            <>
              <ActivityReceipt activity={found} />
              <ActivityDetails
                activity={found}
                canManage={canManageFor(me.data, found.provider.id)}
              />
              {/* For its provider: the contracts whose suppliers are shown this activity. */}
              {canManageFor(me.data, found.provider.id) ? (
                <OpportunityList activityId={found.id} />
              ) : null}
            </>
          )}
        </ActivityQueryState>
      </article>
    </div>
  );
}
