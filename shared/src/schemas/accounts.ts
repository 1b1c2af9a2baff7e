import { z } from 'zod';
import { TerritoryCode } from './territories';

// Responses: MeView (/api/me, sign-in, acting-for), SignUpAccepted (sign-up),
// VerificationResent (verify-email/resend), PasswordResetAccepted (password-reset), OrganisationView and
// page(OrganisationView) (/api/organisations…, invitation accept), MembersView,
// InvitationCreated, page(AuditEntryView) (/api/audit).

export const OrganisationKinds = ['provider', 'supplier', 'buyer'] as const;
export const OrganisationKind = z.enum(OrganisationKinds);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const BuyerSectors = ['police', 'nhs', 'council', 'fire', 'justice'] as const;
export const BuyerSector = z.enum(BuyerSectors);
export type BuyerSector = z.infer<typeof BuyerSector>;

export const MembershipRole = z.enum(['owner', 'member']);
export type MembershipRole = z.infer<typeof MembershipRole>;

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be an email address' }))
  .transform((e) => e.toLowerCase());

/** At least 12 characters (NCSC guidance favours length over composition rules). */
export const NewPassword = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters');

/**
 * An organisation identifier in org-id.guide form: `GB-CHC-1234567` (charity),
 * `GB-COH-01234567` (company), `GB-GOR-…` (public body), …
 */
export const RegisteredId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}-[A-Z0-9]{2,8}-[A-Z0-9]+$/, 'must look like GB-CHC-1234567 or GB-COH-01234567');

const organisationFields = {
  name: z.string().trim().min(2, 'must be at least 2 characters').max(200),
  registeredId: RegisteredId.nullable().optional(),
  territories: z.array(TerritoryCode).max(45).default([]),
};

/** Creating an organisation: buyers must say their sector, others must not. */
export const OrganisationCreate = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('provider'), ...organisationFields }),
  z.strictObject({ kind: z.literal('supplier'), ...organisationFields }),
  z.strictObject({ kind: z.literal('buyer'), buyerSector: BuyerSector, ...organisationFields }),
]);
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;

/** Editing a profile: every field optional; the kind never changes. */
export const OrganisationUpdate = z
  .object({
    name: organisationFields.name,
    registeredId: RegisteredId.nullable(),
    buyerSector: BuyerSector,
    territories: z.array(TerritoryCode).max(45),
  })
  .partial()
  .strict();
export type OrganisationUpdate = z.infer<typeof OrganisationUpdate>;

export const SignUp = z.object({
  email: Email,
  password: NewPassword,
  name: z.string().trim().min(1, 'is required').max(200),
  /** A new organisation to own; invitations are accepted separately, with their token. */
  organisation: OrganisationCreate.optional(),
});
export type SignUp = z.infer<typeof SignUp>;

/**
 * The answer to every sign-up that passes validation, whether the email was new (the account
 * now exists) or already had an account (nothing changed): the same either way, so that
 * sign-up never tells who has an account. No session comes with it; the client signs in next.
 */
export const SignUpAccepted = z.object({
  status: z.literal('accepted'),
  message: z.string(),
});
export type SignUpAccepted = z.infer<typeof SignUpAccepted>;

export const SignIn = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});
export type SignIn = z.infer<typeof SignIn>;

export const PasswordChange = z.object({
  currentPassword: z.string().max(200),
  newPassword: NewPassword,
});

export const ActingFor = z.object({ organisationId: z.uuid() });

/** The token of a one-time emailed link (`?token=` of `/verify-email` or `/reset-password`). */
export const EmailLinkToken = z.string().trim().min(20, 'is not a valid link').max(100);

/** Following the link of a verification email. */
export const EmailVerify = z.object({ token: EmailLinkToken });
export type EmailVerify = z.infer<typeof EmailVerify>;

/** The answer to asking for a new verification email. */
export const VerificationResent = z.object({
  status: z.enum(['sent', 'already_verified']),
  message: z.string(),
});
export type VerificationResent = z.infer<typeof VerificationResent>;

/** Asking for a password reset link. */
export const PasswordResetRequest = z.object({ email: Email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

/**
 * The answer to every password reset request that passes validation, whether or not the
 * email has an account: the same either way, so that it never tells who is registered.
 */
export const PasswordResetAccepted = z.object({
  status: z.literal('accepted'),
  message: z.string(),
});
export type PasswordResetAccepted = z.infer<typeof PasswordResetAccepted>;

/** Choosing a new password with the token of a password reset link. */
export const PasswordResetConfirm = z.object({
  token: EmailLinkToken,
  newPassword: NewPassword,
});
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

export const MemberAdd = z.object({ email: Email, role: MembershipRole.default('member') });
export const VerifiedUpdate = z.object({ verified: z.boolean() });

export const IdParams = z.object({ id: z.uuid({ error: 'is not a valid id' }) });
export const MemberParams = z.object({
  id: z.uuid({ error: 'is not a valid id' }),
  personId: z.uuid({ error: 'is not a valid id' }),
});

/** `?page=` (from 1) and `?pageSize=` (1–100, default 25) on every list. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const OrganisationListQuery = PageQuery.extend({
  kind: OrganisationKind.optional(),
  q: z.string().trim().max(100).optional(),
});

/** An instant as the API sends it: ISO 8601 in UTC, as `Date.prototype.toISOString` writes it. */
export const Timestamp = z.iso.datetime();

/** One page of a list: the answer of every `GET` that takes `?page=` and `?pageSize=`. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().min(0),
  });
}
export type Page<T> = z.infer<ReturnType<typeof page<z.ZodType<T>>>>;

/** An organisation's public profile. */
export const OrganisationView = z.object({
  id: z.string(),
  kind: OrganisationKind,
  name: z.string(),
  registeredId: z.string().nullable(),
  buyerSector: BuyerSector.nullable(),
  territories: z.array(TerritoryCode),
  verified: z.boolean(),
  demo: z.boolean(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const MemberView = z.object({
  personId: z.string(),
  name: z.string(),
  email: z.string(),
  role: MembershipRole,
});
export type MemberView = z.infer<typeof MemberView>;

export const InvitationView = z.object({
  email: z.string(),
  role: MembershipRole,
  createdAt: Timestamp,
  expiresAt: Timestamp,
});
export type InvitationView = z.infer<typeof InvitationView>;

/**
 * The answer to an invitation, shown once to the owner who made it: the invitee opens
 * `acceptPath` (for example sent by email), signs in with the invited email and accepts.
 */
export const InvitationCreated = z.object({
  invitation: InvitationView,
  // Checked in full: the link built from it is handed to someone else.
  acceptPath: z.string().regex(/^\/invitations\/[\w-]+$/),
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

export const InvitationAccept = z.object({ token: z.string().min(20).max(100) });

export const MembersView = z.object({
  members: z.array(MemberView),
  invitations: z.array(InvitationView),
});
export type MembersView = z.infer<typeof MembersView>;

/** The signed-in person, their organisations (with their role in each) and whom they act for. */
export const MeView = z.object({
  person: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    isAdmin: z.boolean(),
    /** Whether the person has followed the link emailed to their address. */
    emailVerified: z.boolean(),
  }),
  organisations: z.array(OrganisationView.extend({ role: MembershipRole })),
  actingFor: z.string().nullable(),
});
export type MeView = z.infer<typeof MeView>;

export const AuditQuery = PageQuery.extend({
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(100).optional(),
  organisationId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** One entry of the audit trail; `summary` is what the change recorded, as it recorded it. */
export const AuditEntryView = z.object({
  id: z.string(),
  at: Timestamp,
  actorId: z.string().nullable(),
  actingOrganisationId: z.string().nullable(),
  organisationId: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
