import { OrganisationCreate, SignUp } from '@shared/schemas/accounts';
import { ActivityCreate, type ActivityCreateInput } from '@shared/schemas/activities';
import { TenderCreate, type TenderCreateInput } from '@shared/schemas/tenders';

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

/**
 * A valid new activity (parsed by the shared schema): a youth club in Oxford, in Thames
 * Valley (E23000029), evidencing two National TOMs measures. Overrides win.
 */
export function buildActivity(overrides: Partial<ActivityCreateInput> = {}): ActivityCreate {
  const n = next();
  return ActivityCreate.parse({
    title: `Friday night youth club ${n}`,
    summary: 'Safe space, sport and mentoring for young people on Friday evenings.',
    description: 'Run by trained youth workers with volunteers from the neighbourhood.',
    themes: ['safer', 'healthier'],
    category: 'youth_diversion',
    priorityGroups: ['young_people_at_risk'],
    location: { lon: -1.2577, lat: 51.752 },
    address: 'Cowley Road, Oxford',
    serviceArea: { type: 'radius', radiusKm: 5 },
    impact: {
      peopleReachedPerYear: 120,
      outcomes: [{ label: 'Fewer first-time entrants to youth justice', figure: 12, unit: '%' }],
      evidence: {
        links: [{ title: 'Annual report', url: 'https://example.org/report.pdf' }],
        evaluationSummary: 'Independent evaluation, 2024.',
      },
      costsAvoided: {
        police: {
          annualPence: 4_500_000,
          method: 'Home Office unit costs of crime',
          confidence: 'medium',
        },
      },
    },
    needs: { fundingGapPence: 2_500_000, volunteerHoursPerYear: 400, inKind: ['Minibus'] },
    capacityPence: 5_000_000,
    measures: [{ code: 'NT29' }, { code: 'NT28' }],
    ...overrides,
  });
}

/** A valid tender (parsed by the shared schema): £1.5m a year for 3 years in Thames Valley. */
export function buildTender(overrides: Partial<TenderCreateInput> = {}): TenderCreate {
  return TenderCreate.parse({
    title: `Custody healthcare services ${next()}`,
    reference: 'TVP-2027-014',
    territories: ['E23000029'],
    annualValuePence: 150_000_000,
    durationYears: 3,
    startDate: '2027-04-01',
    baselinePencePerMillion: 500_000,
    midPencePerMillion: 750_000,
    higherAmbitionPencePerMillion: 1_000_000,
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    ...overrides,
  });
}
