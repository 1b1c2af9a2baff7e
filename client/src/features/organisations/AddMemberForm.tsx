import { useState, type FormEvent } from 'react';
import { MemberAdd, MembershipRole } from '@shared/schemas/accounts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { check, useFormErrors } from '../../lib/form-errors';
import { ROLE_LABELS } from './organisation-labels';
import { useAddMember } from './organisations.queries';

/** Adds someone by email: at once if they have an account, else as an invitation. */
export function AddMemberForm({ organisationId }: { organisationId: string }) {
  const addMember = useAddMember(organisationId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MembershipRole>('member');
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const values = { email, role };
  const { data, errors: clientErrors } = check(MemberAdd, values);
  const { formRef, errors, submit, showServerErrors, reset } = useFormErrors(values, clientErrors);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The last answer was about the last values; a new attempt starts without it.
    addMember.reset();
    setOutcome(undefined);
    if (!submit() || !data) return;
    const added = data;
    addMember.mutate(added, {
      onSuccess: (members) => {
        const joined = members.members.some((member) => member.email === added.email);
        setOutcome(
          joined
            ? `${added.email} is now a member.`
            : `${added.email} has no account yet: they are invited, and will join when they sign up with this address.`,
        );
        setEmail('');
        reset();
      },
      onError: (error) => showServerErrors(error),
    });
  }

  return (
    <form
      ref={formRef}
      className="form form--inline"
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby="add-member-heading"
    >
      <h4 id="add-member-heading">Add a member</h4>
      {addMember.isError ? (
        <ErrorMessage title="The member was not added" error={addMember.error} />
      ) : null}
      {outcome ? (
        <p className="success-message" role="status">
          {outcome}
        </p>
      ) : null}
      <div className="form__row">
        <TextField
          label="Email"
          type="email"
          name="memberEmail"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <SelectField
          label="Role"
          name="memberRole"
          value={role}
          onChange={(event) => setRole(MembershipRole.parse(event.target.value))}
          error={errors.role}
        >
          {MembershipRole.options.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <button type="submit" className="button" disabled={addMember.isPending}>
            {addMember.isPending ? 'Adding…' : 'Add member'}
          </button>
        </div>
      </div>
    </form>
  );
}
