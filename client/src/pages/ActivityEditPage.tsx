import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ActivityView } from '@shared/schemas/activities';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingMessage } from '../components/LoadingMessage';
import { useActivity } from '../features/activities/activities.queries';
import { isActivityNotFound } from '../features/activities/activity-errors';
import { EditActivityForm } from '../features/activities/ActivityForm';
import { useMe } from '../features/auth/auth.queries';
import { useDocumentTitle } from '../lib/document-title';

/** `/activities/:id/edit`: a member of the activity's provider (or an admin) changes it. */
export function ActivityEditPage() {
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const me = useMe();
  const navigate = useNavigate();
  const notFound = activity.isError && isActivityNotFound(activity.error);
  useDocumentTitle(activity.data ? `Edit ${activity.data.title}` : 'Edit activity');
  const activityPath = `/activities/${encodeURIComponent(id)}`;

  function handleSaved(saved: ActivityView) {
    void navigate(`/activities/${encodeURIComponent(saved.id)}`);
  }

  let body;
  if (activity.isPending || me.isPending) {
    body = <LoadingMessage>Loading the activity…</LoadingMessage>;
  } else if (notFound) {
    body = (
      <>
        <p>This activity does not exist.</p>
        <p>
          <Link to="/activities">Browse activities</Link>
        </p>
      </>
    );
  } else if (activity.isError) {
    body = (
      <ErrorMessage
        title="The activity could not be loaded"
        error={activity.error}
        onRetry={() => void activity.refetch()}
        isRetrying={activity.isFetching}
      />
    );
  } else if (me.isError) {
    body = (
      <ErrorMessage
        title="Your sign-in could not be checked"
        error={me.error}
        onRetry={() => void me.refetch()}
        isRetrying={me.isFetching}
      />
    );
  } else {
    const { provider, status } = activity.data;
    const canEdit =
      me.data?.person.isAdmin === true ||
      (me.data?.organisations.some((organisation) => organisation.id === provider.id) ?? false);
    if (status === 'closed') {
      body = (
        <p className="notice" data-testid="activity-closed">
          <strong>Closed.</strong> This activity has ended and can no longer be edited.
        </p>
      );
    } else if (!canEdit) {
      body = (
        <p data-testid="activity-form-refused">
          Only members of {provider.name} can edit this activity.{' '}
          {me.data ? null : 'If you are one, sign in first.'}
        </p>
      );
    } else {
      body = <EditActivityForm activity={activity.data} onSaved={handleSaved} />;
    }
  }

  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="edit-activity-heading">
        <p className="activity-page__back">
          <Link to={activityPath}>← Back to the activity</Link>
        </p>
        <h2 id="edit-activity-heading">
          {activity.data ? `Edit “${activity.data.title}”` : 'Edit activity'}
        </h2>
        {body}
      </section>
    </div>
  );
}
