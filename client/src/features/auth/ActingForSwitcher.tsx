import { useId, type ChangeEvent } from 'react';
import type { MeView } from '@shared/schemas/accounts';
import { errorMessage } from '../../lib/api';
import { useSetActingFor } from './auth.queries';

/** Which of their organisations the signed-in person acts for; changing it asks the server. */
export function ActingForSwitcher({ me }: { me: MeView }) {
  const setActingFor = useSetActingFor();
  const id = useId();

  function handleChange(event: ChangeEvent<HTMLSelectElement>) {
    setActingFor.mutate(event.target.value);
  }

  return (
    <div className="acting-for">
      <label htmlFor={id}>Acting for</label>
      <select
        id={id}
        data-testid="acting-for"
        value={me.actingFor ?? ''}
        onChange={handleChange}
        disabled={setActingFor.isPending}
        aria-describedby={setActingFor.isError ? `${id}-error` : undefined}
      >
        {me.actingFor === null ? (
          <option value="" disabled>
            Choose an organisation
          </option>
        ) : null}
        {me.organisations.map((organisation) => (
          <option key={organisation.id} value={organisation.id}>
            {organisation.name}
          </option>
        ))}
      </select>
      {setActingFor.isError ? (
        <span id={`${id}-error`} className="acting-for__error" role="alert">
          {errorMessage(setActingFor.error)}
        </span>
      ) : null}
    </div>
  );
}
