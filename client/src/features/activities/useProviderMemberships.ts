import type { MeView } from '@shared/schemas/accounts';
import { useMe } from '../auth/auth.queries';

/** The provider organisations a signed-in person belongs to: the ones they can list activities for. */
export function providerOrganisations(me: MeView | null | undefined) {
  return me?.organisations.filter((organisation) => organisation.kind === 'provider') ?? [];
}

/**
 * Who is signed in, and the providers they belong to, for deciding whether to offer listing
 * and editing activities. The server decides for real; this only spares people buttons that
 * would be refused.
 */
export function useProviderMemberships() {
  const me = useMe();
  return { me, providers: providerOrganisations(me.data) };
}
