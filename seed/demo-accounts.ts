import type { DatabaseHandle } from '../server/src/db/client';
import { createAuditRepo } from '../server/src/features/audit/audit.repo';
import { createAuthRepo } from '../server/src/features/auth/auth.repo';
import { createOrganisationsRepo } from '../server/src/features/organisations/organisations.repo';
import { hashPassword } from '../server/src/lib/passwords';
import type { OrganisationCreate } from '@shared/schemas/accounts';

export const DEMO_PASSWORD = 'demo-password';
/** The demo buyer account's organisation; the demo gives it an open tender. */
export const DEMO_BUYER_NAME = 'Thames Valley Police Procurement (demo)';
/** The demo provider account's organisation; the demo catalogue gives it a few activities. */
export const DEMO_PROVIDER_NAME = 'Riverside Youth Trust (demo)';
/** The demo supplier account's organisation; the demo story gives it bids, one of them won. */
export const DEMO_SUPPLIER_NAME = 'Northgate Facilities Ltd (demo)';
/** The reference of the demo buyer's open tender, which the demo supplier can bid on. */
export const DEMO_TENDER_REFERENCE = 'TVP-DEMO-001';

/** The demo accounts listed in the README: one verified organisation of each kind, and an admin. */
export const DEMO_ACCOUNTS: { email: string; name: string; organisation?: OrganisationCreate }[] = [
  {
    email: 'provider@demo.test',
    name: 'Priya Provider (demo)',
    organisation: {
      kind: 'provider',
      name: DEMO_PROVIDER_NAME,
      registeredId: 'GB-CHC-0000001',
      territories: ['E23000029'],
    },
  },
  {
    email: 'supplier@demo.test',
    name: 'Sam Supplier (demo)',
    organisation: {
      kind: 'supplier',
      name: DEMO_SUPPLIER_NAME,
      registeredId: 'GB-COH-00000001',
      territories: ['E23000029', 'E23000001'],
    },
  },
  {
    email: 'buyer@demo.test',
    name: 'Bea Buyer (demo)',
    organisation: {
      kind: 'buyer',
      buyerSector: 'police',
      name: DEMO_BUYER_NAME,
      registeredId: null,
      territories: ['E23000029'],
    },
  },
  { email: 'admin@demo.test', name: 'Ada Admin (demo)' },
];

/**
 * Creates the demo accounts unless they exist, in one transaction, with audit entries.
 * Only ever called in demo mode (never in production unless DEMO=1).
 */
export async function seedDemoAccounts(
  database: DatabaseHandle,
  passwordHashCost?: number,
): Promise<boolean> {
  if (await createAuthRepo(database.db).findPersonByEmail(DEMO_ACCOUNTS[0]!.email)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD, passwordHashCost);
  await database.db.transaction().execute(async (tx) => {
    const people = createAuthRepo(tx);
    const orgs = createOrganisationsRepo(tx);
    const audit = createAuditRepo(tx);
    for (const account of DEMO_ACCOUNTS) {
      const person = await people.insertPerson({
        email: account.email,
        name: account.name,
        passwordHash,
        isAdmin: account.organisation === undefined,
        isDemo: true,
      });
      if (!person) continue;
      // Demo addresses (.test) receive no mail: they count as verified, so that the demo's
      // notification emails appear on the outgoing-mail page like anyone's would.
      await tx
        .updateTable('people')
        .set({ email_verified_at: new Date() })
        .where('id', '=', person.id)
        .execute();
      const entry = { actorId: null, actingOrganisationId: null, requestId: null };
      await audit.record({
        ...entry,
        organisationId: null,
        action: 'people.created',
        objectType: 'person',
        objectId: person.id,
        summary: { email: person.email, source: 'demo seed' },
      });
      if (!account.organisation) continue;
      const id = await orgs.insert({ ...account.organisation, isDemo: true, verified: true });
      await orgs.addMember(id, person.id, 'owner');
      await audit.record({
        ...entry,
        organisationId: id,
        action: 'organisations.created',
        objectType: 'organisation',
        objectId: id,
        summary: { name: account.organisation.name, verified: true, source: 'demo seed' },
      });
    }
  });
  return true;
}
