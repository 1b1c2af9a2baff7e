import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  NOTIFICATION_CHANNEL_LABELS,
  NotificationChannels,
  type NotificationChannel,
  type NotificationKind,
  type PreferencesView,
} from '@shared/schemas/notifications';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryState } from '../../components/QueryState';
import { usePreferences, useSavePreferences } from './notifications.queries';

type Choices = Record<NotificationKind, NotificationChannel>;

function choicesOf(view: PreferencesView): Choices {
  return Object.fromEntries(view.preferences.map((p) => [p.kind, p.channel])) as Choices;
}

/** What a saved choice means, under the radio buttons. */
const CHANNEL_HINTS: Record<NotificationChannel, string> = {
  app: 'Shown under Notifications, never emailed.',
  email: 'Shown under Notifications and emailed as it happens.',
  digest: 'Shown under Notifications and gathered into one email a day.',
};

function ChannelGroup({
  kind,
  label,
  value,
  onChange,
}: {
  kind: NotificationKind;
  label: string;
  value: NotificationChannel;
  onChange: (channel: NotificationChannel) => void;
}) {
  return (
    <fieldset className="field fieldset preferences__kind" data-testid={`preference-${kind}`}>
      <legend className="field__label">{label}</legend>
      {NotificationChannels.map((channel) => (
        <label key={channel} className="radio">
          <input
            type="radio"
            name={`channel-${kind}`}
            value={channel}
            checked={value === channel}
            onChange={() => onChange(channel)}
          />
          {NOTIFICATION_CHANNEL_LABELS[channel]}
        </label>
      ))}
    </fieldset>
  );
}

function Form({ view }: { view: PreferencesView }) {
  const save = useSavePreferences();
  const [choices, setChoices] = useState<Choices>(() => choicesOf(view));
  const [saved, setSaved] = useState(0);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(choices, { onSuccess: () => setSaved((n) => n + 1) });
  }

  function handleChange(kind: NotificationKind, channel: NotificationChannel) {
    setChoices((current) => ({ ...current, [kind]: channel }));
    setSaved(0);
  }

  const emailing = Object.values(choices).some((channel) => channel !== 'app');
  return (
    <form onSubmit={handleSubmit} noValidate data-testid="preferences-form">
      {!view.emailVerified ? (
        <div className="notice notice--warning" data-testid="email-unverified">
          <p>
            <strong>Your email address is not verified yet.</strong> We only email verified
            addresses, so{' '}
            {emailing
              ? 'nothing is emailed to you until you verify it: you will see everything under Notifications.'
              : 'verify it before you choose an email.'}{' '}
            <Link to="/account">Your account</Link> sends you a new link to verify it.
          </p>
        </div>
      ) : null}
      <ul className="muted">
        {NotificationChannels.map((channel) => (
          <li key={channel}>
            <strong>{NOTIFICATION_CHANNEL_LABELS[channel]}</strong>: {CHANNEL_HINTS[channel]}
          </li>
        ))}
      </ul>
      {view.preferences.map((preference) => (
        <ChannelGroup
          key={preference.kind}
          kind={preference.kind}
          label={preference.label}
          value={choices[preference.kind]}
          onChange={(channel) => handleChange(preference.kind, channel)}
        />
      ))}
      {save.isError ? (
        <ErrorMessage title="Your choices could not be saved" error={save.error} focus />
      ) : null}
      <div className="preferences__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save email choices'}
        </button>
        <div role="status" data-testid="preferences-status">
          {saved > 0 ? <p className="success-message">Your email choices are saved.</p> : null}
        </div>
      </div>
    </form>
  );
}

/** How each kind of notification reaches the person: in the app only, by email now, or daily. */
export function PreferencesForm() {
  const preferences = usePreferences();
  return (
    <QueryState
      query={preferences}
      loading="Loading your email choices…"
      errorTitle="Your email choices could not be loaded"
    >
      {(view) => <Form view={view} />}
    </QueryState>
  );
}
