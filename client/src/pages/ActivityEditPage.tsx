import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ActivityView } from '@shared/schemas/activities';
import { QueryState } from '../components/QueryState';
import { useActivity } from '../features/activities/activities.queries';
import { ActivityQueryState } from '../features/activities/ActivityQueryState';
import { EditActivityForm } from '../features/activities/ActivityForm';
import { useMe } from '../features/auth/auth.queries';
import { canManageFor } from '../features/auth/memberships';
import { useDocumentTitle } from '../lib/document-title';

/** `/activities/:id/edit`: a member of the activity's provider (or an admin) changes it. */
export function ActivityEditPage() {
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const me = useMe();
  const navigate = useNavigate();
  useDocumentTitle(activity.data ? `Edit ${activity.data.title}` : 'Edit activity');
  const activityPath = `/activities/${encodeURIComponent(id)}`;

  function handleSaved(saved: ActivityView) {
    void navigate(`/activities/${encodeURIComponent(saved.id)}`);
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
        <ActivityQueryState activity={activity}>
          {(found) => (
            <QueryState
              query={me}
              loading="Loading the activity…"
              errorTitle="Your sign-in could not be checked"
            >
              {(person) => {
                if (found.status === 'closed') {
                  return (
                    <p className="notice" data-testid="activity-closed">
                      <strong>Closed.</strong> This activity has ended and can no longer be edited.
                    </p>
                  );
                }
                if (!canManageFor(person, found.provider.id)) {
                  return (
                    <p data-testid="activity-form-refused">
                      Only members of {found.provider.name} can edit this activity.{' '}
                      {person ? null : 'If you are one, sign in first.'}
                    </p>
                  );
                }
                return <EditActivityForm activity={found} onSaved={handleSaved} />;
              }}
            </QueryState>
          )}
        </ActivityQueryState>
      </section>
    </div>
  );
}
