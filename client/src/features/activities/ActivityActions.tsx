import { Link } from 'react-router-dom';
import type { ActivityUpdate, ActivityView } from '@shared/schemas/activities';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useUpdateActivity } from './activities.queries';

/**
 * What the provider's members can do to a live activity: edit it, pause or resume it, and
 * close it. A closed activity has none of these; the page says it is closed instead.
 */
export function ActivityActions({ activity }: { activity: ActivityView }) {
  const update = useUpdateActivity(activity.id);
  const pending = update.isPending ? update.variables.status : undefined;

  function change(changes: ActivityUpdate) {
    update.reset();
    update.mutate(changes);
  }

  if (activity.status === 'closed') return null;
  const paused = activity.status === 'paused';

  return (
    <div className="activity-actions" data-testid="activity-actions">
      <div className="activity-actions__row">
        <Link
          className="button"
          to={`/activities/${encodeURIComponent(activity.id)}/edit`}
          data-testid="activity-edit"
        >
          Edit
        </Link>
        {paused ? (
          <button
            type="button"
            className="button button--secondary"
            data-testid="activity-resume"
            onClick={() => change({ status: 'active' })}
            disabled={update.isPending}
          >
            {pending === 'active' ? 'Resuming…' : 'Resume'}
          </button>
        ) : (
          <button
            type="button"
            className="button button--secondary"
            data-testid="activity-pause"
            onClick={() => change({ status: 'paused' })}
            disabled={update.isPending}
          >
            {pending === 'paused' ? 'Pausing…' : 'Pause'}
          </button>
        )}
        {/* Closing is final, so it is asked twice: one click alone never closes. */}
        <ConfirmAction
          label="Close activity"
          question="Close this activity for good? It stops appearing on the map and cannot be reopened."
          confirmLabel="Yes, close it"
          cancelLabel="Cancel"
          pendingLabel="Closing…"
          pending={pending === 'closed'}
          onConfirm={() => change({ status: 'closed' })}
          danger
          testId="activity-close"
          confirmTestId="activity-close-confirm"
        />
      </div>
      {paused ? (
        <p className="form__note">
          Paused: the activity is hidden from the map and the list until you resume it.
        </p>
      ) : null}
      {update.isError ? (
        <ErrorMessage title="The activity was not changed" error={update.error} />
      ) : null}
    </div>
  );
}
