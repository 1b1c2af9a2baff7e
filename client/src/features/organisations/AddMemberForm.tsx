import { useState } from 'react';
import { MemberAdd, MembershipRole, type InvitationCreated } from '@shared/schemas/accounts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { check, useCheckedForm } from '../../lib/form-errors';
import { InvitationLink } from './InvitationLink';
import { ROLE_LABELS } from './organisation-labels';
import { useInviteMember } from './organisations.queries';

/**
 * Invites someone by email, whether they have an account or not: nobody joins until they
 * open the invitation's link, signed in with that email, and accept. The link is shown once.
 */
export function AddMemberForm({ organisationId }: { organisationId: string }) {
  const inviteMember = useInviteMember(organisationId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MembershipRole>('member');
  // The last link made stays until another replaces it: the server never shows it again.
  const [created, setCreated] = useState<InvitationCreated | undefined>(undefined);
  const values = { email, role };
  const { formRef, errors, handleSubmit, reset } = useCheckedForm(
    values,
    check(MemberAdd, values),
    inviteMember,
    {
      onSuccess: (invitation) => {
        setCreated(invitation);
        setEmail('');
        reset();
      },
    },
  );

  return (
    <form
      ref={formRef}
      className="form form--inline"
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby="add-member-heading"
    >
      <h4 id="add-member-heading">Invite a member</h4>
      <p className="form__note">
        Nobody joins until they accept: you get a link to send them, which works only for the email
        you enter here.
      </p>
      {inviteMember.isError ? (
        <ErrorMessage title="The invitation was not created" error={inviteMember.error} />
      ) : null}
      {created ? <InvitationLink key={created.acceptPath} created={created} /> : null}
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
          <button type="submit" className="button" disabled={inviteMember.isPending}>
            {inviteMember.isPending ? 'Inviting…' : 'Invite'}
          </button>
        </div>
      </div>
    </form>
  );
}
