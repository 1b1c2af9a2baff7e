import { Link, useSearchParams } from 'react-router-dom';
import { NOTIFICATION_KIND_LABELS, UnsubscribeQuery } from '@shared/schemas/notifications';
import { ConfirmationPanel } from '../../components/ConfirmationPanel';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApiError } from '../../lib/api';
import { useUnsubscribe } from './notifications.queries';

function BadLink() {
  return (
    <div className="error-message" role="alert" data-testid="unsubscribe-invalid">
      <p className="error-message__title">This unsubscribe link does not work.</p>
      <p>
        It may have been cut short or changed on its way. Open the link from the email again, or
        sign in and choose what we email you on{' '}
        <Link to="/notifications/preferences">your notification preferences</Link>.
      </p>
    </div>
  );
}

/**
 * An email's "stop these emails" link: says which emails will stop, and stops them only when
 * the button is pressed (a mail scanner that opens the link must not unsubscribe anyone).
 * No sign-in is needed: the link's signature is the authority.
 */
export function UnsubscribePanel() {
  const [params] = useSearchParams();
  const unsubscribe = useUnsubscribe();
  const link = UnsubscribeQuery.safeParse({
    p: params.get('p') ?? undefined,
    k: params.get('k') ?? undefined,
    t: params.get('t') ?? undefined,
  });

  if (!link.success) return <BadLink />;
  // A digest's link stops the digest: every kind the person chose to get in it.
  const what =
    link.data.k === 'digest'
      ? 'anything in the daily digest'
      : NOTIFICATION_KIND_LABELS[link.data.k].toLowerCase();

  if (unsubscribe.isSuccess) {
    return (
      <ConfirmationPanel
        title="You will get no more of these emails"
        data-testid="unsubscribe-done"
        next={
          <p>
            We will not email you about {what}. You will still see it under Notifications when you
            sign in. You can change this at any time on{' '}
            <Link to="/notifications/preferences">your notification preferences</Link>.
          </p>
        }
      />
    );
  }

  if (
    unsubscribe.error instanceof ApiError &&
    (unsubscribe.error.code === 'unsubscribe_link_invalid' ||
      unsubscribe.error.code === 'validation_failed')
  ) {
    return <BadLink />;
  }

  return (
    <div data-testid="unsubscribe-ask">
      <p>
        You are about to stop emails about <strong>{what}</strong>.
      </p>
      <p>
        Nothing else changes: other emails still come as you chose, and what these emails told you
        of will still be shown under Notifications when you sign in.
      </p>
      {unsubscribe.isError ? (
        <ErrorMessage title="Your emails could not be stopped" error={unsubscribe.error} focus />
      ) : null}
      <button
        type="button"
        className="button"
        onClick={() => unsubscribe.mutate(link.data)}
        disabled={unsubscribe.isPending}
        data-testid="unsubscribe-button"
      >
        {unsubscribe.isPending ? 'Stopping…' : 'Stop these emails'}
      </button>
    </div>
  );
}
