import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingMessage } from '../components/LoadingMessage';
import { useActivity } from '../features/activities/activities.queries';
import { ActivityDetails } from '../features/activities/ActivityDetails';
import { isActivityNotFound } from '../features/activities/activity-errors';
import { useMe } from '../features/auth/auth.queries';
import { useDocumentTitle } from '../lib/document-title';

/** `/activities/:id`: one activity, whole, with its members' actions. */
export function ActivityPage() {
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const me = useMe();
  const notFound = activity.isError && isActivityNotFound(activity.error);
  useDocumentTitle(activity.data?.title ?? (notFound ? 'Activity not found' : 'Activity'));

  let body;
  if (activity.isPending) {
    body = (
      <>
        <h1>Activity</h1>
        <LoadingMessage>Loading the activity…</LoadingMessage>
      </>
    );
  } else if (notFound) {
    body = (
      <>
        <h1>Activity not found</h1>
        <p>This activity does not exist.</p>
        <p>
          <Link to="/activities">Browse activities</Link>
        </p>
      </>
    );
  } else if (activity.isError) {
    body = (
      <>
        <h1>Activity</h1>
        <ErrorMessage
          title="The activity could not be loaded"
          error={activity.error}
          onRetry={() => void activity.refetch()}
          isRetrying={activity.isFetching}
        />
      </>
    );
  } else {
    const providerId = activity.data.provider.id;
    const canManage =
      me.data?.person.isAdmin === true ||
      (me.data?.organisations.some((organisation) => organisation.id === providerId) ?? false);
    body = <ActivityDetails activity={activity.data} canManage={canManage} />;
  }

  return (
    <div className="page">
      <article className="page__inner activity-page" data-testid="activity-page">
        <p className="activity-page__back">
          <Link to="/activities">← All activities</Link>
        </p>
        {body}
      </article>
    </div>
  );
}
