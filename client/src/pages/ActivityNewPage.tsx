import { Link, useNavigate } from 'react-router-dom';
import type { ActivityView } from '@shared/schemas/activities';
import { NewActivityForm } from '../features/activities/ActivityForm';
import { useProviderMemberships } from '../features/activities/useProviderMemberships';
import { SignInGate } from '../features/auth/SignInGate';
import { useDocumentTitle } from '../lib/document-title';
import { receiptState } from '../lib/receipt';

/** `/activities/new`: a provider's member lists a new activity. */
export function ActivityNewPage() {
  const { providers } = useProviderMemberships();
  const navigate = useNavigate();
  useDocumentTitle('List an activity');

  function handleSaved(activity: ActivityView) {
    void navigate(`/activities/${encodeURIComponent(activity.id)}`, {
      state: receiptState('activity-listed'),
    });
  }

  const body = (
    <SignInGate
      reason="as a member of a provider organisation to list an activity."
      data-testid="activity-form-refused"
    >
      {(person) =>
        providers.length === 0 ? (
          <p data-testid="activity-form-refused">
            Only members of a provider organisation (a charity or community group) can list
            activities, and you do not belong to one. An owner of a provider can invite you.
          </p>
        ) : (
          <NewActivityForm
            providers={providers}
            defaultProviderId={
              (providers.find((provider) => provider.id === person.actingFor) ?? providers[0])
                ?.id ?? ''
            }
            onSaved={handleSaved}
          />
        )
      }
    </SignInGate>
  );

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
