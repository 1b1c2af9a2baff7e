import { OrganisationCreate, SignUp } from '@shared/schemas/accounts';

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence += 1).toString(36)}`;

/** A valid sign-up (parsed by the shared schema), unique each call; overrides win. */
export function buildSignUp(overrides: Partial<SignUp> = {}): SignUp {
  const n = next();
  return SignUp.parse({
    email: `person-${n}@example.test`,
    password: 'correct horse battery',
    name: `Person ${n}`,
    ...overrides,
  });
}

/** A valid new organisation of the given kind (buyers get a sector), unique each call. */
export function buildOrganisation(
  kind: OrganisationCreate['kind'] = 'provider',
  overrides: Partial<Record<string, unknown>> = {},
): OrganisationCreate {
  const n = next();
  return OrganisationCreate.parse({
    kind,
    name: `${kind[0]!.toUpperCase()}${kind.slice(1)} organisation ${n}`,
    territories: ['E23000029'],
    ...(kind === 'buyer' ? { buyerSector: 'police' } : {}),
    ...overrides,
  });
}
