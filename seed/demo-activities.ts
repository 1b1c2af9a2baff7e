import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import {
  ActivityCreate,
  type Category,
  type CostArea,
  type PriorityGroup,
  type Theme,
} from '@shared/schemas/activities';
import type { Place } from './places';

/** A seeded source of randomness: the same seed gives the same demo, byte for byte. */
export class DemoRandom {
  private readonly rng;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.rng);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A few distinct items, in their original order. */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const n = Math.min(items.length, this.int(min, max));
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]!);
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
  /** Log-uniform between min and max: small amounts common, large ones rare. */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }
  /** A version 4 UUID from this generator, so ids are as repeatable as the rest. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

interface Template {
  titles: string[];
  summary: string;
  description: string;
  themes: Theme[];
  groups: PriorityGroup[];
  measures: string[];
  inKind: string[];
  outcomes: { label: string; unit: string; min: number; max: number }[];
  /** Where the secondary impact falls, with a named method for the estimate. */
  costs: CostArea[];
}

const METHODS: Record<CostArea, string> = {
  police: 'Demo estimate: incidents avoided × Home Office unit costs of crime (2018, uprated)',
  nhs: 'Demo estimate: A&E attendances and GP visits avoided × NHS reference costs',
  council: 'Demo estimate: placements and support avoided × council unit cost database values',
  justice: 'Demo estimate: reoffending avoided × MoJ cost of reoffending per offender',
};

/** Every category's templates: names, words and figures a real listing might use. */
const TEMPLATES: Record<Category, Template> = {
  youth_diversion: {
    titles: [
      'Friday night youth club',
      'Street sport outreach',
      'Detached youth work',
      'After-school boxing project',
    ],
    summary:
      'Positive activities and trusted adults for young people at risk of exploitation and offending in {place}.',
    description:
      'Youth workers run evening sessions and outreach in the places young people gather, with mentoring for those referred by schools and the police.',
    themes: ['safer', 'healthier'],
    groups: ['young_people_at_risk', 'neet_young_people'],
    measures: ['NT28', 'NT29'],
    inKind: ['Minibus hire', 'Sports kit', 'Hall hire'],
    outcomes: [
      { label: 'Young people reducing risk-taking behaviour', unit: 'people', min: 15, max: 120 },
    ],
    costs: ['police', 'justice'],
  },
  mental_health: {
    titles: [
      'Peer support circle',
      'Men’s mental health group',
      'Wellbeing cafe',
      'Crisis sanctuary evenings',
    ],
    summary: 'Peer-led mental health support and safe spaces in {place}, open without referral.',
    description:
      'Trained peer supporters run drop-in groups and one-to-one sessions, with a warm handover to NHS services when needed.',
    themes: ['healthier'],
    groups: ['people_with_disabilities', 'carers', 'veterans'],
    measures: ['NT28', 'NT29'],
    inKind: ['Meeting room', 'Refreshments'],
    outcomes: [{ label: 'Improved wellbeing score (WEMWBS)', unit: 'points', min: 3, max: 9 }],
    costs: ['nhs', 'police'],
  },
  domestic_abuse_support: {
    titles: [
      'Domestic abuse outreach service',
      'Safe spaces programme',
      'Survivor recovery group',
      'IDVA drop-in',
    ],
    summary:
      'Specialist advocacy and recovery support for survivors of domestic abuse across {place}.',
    description:
      'Independent advocates support survivors through safety planning, housing and court, alongside a recovery programme for survivors and their children.',
    themes: ['safer', 'healthier'],
    groups: ['survivors_of_domestic_abuse', 'low_income_families'],
    measures: ['NT28', 'NT29'],
    inKind: ['Mobile phones', 'Furniture', 'Toiletries'],
    outcomes: [{ label: 'Survivors reporting feeling safer', unit: '%', min: 60, max: 92 }],
    costs: ['police', 'nhs', 'justice'],
  },
  substance_misuse: {
    titles: [
      'Recovery cafe',
      'Peer recovery community',
      'Dry bar and hub',
      'Family recovery service',
    ],
    summary: 'A recovery community for people leaving drug and alcohol treatment in {place}.',
    description:
      'People in recovery run social activities, mutual aid meetings and volunteering that keep recovery going after treatment ends.',
    themes: ['healthier', 'safer'],
    groups: ['people_in_recovery', 'ex_offenders'],
    measures: ['NT28', 'NT29'],
    inKind: ['Coffee machine', 'Kitchen equipment'],
    outcomes: [{ label: 'People sustaining recovery at six months', unit: '%', min: 45, max: 80 }],
    costs: ['nhs', 'police', 'justice'],
  },
  homelessness: {
    titles: [
      'Night shelter',
      'Tenancy sustainment service',
      'Street outreach team',
      'Housing first support',
    ],
    summary: 'Shelter, outreach and tenancy support for people sleeping rough in {place}.',
    description:
      'Outreach workers and volunteers help people off the street and into settled homes, then stay alongside them so tenancies last.',
    themes: ['more_resilient', 'healthier'],
    groups: ['homeless_people', 'care_leavers', 'veterans'],
    measures: ['NT28', 'NT29'],
    inKind: ['Sleeping bags', 'Bedding', 'Warm clothing'],
    outcomes: [
      { label: 'People moved into settled accommodation', unit: 'people', min: 10, max: 90 },
    ],
    costs: ['council', 'nhs', 'police'],
  },
  food_poverty: {
    titles: ['Community food bank', 'Food pantry', 'Holiday hunger club', 'Community kitchen'],
    summary: 'Emergency food and low-cost pantry membership for families in {place}.',
    description:
      'Volunteers collect surplus food and donations and run a pantry with advice on debt, benefits and cooking on a budget.',
    themes: ['more_resilient', 'healthier'],
    groups: ['low_income_families', 'older_people'],
    measures: ['NT28', 'NT29'],
    inKind: ['Van', 'Chilled storage', 'Food donations'],
    outcomes: [{ label: 'Food parcels distributed', unit: 'parcels', min: 500, max: 9000 }],
    costs: ['council', 'nhs'],
  },
  employment_and_skills: {
    titles: [
      'Pathways to work programme',
      'Construction skills academy',
      'Job club',
      'Supported internships',
    ],
    summary: 'Training, work placements and job brokerage for people far from work in {place}.',
    description:
      'Coaches work with each participant on confidence, skills and qualifications, with placements offered by local employers and contractors.',
    themes: ['more_resilient'],
    groups: ['long_term_unemployed', 'ex_offenders', 'neet_young_people', 'care_leavers'],
    measures: ['NT3', 'NT4', 'NT5', 'NT6', 'NT29'],
    inKind: ['Work placements', 'Interview clothing', 'Laptops'],
    outcomes: [{ label: 'Participants into sustained work', unit: 'people', min: 8, max: 60 }],
    costs: ['council', 'justice'],
  },
  older_people_and_isolation: {
    titles: ['Befriending service', 'Lunch club', 'Good neighbours scheme', 'Men’s shed'],
    summary:
      'Companionship and practical help that keeps older people in {place} connected and independent.',
    description:
      'Volunteers visit and phone older people living alone, run weekly lunch clubs and help with shopping and appointments.',
    themes: ['healthier', 'more_resilient'],
    groups: ['older_people', 'carers', 'people_with_disabilities'],
    measures: ['NT28', 'NT29'],
    inKind: ['Transport', 'Hall hire'],
    outcomes: [{ label: 'People reporting less loneliness', unit: '%', min: 55, max: 85 }],
    costs: ['nhs', 'council'],
  },
  reducing_reoffending: {
    titles: [
      'Through-the-gate mentoring',
      'Resettlement support',
      'Women’s centre',
      'Restorative justice service',
    ],
    summary: 'Mentoring from prison release into housing, work and a settled life in {place}.',
    description:
      'Mentors with lived experience meet people at the gate and support them through the first year with housing, benefits and work.',
    themes: ['safer', 'more_resilient'],
    groups: ['ex_offenders', 'homeless_people'],
    measures: ['NT28', 'NT29', 'NT3'],
    inKind: ['Phones', 'ID documents fund'],
    outcomes: [{ label: 'Proven reoffending rate of participants', unit: '%', min: 12, max: 30 }],
    costs: ['justice', 'police'],
  },
  victim_support: {
    titles: [
      'Victims’ advocacy service',
      'Hate crime support',
      'Young victims service',
      'Fraud victims helpline',
    ],
    summary:
      'Practical and emotional support for victims of crime in {place}, from report to recovery.',
    description:
      'Caseworkers help victims cope and recover, navigate the justice process and feel safe at home again.',
    themes: ['safer', 'healthier'],
    groups: ['victims_of_crime', 'older_people'],
    measures: ['NT28', 'NT29'],
    inKind: ['Door and window locks', 'Meeting room'],
    outcomes: [{ label: 'Victims reporting they can cope better', unit: '%', min: 65, max: 95 }],
    costs: ['police', 'nhs'],
  },
  family_support: {
    titles: ['Family hub', 'Parenting programme', 'Young carers service', 'Family mediation'],
    summary: 'Early help for families under pressure in {place}, before problems reach crisis.',
    description:
      'Family workers offer parenting groups, one-to-one support and activities for children and young carers.',
    themes: ['more_resilient', 'safer'],
    groups: ['low_income_families', 'carers'],
    measures: ['NT28', 'NT29'],
    inKind: ['Toys and books', 'Baby equipment'],
    outcomes: [
      { label: 'Families stepping down from statutory support', unit: 'families', min: 5, max: 50 },
    ],
    costs: ['council', 'police'],
  },
  sport_and_physical_activity: {
    titles: ['Community football league', 'Walking netball', 'Parkour for all', 'Couch to 5k club'],
    summary:
      'Free, friendly sport and exercise sessions for people who rarely take part in {place}.',
    description:
      'Qualified coaches and volunteers run weekly sessions in parks and community halls, with kit provided.',
    themes: ['healthier', 'safer'],
    groups: ['young_people_at_risk', 'people_with_disabilities', 'older_people'],
    measures: ['NT28', 'NT29'],
    inKind: ['Sports kit', 'Pitch hire'],
    outcomes: [
      { label: 'Participants newly active 150 minutes a week', unit: 'people', min: 20, max: 200 },
    ],
    costs: ['nhs', 'police'],
  },
  education_and_mentoring: {
    titles: [
      'Homework club',
      'Mentoring for care leavers',
      'Reading buddies',
      'Alternative provision partnership',
    ],
    summary:
      'Mentoring and learning support that keeps young people in {place} engaged in education.',
    description:
      'Volunteer mentors meet young people weekly; tutors help with literacy, numeracy and next steps.',
    themes: ['more_resilient', 'safer'],
    groups: ['care_leavers', 'young_people_at_risk', 'neet_young_people'],
    measures: ['NT28', 'NT29', 'NT4'],
    inKind: ['Laptops', 'Books'],
    outcomes: [
      { label: 'Young people staying in education or training', unit: '%', min: 70, max: 95 },
    ],
    costs: ['council', 'justice'],
  },
  debt_and_financial_inclusion: {
    titles: [
      'Debt advice surgery',
      'Community money mentors',
      'Benefits advice line',
      'Credit union outreach',
    ],
    summary: 'Free debt and benefits advice that helps households in {place} stay afloat.',
    description:
      'Accredited advisers help people deal with debt, claim what they are entitled to and avoid illegal lending.',
    themes: ['more_resilient'],
    groups: ['low_income_families', 'people_with_disabilities', 'carers'],
    measures: ['NT28', 'NT29'],
    inKind: ['Meeting room', 'Phones'],
    outcomes: [{ label: 'Debt written off or rescheduled', unit: '£', min: 50000, max: 900000 }],
    costs: ['council', 'nhs'],
  },
  digital_inclusion: {
    titles: ['Digital skills drop-in', 'Device lending library', 'Get online week', 'Tech buddies'],
    summary: 'Devices, data and patient help so that people in {place} can get online safely.',
    description:
      'Volunteers help people learn to use a phone or laptop, apply for services online and stay safe from scams.',
    themes: ['more_resilient'],
    groups: ['older_people', 'refugees_and_asylum_seekers', 'long_term_unemployed'],
    measures: ['NT28', 'NT29'],
    inKind: ['Refurbished laptops', 'Data SIMs'],
    outcomes: [{ label: 'People able to use online services', unit: 'people', min: 30, max: 400 }],
    costs: ['council'],
  },
  community_safety: {
    titles: [
      'Street pastors',
      'Night-time economy volunteers',
      'Neighbourhood watch network',
      'Safe haven scheme',
    ],
    summary: 'Volunteers who make streets and the night-time economy in {place} feel safer.',
    description:
      'Trained volunteers patrol at weekends, help vulnerable people get home and work closely with neighbourhood police teams.',
    themes: ['safer'],
    groups: ['young_people_at_risk', 'victims_of_crime'],
    measures: ['NT28', 'NT29'],
    inKind: ['Hi-vis jackets', 'Radios'],
    outcomes: [
      { label: 'Vulnerable people helped on nights out', unit: 'people', min: 50, max: 800 },
    ],
    costs: ['police', 'nhs'],
  },
  green_spaces_and_environment: {
    titles: ['Community garden', 'Park friends group', 'Tree planting days', 'Repair cafe'],
    summary: 'Volunteers caring for green spaces in {place}, growing food and skills together.',
    description:
      'Weekly volunteer sessions restore parks and gardens, with therapeutic horticulture for people referred by GPs.',
    themes: ['healthier', 'more_resilient'],
    groups: ['people_with_disabilities', 'older_people', 'refugees_and_asylum_seekers'],
    measures: ['NT28', 'NT29'],
    inKind: ['Tools', 'Seeds and plants'],
    outcomes: [{ label: 'Volunteer hours in green spaces', unit: 'hours', min: 500, max: 6000 }],
    costs: ['nhs', 'council'],
  },
  arts_and_culture: {
    titles: [
      'Community choir',
      'Youth theatre',
      'Creative recovery studio',
      'Heritage storytelling project',
    ],
    summary: 'Creative activities that bring people in {place} together and build confidence.',
    description:
      'Artists lead workshops and performances with people who rarely take part, ending in a public show each season.',
    themes: ['healthier', 'more_resilient'],
    groups: ['young_people_at_risk', 'people_in_recovery', 'older_people'],
    measures: ['NT28', 'NT29'],
    inKind: ['Rehearsal space', 'Instruments'],
    outcomes: [
      { label: 'Participants reporting improved confidence', unit: '%', min: 60, max: 90 },
    ],
    costs: ['nhs'],
  },
};

const PROVIDER_NOUNS = [
  'Community Trust',
  'Youth Project',
  'Foundation',
  'Action',
  'Together',
  'Network',
  'Partnership',
  'CIC',
  'Community Hub',
  'Alliance',
  'Outreach',
  'Community Interest Company',
];
const STREETS = [
  'High Street',
  'Station Road',
  'Church Lane',
  'Park Road',
  'Victoria Road',
  'Mill Lane',
  'King Street',
  'London Road',
];

export interface DemoProvider {
  id: string;
  name: string;
  registeredId: string;
  territory: string;
  verified: boolean;
}

export interface DemoActivity {
  id: string;
  providerId: string;
  /** As a provider would have created it. */
  input: ActivityCreate;
  /** Closed since: listed once, closed later, still readable for history. */
  closed: boolean;
}

export interface DemoCatalogue {
  providers: DemoProvider[];
  activities: DemoActivity[];
}

/** Splits n across weights in proportion, every share at least `floor` (largest remainder). */
export function apportion(n: number, weights: number[], floor = 0): number[] {
  const reserved = floor * weights.length;
  if (n < reserved)
    throw new Error(`Cannot give ${weights.length} territories ${floor} each out of ${n}`);
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => ((n - reserved) * w) / total);
  const shares = exact.map((e) => floor + Math.floor(e));
  let left = n - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    shares[i]! += 1;
  }
  return shares;
}

const roundTo = (value: number, step: number) => Math.round(value / step) * step;

/**
 * A demo catalogue of `count` activities, the same for the same seed: territories get
 * activities in proportion to the population of their places (every territory at least
 * one), each placed around a real town, weighted by its population, and kept inside its
 * territory; providers are local, several activities each. Everything is labelled demo.
 */
export function generateDemoCatalogue(options: {
  count: number;
  seed: number;
  places: Place[];
  /** Is this lon/lat inside this territory? Points that stray outside are drawn again. */
  inTerritory: (lon: number, lat: number, territory: string) => boolean;
  /** Measure codes that exist (in the starter framework); templates use only these. */
  measureCodes: Set<string>;
}): DemoCatalogue {
  const random = new DemoRandom(options.seed);
  const byTerritory = new Map<string, Place[]>();
  for (const place of options.places) {
    byTerritory.set(place.territory, [...(byTerritory.get(place.territory) ?? []), place]);
  }
  const codes = [...byTerritory.keys()].sort();
  const populations = codes.map((c) => byTerritory.get(c)!.reduce((s, p) => s + p.population, 0));
  const shares = apportion(options.count, populations, options.count >= codes.length ? 1 : 0);
  const categories = Object.keys(TEMPLATES) as Category[];

  const providers: DemoProvider[] = [];
  const activities: DemoActivity[] = [];
  codes.forEach((code, t) => {
    const places = byTerritory.get(code)!;
    const weights = places.map((p) => p.population);
    const total = weights.reduce((a, b) => a + b, 0);
    const pickPlace = () => {
      let r = random.next() * total;
      for (let i = 0; i < places.length; i += 1) {
        r -= weights[i]!;
        if (r < 0) return places[i]!;
      }
      return places.at(-1)!;
    };
    const local: DemoProvider[] = [];
    const providerCount = Math.max(1, Math.ceil(shares[t]! / 4));
    for (let i = 0; i < providerCount; i += 1) {
      const home = pickPlace();
      const noun = random.pick(PROVIDER_NOUNS);
      local.push({
        id: random.uuid(),
        name: `${home.name} ${noun} (demo)`,
        registeredId:
          noun.includes('CIC') || noun.includes('Interest')
            ? `GB-COH-${String(random.int(10_000_000, 99_999_999))}`
            : `GB-CHC-${String(random.int(1_000_000, 9_999_999))}`,
        territory: code,
        verified: random.chance(0.6),
      });
    }
    providers.push(...local);

    for (let i = 0; i < shares[t]!; i += 1) {
      const place = pickPlace();
      // Spread around the town centre: a big city's activities reach its suburbs.
      const sigmaKm = Math.min(12, 0.4 + 0.8 * Math.sqrt(place.population / 10_000));
      let lon = place.lon;
      let lat = place.lat;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const dLat = (random.normal() * sigmaKm) / 111.2;
        const dLon = (random.normal() * sigmaKm) / (111.2 * Math.cos((place.lat * Math.PI) / 180));
        const [x, y] = [
          Number((place.lon + dLon).toFixed(5)),
          Number((place.lat + dLat).toFixed(5)),
        ];
        if (options.inTerritory(x, y, code)) {
          [lon, lat] = [x, y];
          break;
        }
      }
      const category = random.pick(categories);
      const tpl = TEMPLATES[category];
      const fundingGap = random.chance(0.85) ? roundTo(random.logUniform(2_000, 150_000), 500) : 0;
      const roll = random.next();
      const status =
        roll < 0.8 ? 'active' : roll < 0.9 ? 'at_risk' : roll < 0.97 ? 'paused' : 'closed';
      const costAreas = random.some(tpl.costs, 1, tpl.costs.length);
      const outcome = random.pick(tpl.outcomes);
      const measures = tpl.measures.filter((m) => options.measureCodes.has(m));
      const input = ActivityCreate.parse({
        title: `${random.pick(tpl.titles)}, ${place.name}`.slice(0, 120),
        summary: tpl.summary.replace('{place}', place.name).slice(0, 300),
        description: `${tpl.description}\n\nDemo data: generated for the Impact Atlas demonstration; not a real activity.`,
        themes: random.some(tpl.themes, 1, tpl.themes.length),
        category,
        priorityGroups: random.some(tpl.groups, 1, tpl.groups.length),
        location: { lon, lat },
        address: `${random.int(1, 240)} ${random.pick(STREETS)}, ${place.name}`,
        serviceArea: random.chance(0.7)
          ? { type: 'radius', radiusKm: random.pick([1, 2, 3, 5, 8, 10, 15, 25]) }
          : null,
        impact: {
          peopleReachedPerYear: roundTo(random.logUniform(20, 3_000), 5),
          outcomes: [
            {
              label: outcome.label,
              figure: random.int(outcome.min, outcome.max),
              unit: outcome.unit,
            },
          ],
          evidence: {
            links: [],
            evaluationSummary: random.pick([
              'Internal monitoring of attendance and outcomes (demo).',
              'Independent evaluation by a local university, last year (demo).',
              'Outcomes Star measures at entry and exit (demo).',
            ]),
          },
          costsAvoided: Object.fromEntries(
            costAreas.map((area) => [
              area,
              {
                annualPence: roundTo(random.logUniform(5_000, 400_000), 100) * 100,
                method: METHODS[area],
                confidence: random.pick(['low', 'medium', 'medium', 'high'] as const),
              },
            ]),
          ),
        },
        needs: {
          fundingGapPence: fundingGap * 100,
          volunteerHoursPerYear: random.chance(0.7) ? roundTo(random.logUniform(20, 2_500), 10) : 0,
          inKind: random.chance(0.4) ? random.some(tpl.inKind, 1, 2) : [],
        },
        capacityPence:
          roundTo(Math.max(fundingGap, 5_000) * (1.5 + random.next() * 2.5), 500) * 100,
        measures: random.some(measures, measures.length > 0 ? 1 : 0, 3).map((code) => ({ code })),
        status: status === 'closed' ? 'active' : status,
        atRiskUntil:
          status === 'at_risk'
            ? new Date(Date.UTC(2027, random.int(2, 14), random.int(1, 28)))
                .toISOString()
                .slice(0, 10)
            : null,
      });
      activities.push({
        id: random.uuid(),
        providerId: random.pick(local).id,
        input,
        closed: status === 'closed',
      });
    }
  });
  return { providers, activities };
}
