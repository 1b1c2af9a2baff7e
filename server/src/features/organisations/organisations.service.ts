import { createHash, randomBytes } from 'node:crypto';
import type {
  InvitationCreated,
  MembersView,
  MembershipRole,
  OrganisationCreate,
  OrganisationUpdate,
  OrganisationView,
  Page,
} from '@shared/schemas/accounts';
import type { Repos, ServiceDeps } from '../../composition';
import type { RequestContext } from '../../lib/actor';
import type { DomainEvents } from '../../lib/domain-events';
import { AppError } from '../../lib/app-error';
import { auditEntry } from '../audit/audit.service';
import { renderEmail } from '../mail/templates';
import type { Notifier } from '../notifications/notifications.service';
import { presentOrganisation } from './organisations.presenter';

/** Refuses unknown territory codes (400 naming `path`), before anything is written. */
export async function checkTerritories(
  tx: Repos,
  codes: string[] | undefined,
  path = 'territories',
): Promise<void> {
  const unknown = await tx.organisations.unknownTerritories(codes ?? []);
  if (unknown.length > 0) {
    throw new AppError('validation_failed', 400, `Unknown territory codes: ${unknown.join(', ')}`, [
      { path, message: `unknown codes ${unknown.join(', ')}` },
    ]);
  }
}

/**
 * Creates an organisation owned by the acting person, inside the caller's transaction
 * (sign-up creates one together with the person).
 */
export async function createOrganisation(
  tx: Repos,
  ctx: RequestContext,
  input: OrganisationCreate,
  /** Where the organisation sits in the request body, for error paths (`organisation.` in sign-up). */
  fieldPrefix = '',
): Promise<string> {
  if (ctx.actor.kind !== 'person') throw new AppError('unauthenticated', 401, 'Sign in to do this');
  await checkTerritories(tx, input.territories, `${fieldPrefix}territories`);
  const repo = tx.organisations;
  const id = await repo.insert(input);
  await repo.addMember(id, ctx.actor.personId, 'owner');
  const audit = tx.audit;
  await audit.record(
    auditEntry(ctx, {
      action: 'organisations.created',
      objectType: 'organisation',
      objectId: id,
      organisationId: id,
      summary: { kind: input.kind, name: input.name, territories: input.territories },
    }),
  );
  await audit.record(
    auditEntry(ctx, {
      action: 'memberships.created',
      objectType: 'membership',
      objectId: `${id}:${ctx.actor.personId}`,
      organisationId: id,
      summary: { role: 'owner', via: 'created the organisation' },
    }),
  );
  return id;
}

const INVITATION_DAYS = 14;
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const KIND_NAMES: Record<OrganisationView['kind'], string> = {
  provider: 'a provider',
  supplier: 'a supplier',
  buyer: 'a buyer',
};

/**
 * Organisation profiles, members and verification. Routes have already authorised the actor.
 * With a notifier, invitations are emailed and members told of verification.
 */
export function createOrganisationsService(
  { repos, uow }: ServiceDeps,
  events?: DomainEvents,
  notifier?: Notifier,
) {
  const repo = repos.organisations;
  /** After a commit that told someone: publish and send now rather than at the next tick. */
  const announce = () => {
    events?.emit('outbox.written');
    events?.emit('mail.written');
  };

  async function get(id: string): Promise<OrganisationView> {
    const row = await repo.findById(id);
    if (!row) throw new AppError('organisation_not_found', 404, 'No organisation has this id');
    return presentOrganisation(row);
  }

  return {
    get,

    async list(query: {
      kind?: string;
      q?: string;
      page: number;
      pageSize: number;
    }): Promise<Page<OrganisationView>> {
      const { rows, total } = await repo.list(query);
      return {
        items: rows.map(presentOrganisation),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    },

    async create(ctx: RequestContext, input: OrganisationCreate): Promise<OrganisationView> {
      const id = await uow((tx) => createOrganisation(tx, ctx, input));
      return get(id);
    },

    async update(
      ctx: RequestContext,
      id: string,
      changes: OrganisationUpdate,
    ): Promise<OrganisationView> {
      const before = await get(id);
      if (changes.buyerSector !== undefined && before.kind !== 'buyer') {
        throw new AppError('validation_failed', 400, 'Only buyers have a buyer sector', [
          { path: 'buyerSector', message: 'only buyers have a buyer sector' },
        ]);
      }
      await uow(async (tx) => {
        await checkTerritories(tx, changes.territories);
        await tx.organisations.update(id, changes);
        const changed = Object.fromEntries(
          Object.entries(changes).map(([k, v]) => [
            k,
            { from: before[k as keyof OrganisationView], to: v },
          ]),
        );
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'organisations.updated',
            objectType: 'organisation',
            objectId: id,
            organisationId: id,
            summary: changed,
          }),
        );
      });
      return get(id);
    },

    async setVerified(
      ctx: RequestContext,
      id: string,
      verified: boolean,
    ): Promise<OrganisationView> {
      const before = await get(id);
      await uow(async (tx) => {
        await tx.organisations.setVerified(id, verified);
        await tx.audit.record(
          auditEntry(ctx, {
            action: verified ? 'organisations.verified' : 'organisations.unverified',
            objectType: 'organisation',
            objectId: id,
            organisationId: id,
            summary: { verified: { from: before.verified, to: verified } },
          }),
        );
        if (notifier && verified && !before.verified) {
          await notifier.notify(tx, {
            kind: 'organisation_verified',
            organisations: [id],
            title: `${before.name} is now verified`,
            body:
              `An Impact Atlas administrator has verified ${before.name}. Its profile now ` +
              'shows it as verified to everyone who finds it on Impact Atlas.',
            link: `/organisations/${id}`,
            objectType: 'organisation',
            objectId: id,
            // Verified again after being unverified: told again.
            dedupeKey: `organisation_verified:${id}:${Date.now()}`,
            actionLabel: 'Open your organisation',
          });
        }
      });
      if (notifier && verified && !before.verified) announce();
      return get(id);
    },

    async members(id: string): Promise<MembersView> {
      await get(id);
      const [members, invitations] = await Promise.all([
        repo.members(id),
        repo.pendingInvitations(id),
      ]);
      return {
        members: members.map((m) => ({
          personId: m.person_id,
          name: m.name,
          email: m.email,
          role: m.role,
        })),
        invitations: invitations.map((i) => ({
          email: i.email,
          role: i.role,
          createdAt: new Date(i.created_at).toISOString(),
          expiresAt: new Date(i.expires_at).toISOString(),
        })),
      };
    },

    /**
     * Invites an email (anyone's, with an account or not: nobody joins without accepting).
     * The token is returned once, to the owner, to pass on, and (with a notifier) emailed to
     * the invited address; inviting again renews it.
     */
    async invite(
      ctx: RequestContext,
      id: string,
      email: string,
      role: MembershipRole,
    ): Promise<InvitationCreated> {
      const organisation = await get(id);
      if (ctx.actor.kind !== 'person')
        throw new AppError('unauthenticated', 401, 'Sign in to do this');
      const invitedBy = ctx.actor.personId;
      const token = randomBytes(24).toString('base64url');
      const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
      await uow(async (tx) => {
        const orgs = tx.organisations;
        const person = await tx.auth.findPersonByEmail(email);
        const member = person ? await orgs.findMembership(id, person.id) : undefined;
        if (member) throw new AppError('already_member', 409, `${email} is already a member`);
        await orgs.invite({
          organisationId: id,
          email,
          role,
          invitedBy,
          tokenHash: hashToken(token),
          expiresAt,
        });
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'invitations.created',
            objectType: 'invitation',
            objectId: `${id}:${email}`,
            organisationId: id,
            summary: { email, role },
          }),
        );
        if (notifier) {
          const inviter = await tx.auth.findPersonById(invitedBy);
          await tellInvitee(tx, notifier, {
            organisation,
            inviterName: inviter?.name ?? 'An owner',
            email,
            role,
            acceptPath: `/invitations/${token}`,
            invitee: person,
          });
        }
      });
      if (notifier) announce();
      return {
        invitation: {
          email,
          role,
          createdAt: new Date().toISOString(),
          expiresAt: expiresAt.toISOString(),
        },
        acceptPath: `/invitations/${token}`,
      };
    },

    /**
     * Accepts an invitation for the signed-in person, whose email must be the invited one;
     * any other token (unknown, used, expired, someone else's) is simply not found.
     */
    async acceptInvitation(ctx: RequestContext, token: string): Promise<string> {
      if (ctx.actor.kind !== 'person')
        throw new AppError('unauthenticated', 401, 'Sign in to do this');
      const personId = ctx.actor.personId;
      return uow(async (tx) => {
        const orgs = tx.organisations;
        const person = await tx.auth.findPersonById(personId);
        // Checked before the token is looked at: the answer says nothing about the invitation.
        // Whoever holds the invited address must show they read its mail, not just type it.
        if (person && !person.email_verified_at) {
          throw new AppError(
            'email_not_verified',
            403,
            `Confirm your email address (${person.email}) before accepting an invitation: ` +
              'follow the link in the email we sent you, or ask for a new one.',
          );
        }
        const invitation = await orgs.findOpenInvitation(hashToken(token));
        // Only an owner's invitation makes a member, and only while they are still an owner:
        // nobody (an administrator included) brings themselves in by another route.
        const inviter = invitation
          ? await orgs.findMembership(invitation.organisation_id, invitation.invited_by)
          : undefined;
        if (
          !invitation ||
          !person ||
          invitation.email !== person.email ||
          inviter?.role !== 'owner'
        ) {
          throw new AppError(
            'invitation_not_found',
            404,
            'This invitation is not open to you: it may have expired or been used',
          );
        }
        await orgs.markAccepted(invitation.id);
        await orgs.addMember(invitation.organisation_id, personId, invitation.role);
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'memberships.created',
            objectType: 'membership',
            objectId: `${invitation.organisation_id}:${personId}`,
            organisationId: invitation.organisation_id,
            summary: { role: invitation.role, via: 'invitation' },
          }),
        );
        return invitation.organisation_id;
      });
    },

    /** Removes a member; the last owner cannot be removed, so no organisation is left ownerless. */
    async removeMember(ctx: RequestContext, id: string, personId: string): Promise<void> {
      await get(id);
      await uow(async (tx) => {
        const orgs = tx.organisations;
        const owners = await orgs.lockOwners(id);
        const membership = await orgs.findMembership(id, personId);
        if (!membership) throw new AppError('member_not_found', 404, 'That person is not a member');
        if (membership.role === 'owner' && owners.length === 1) {
          throw new AppError(
            'last_owner',
            409,
            'An organisation needs an owner: make someone else owner first',
          );
        }
        await orgs.removeMember(id, personId);
        await tx.audit.record(
          auditEntry(ctx, {
            action: 'memberships.deleted',
            objectType: 'membership',
            objectId: `${id}:${personId}`,
            organisationId: id,
            summary: { role: membership.role },
          }),
        );
      });
      // Real time takes the person's open sockets out of the rooms this membership let in.
      events?.emit('memberships.ended', { personId, organisationId: id });
    },
  };
}

/**
 * Tells the invited address of an invitation, with its link. Someone with a proven address
 * is told as a notification (in the app, and by email as they chose); anyone else (no
 * account, or an address not yet proven) gets the email itself, and an account holder the
 * notification in the app too.
 */
async function tellInvitee(
  tx: Repos,
  notifier: Notifier,
  i: {
    organisation: OrganisationView;
    inviterName: string;
    email: string;
    role: MembershipRole;
    acceptPath: string;
    invitee: { id: string; name: string; email_verified_at: Date | null } | undefined;
  },
): Promise<void> {
  const org = i.organisation;
  const title = `${i.inviterName} invited you to join ${org.name} on Impact Atlas`;
  const body =
    `${i.inviterName} has invited you to join ${org.name}, ${KIND_NAMES[org.kind]} on ` +
    `Impact Atlas, as ${i.role === 'owner' ? 'an owner' : 'a member'}. ` +
    (i.invitee
      ? `Sign in with ${i.email} and accept the invitation.`
      : `Create an account with ${i.email} (or sign in with it) and accept the invitation.`);
  // In the app only for an account whose address is proven: an unverified one may be
  // someone else's claim to the address, who must not learn of the invitation.
  if (i.invitee?.email_verified_at) {
    await notifier.notify(tx, {
      kind: 'invitation',
      people: [i.invitee.id],
      title,
      body,
      link: i.acceptPath,
      objectType: 'organisation',
      objectId: org.id,
      // Renewed invitations carry a new link: each is told.
      dedupeKey: `invitation:${org.id}:${i.acceptPath}`,
      actionLabel: 'Open the invitation',
    });
    // The notifier emails them (as they chose).
    return;
  }
  await tx.mail.enqueue([
    {
      to: i.email,
      personId: i.invitee?.id ?? null,
      kind: 'invitation',
      ...renderEmail({
        // No free text in the subject: names are the inviter's to choose, and a subject is
        // what a recipient trusts before opening.
        subject: 'You have been invited to join an organisation on Impact Atlas',
        recipientName: i.invitee?.name ?? null,
        paragraphs: [
          body,
          i.invitee
            ? 'Before you accept, confirm your email address: follow the link in the email ' +
              'we sent when you created your account, or ask for a new one on your account page.'
            : 'Before you accept, confirm your email address with the link we email you when ' +
              'you create your account.',
        ],
        action: { label: 'Open the invitation', url: notifier.url(i.acceptPath) },
        footer: [
          `The invitation lasts ${INVITATION_DAYS} days. If you were not expecting it, ignore ` +
            'this email: nobody joins an organisation without accepting.',
        ],
      }),
    },
  ]);
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
