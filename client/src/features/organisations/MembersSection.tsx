import { useNavigate } from 'react-router-dom';
import type { MembersView } from '@shared/schemas/accounts';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { QueryState } from '../../components/QueryState';
import { AddMemberForm } from './AddMemberForm';
import { ROLE_LABELS } from './organisation-labels';
import { useLeaveOrganisation, useMembers, useRemoveMember } from './organisations.queries';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

interface MembersTablesProps {
  organisationId: string;
  members: MembersView;
  canManage: boolean;
  viewerId: string;
}

function MembersTables({ organisationId, members, canManage, viewerId }: MembersTablesProps) {
  const removeMember = useRemoveMember(organisationId);
  const removing = removeMember.isPending ? removeMember.variables : undefined;
  const navigate = useNavigate();
  // Leaving is removing oneself, asked for separately so that its answers are its own.
  const leave = useLeaveOrganisation(organisationId, () => void navigate('/account'));
  const isMember = members.members.some((member) => member.personId === viewerId);
  const hasActions = canManage || isMember;

  function handleLeave() {
    leave.mutate(viewerId);
  }

  return (
    <>
      {removeMember.isError ? (
        <ErrorMessage title="The member was not removed" error={removeMember.error} />
      ) : null}
      {leave.isError ? (
        <ErrorMessage title="You have not left the organisation" error={leave.error} />
      ) : null}
      {members.members.length === 0 ? (
        <p className="muted">Nobody belongs to this organisation yet.</p>
      ) : (
        <table className="table" data-testid="members-table">
          <caption className="visually-hidden">Members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {hasActions ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.members.map((member) => (
              <tr key={member.personId}>
                <td>
                  {member.name}
                  {member.personId === viewerId ? ' (you)' : null}
                </td>
                <td>{member.email}</td>
                <td>{ROLE_LABELS[member.role]}</td>
                {hasActions ? (
                  <td>
                    {member.personId === viewerId ? (
                      <ConfirmAction
                        label="Leave organisation"
                        question="Leave this organisation?"
                        confirmLabel="Yes, leave"
                        cancelLabel="Cancel"
                        pendingLabel="Leaving…"
                        pending={leave.isPending}
                        onConfirm={handleLeave}
                        danger
                        testId="leave-organisation"
                        confirmTestId="confirm-leave"
                      />
                    ) : canManage ? (
                      <button
                        type="button"
                        className="button button--danger"
                        aria-label={`Remove ${member.name}`}
                        onClick={() => removeMember.mutate(member.personId)}
                        disabled={removeMember.isPending}
                      >
                        {removing === member.personId ? 'Removing…' : 'Remove'}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4>Pending invitations</h4>
      {members.invitations.length === 0 ? (
        <p className="muted">No invitations are waiting to be accepted.</p>
      ) : (
        <table className="table" data-testid="invitations-table">
          <caption className="visually-hidden">Pending invitations</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Invited</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {members.invitations.map((invitation) => (
              <tr key={invitation.email}>
                <td>{invitation.email}</td>
                <td>{ROLE_LABELS[invitation.role]}</td>
                <td>
                  <time dateTime={invitation.createdAt}>
                    {dateFormat.format(new Date(invitation.createdAt))}
                  </time>
                </td>
                <td>
                  <time dateTime={invitation.expiresAt}>
                    {dateFormat.format(new Date(invitation.expiresAt))}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

interface MembersSectionProps {
  organisationId: string;
  /** Whether the viewer may see the members: a member or an administrator. */
  canRead: boolean;
  /** Whether the viewer may remove members: an owner or an administrator. */
  canManage: boolean;
  /** Whether the viewer may invite people in: an owner only (administrators never do). */
  canInvite: boolean;
  viewerId: string | undefined;
}

/**
 * Members and pending invitations, with inviting for owners, removing for owners and admins, and
 * leaving for the signed-in member. Nothing at all for anyone else: the server would refuse
 * them, and the section is not for them.
 */
export function MembersSection({
  organisationId,
  canRead,
  canManage,
  canInvite,
  viewerId,
}: MembersSectionProps) {
  const members = useMembers(organisationId, { enabled: canRead });
  if (!canRead || viewerId === undefined || members.data === null) return null;

  return (
    <section className="section" aria-labelledby="members-heading" data-testid="members">
      <h3 id="members-heading">Members</h3>
      <QueryState
        query={members}
        loading="Loading members…"
        errorTitle="The members could not be loaded"
      >
        {(data) =>
          data && (
            <MembersTables
              organisationId={organisationId}
              members={data}
              canManage={canManage}
              viewerId={viewerId}
            />
          )
        }
      </QueryState>
      {canInvite ? <AddMemberForm organisationId={organisationId} /> : null}
    </section>
  );
}
