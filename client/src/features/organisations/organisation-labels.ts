import type { BuyerSector, MembershipRole, OrganisationKind } from '@shared/schemas/accounts';

/** How each kind of organisation is named on screen. */
export const KIND_LABELS: Record<OrganisationKind, string> = {
  provider: 'Provider',
  supplier: 'Supplier',
  buyer: 'Buyer',
};

/** What each kind of organisation does here, to help someone choose theirs. */
export const KIND_DESCRIPTIONS: Record<OrganisationKind, string> = {
  provider: 'a charity or community group that delivers social value activities',
  supplier: 'a company that wins public contracts and funds social value',
  buyer: 'a public body that awards contracts',
};

export const SECTOR_LABELS: Record<BuyerSector, string> = {
  police: 'Police',
  nhs: 'NHS',
  council: 'Council',
  fire: 'Fire and rescue',
  justice: 'Justice',
};

export const ROLE_LABELS: Record<MembershipRole, string> = {
  owner: 'Owner',
  member: 'Member',
};
