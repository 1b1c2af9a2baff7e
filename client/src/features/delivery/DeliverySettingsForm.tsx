import { useState, type FormEvent } from 'react';
import { DeliverySettings } from '@shared/schemas/delivery';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormProblems } from '../../components/FormProblems';
import { TextField } from '../../components/TextField';
import { check, serverFieldErrors, useFormErrors } from '../../lib/form-errors';
import { pluralise } from '../activities/activity-format';
import { useSaveDeliverySettings } from './delivery.queries';

const LABELS: Record<string, string> = {
  graceDays: 'Grace period',
  responseDays: 'Time to answer',
};

/** A typed whole number of days, or the text itself so that the schema says what is wrong. */
const days = (typed: string): number | string =>
  /^\s*\d+\s*$/.test(typed) ? Number(typed) : typed;

interface DeliverySettingsFormProps {
  tenderId: string;
  settings: DeliverySettings;
}

/**
 * The buyer's rules for the contract's delivery: how many days after a contribution falls due
 * before an unmet one is overdue, and how long a provider has to answer a report.
 */
export function DeliverySettingsForm({ tenderId, settings }: DeliverySettingsFormProps) {
  const save = useSaveDeliverySettings(tenderId);
  const [typed, setTyped] = useState({
    graceDays: String(settings.graceDays),
    responseDays: String(settings.responseDays),
  });
  const [saved, setSaved] = useState<DeliverySettings | undefined>(undefined);
  const checked = check(DeliverySettings, {
    graceDays: days(typed.graceDays),
    responseDays: days(typed.responseDays),
  });
  const { formRef, errors, submit, showServerErrors } = useFormErrors(typed, checked.errors);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.reset();
    setSaved(undefined);
    if (!submit() || !checked.data) return;
    save.mutate(checked.data, {
      onSuccess: (answer) => setSaved(answer),
      onError: (error) => showServerErrors(error),
    });
  }

  return (
    <form
      ref={formRef}
      className="form form--inline delivery-settings"
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby="delivery-settings-heading"
      data-testid="delivery-settings"
    >
      <h4 id="delivery-settings-heading">Delivery rules</h4>
      <FormProblems errors={errors} labelOf={(path) => LABELS[path] ?? 'The rules'} />
      <div className="form__row">
        <TextField
          label="Grace period"
          hint="Days after a contribution falls due before an unmet one is overdue (0 to 365)."
          name="graceDays"
          inputMode="numeric"
          value={typed.graceDays}
          onChange={(event) => setTyped({ ...typed, graceDays: event.target.value })}
          error={errors.graceDays}
        />
        <TextField
          label="Time to answer"
          hint="Days a provider has to answer a report before it reads as unverified (1 to 365)."
          name="responseDays"
          inputMode="numeric"
          value={typed.responseDays}
          onChange={(event) => setTyped({ ...typed, responseDays: event.target.value })}
          error={errors.responseDays}
        />
      </div>
      {save.isError && Object.keys(serverFieldErrors(save.error)).length === 0 ? (
        <ErrorMessage title="The rules were not saved" error={save.error} focus />
      ) : null}
      <div role="status">
        {saved ? (
          <p className="success-message">
            Saved: {pluralise(saved.graceDays, 'day')} of grace; providers have{' '}
            {pluralise(saved.responseDays, 'day')} to answer.
          </p>
        ) : null}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the rules'}
        </button>
      </div>
    </form>
  );
}
