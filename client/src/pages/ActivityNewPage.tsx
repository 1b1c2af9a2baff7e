import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { ActivityView } from '@shared/schemas/activities';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadingMessage } from '../components/LoadingMessage';
import { NewActivityForm } from '../features/activities/ActivityForm';
import { useProviderMemberships } from '../features/activities/useProviderMemberships';
import { useDocumentTitle } from '../lib/document-title';
import { returnStateFrom } from '../lib/return-to';

/** `/activities/new`: a provider's member lists a new activity. */
export function ActivityNewPage() {
  const { me, providers } = useProviderMemberships();
  const navigate = useNavigate();
  const location = useLocation();
  useDocumentTitle('List an activity');

  function handleSaved(activity: ActivityView) {
    void navigate(`/activities/${encodeURIComponent(activity.id)}`);
  }

  let body;
  if (me.isPending) {
    body = <LoadingMessage>Checking who is signed in…</LoadingMessage>;
  } else if (me.isError) {
    body = (
      <ErrorMessage
        title="Your sign-in could not be checked"
        error={me.error}
        onRetry={() => void me.refetch()}
        isRetrying={me.isFetching}
      />
    );
  } else if (me.data === null) {
    body = (
      <p data-testid="activity-form-refused">
        <Link to="/sign-in" state={returnStateFrom(location)}>
          Sign in
        </Link>{' '}
        as a member of a provider organisation to list an activity.
      </p>
    );
  } else if (providers.length === 0) {
    body = (
      <p data-testid="activity-form-refused">
        Only members of a provider organisation (a charity or community group) can list activities,
        and you do not belong to one. An owner of a provider can invite you.
      </p>
    );
  } else {
    const { actingFor } = me.data;
    const acting = providers.find((provider) => provider.id === actingFor);
    body = (
      <NewActivityForm
        providers={providers}
        defaultProviderId={(acting ?? providers[0])?.id ?? ''}
        onSaved={handleSaved}
      />
    );
  }

  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="new-activity-heading">
        <p className="activity-page__back">
          <Link to="/activities">← All activities</Link>
        </p>
        <h2 id="new-activity-heading">List an activity</h2>
        {body}
      </section>
    </div>
  );
}
