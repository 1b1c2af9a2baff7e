import { z } from 'zod';
import { TerritoryCode } from './territories';

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

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface OrganisationView {
  id: string;
  kind: OrganisationKind;
  name: string;
  registeredId: string | null;
  buyerSector: BuyerSector | null;
  territories: string[];
  verified: boolean;
  demo: boolean;
}

export interface MemberView {
  personId: string;
  name: string;
  email: string;
  role: MembershipRole;
}

export interface InvitationView {
  email: string;
  role: MembershipRole;
  createdAt: string;
  expiresAt: string;
}

/**
 * The answer to an invitation, shown once to the owner who made it: the invitee opens
 * `acceptPath` (for example sent by email), signs in with the invited email and accepts.
 */
export interface InvitationCreated {
  invitation: InvitationView;
  acceptPath: string;
}

export const InvitationAccept = z.object({ token: z.string().min(20).max(100) });

export interface MembersView {
  members: MemberView[];
  invitations: InvitationView[];
}

export interface MeView {
  person: { id: string; email: string; name: string; isAdmin: boolean };
  organisations: (OrganisationView & { role: MembershipRole })[];
  actingFor: string | null;
}

export const AuditQuery = PageQuery.extend({
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(100).optional(),
  organisationId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  actingOrganisationId: string | null;
  organisationId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  summary: Record<string, unknown>;
  requestId: string | null;
}
