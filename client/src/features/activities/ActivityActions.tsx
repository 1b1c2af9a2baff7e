import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ActivityUpdate, ActivityView } from '@shared/schemas/activities';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useUpdateActivity } from './activities.queries';

interface CloseButtonProps {
  pending: boolean;
  onClose: () => void;
}

/** Closing is final, so it is asked twice: one click alone never closes. */
function CloseButton({ pending, onClose }: CloseButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const questionId = useId();

  // The button pressed gives way to the next question's: the focus follows, not lost.
  useEffect(() => {
    if (!asked.current) return;
    (confirming ? confirmRef : closeRef).current?.focus();
  }, [confirming]);

  function ask(next: boolean) {
    asked.current = true;
    setConfirming(next);
  }

  if (!confirming) {
    return (
      <button
        ref={closeRef}
        type="button"
        className="button button--danger"
        data-testid="activity-close"
        onClick={() => ask(true)}
      >
        Close activity
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <span id={questionId}>
        Close this activity for good? It stops appearing on the map and cannot be reopened.
      </span>
      <button
        ref={confirmRef}
        type="button"
        className="button button--danger"
        data-testid="activity-close-confirm"
        onClick={onClose}
        disabled={pending}
      >
        {pending ? 'Closing…' : 'Yes, close it'}
      </button>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => ask(false)}
        disabled={pending}
      >
        Cancel
      </button>
    </div>
  );
}

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
        <CloseButton pending={pending === 'closed'} onClose={() => change({ status: 'closed' })} />
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
