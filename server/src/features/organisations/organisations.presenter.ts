import type { OrganisationView } from '@shared/schemas/accounts';
import type { OrganisationRow } from './organisations.repo';

/** The public profile of an organisation: only these fields leave the server. */
export function presentOrganisation(row: OrganisationRow): OrganisationView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    registeredId: row.registered_id,
    buyerSector: row.buyer_sector,
    territories: row.territories,
    verified: row.verified,
    demo: row.is_demo,
  };
}
