/**
 * Answers recorded from the real API (`createApp()` on the test database, driven through
 * sign-up, a tender, an SPO with accepted lines, submit, close and award), kept verbatim
 * so that the client's schemas are tested against what the server really sends.
 */

/** GET /api/spos/:id by the buyer after closing: sealed, one cash, one measure line. */
export const spoSeenByBuyer = {
  id: '695ca65c-7d38-4c80-83e4-65168041b62a',
  tenderId: '1dbbfedd-5f30-43ef-99d6-18bb01e1fdf3',
  supplier: {
    id: '3c5aea2f-8bad-432f-bd5f-4275c60bb0be',
    name: 'Supplier organisation mx5jkmhe3',
    verified: false,
  },
  status: 'submitted',
  version: 1,
  submittedAt: '2026-12-02T03:03:56.880Z',
  contentHash: '56eec2fe3c9122e52db763d9b75c815b478ff5cb1126ab658d6dee2b4405a0fb',
  credible: true,
  credibilityReason: '',
  flags: [],
  lines: [
    {
      id: 'b52d8ab1-1a9c-48dd-8935-2252d66d7ce4',
      activity: {
        id: '6616b13c-08c9-4e3b-8320-330903992345',
        title: 'Friday night youth club mx5jko9b9',
        territory: 'E23000029',
        status: 'at_risk',
        providerId: '0ac6392a-f0e6-4148-abb7-770f998741fc',
        providerName: 'Provider organisation mx5jkmq75',
      },
      kind: 'cash',
      annualPence: 100000,
      description: null,
      annualHours: null,
      measure: null,
      annualQuantity: null,
      annualProxyPence: 100000,
      status: 'accepted',
      providerNote: '',
      capacityExceeded: false,
    },
    {
      id: 'ac84719a-526c-4a3b-ac51-21a2f0fcbb5a',
      activity: {
        id: '0f122fbf-b783-40d3-bfaa-e19f7717ca35',
        title: 'Changed title',
        territory: 'E23000029',
        status: 'active',
        providerId: '0ac6392a-f0e6-4148-abb7-770f998741fc',
        providerName: 'Provider organisation mx5jkmq75',
      },
      kind: 'measure',
      annualPence: null,
      description: null,
      annualHours: null,
      measure: {
        framework: 'national-toms-starter',
        code: 'NT1',
        measure:
          'No. of local direct employees (FTE) hired or retained (for re-tendered contracts) on contract for one year or the whole duration of the contract, whichever is shorter',
        unit: 'no. people FTE',
        proxyValueGbp: '30782.000000',
      },
      annualQuantity: '2.0000',
      annualProxyPence: 6156400,
      status: 'accepted',
      providerNote: '',
      capacityExceeded: false,
    },
  ],
  figures: {
    annualContributionPence: 100000,
    totalContributionPence: 300000,
    ratePencePerMillion: 66667,
    compliant: false,
    band: 'below_baseline',
    annualProxyPence: 6256400,
    totalProxyPence: 18769200,
    secondary: [
      {
        area: 'police',
        annualPence: 9000000,
        confidence: ['medium'],
      },
    ],
  },
  score: null,
  awardedAt: null,
  contractStart: null,
  contractEnd: null,
};

/** GET /api/tenders/:id of an open tender. */
export const openTender = {
  id: '1dbbfedd-5f30-43ef-99d6-18bb01e1fdf3',
  ocid: 'ocds-test00-1dbbfedd-5f30-43ef-99d6-18bb01e1fdf3',
  buyer: {
    id: '0156fc2e-040b-4b94-a4e0-e5473cdde1f4',
    name: 'Renamed buyer',
    verified: false,
    demo: false,
  },
  title: 'Custody healthcare services mx5jkooxb',
  reference: 'TVP-2027-014',
  description: '',
  territories: [
    {
      code: 'E23000029',
      name: 'Thames Valley',
    },
  ],
  annualValuePence: 150000000,
  durationYears: 3,
  startDate: '2027-04-01',
  baselinePencePerMillion: 500000,
  weightingPct: 10,
  midPencePerMillion: 750000,
  higherAmbitionPencePerMillion: 1000000,
  baselineAnnualPence: 750000,
  closesAt: '2026-12-03T03:03:55.905Z',
  status: 'open',
  awardedAt: null,
  awardedSpoId: null,
  createdAt: '2026-12-02T03:03:55.927Z',
  priorities: {
    themes: [],
    measures: [],
    groups: [],
    focusAreas: [],
    deliverySites: [],
    weights: {
      place: 3,
      themes: 2,
      measures: 1,
      groups: 2,
      room: 2,
      gap: 1,
      need: 2,
      spread: 1,
      distance: 1,
      evidence: 1,
      secondary: 1,
    },
  },
};

/** GET /api/activities/map at zoom 8: one cluster. */
export const clusteredMap = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [-1.2577, 51.752],
      },
      properties: {
        kind: 'cluster',
        count: 2,
        fundingGapPence: 5000000,
        bbox: [-1.2577, 51.752, -1.2577, 51.752],
      },
    },
  ],
  zoom: 8,
  clustered: true,
  total: 2,
  truncated: false,
};

/** GET /api/activities/:id/supporters after an award. */
export const supporters = {
  items: [
    {
      spoId: '695ca65c-7d38-4c80-83e4-65168041b62a',
      tenderId: '1dbbfedd-5f30-43ef-99d6-18bb01e1fdf3',
      tenderTitle: 'Custody healthcare services mx5jkooxb',
      supplier: {
        id: '3c5aea2f-8bad-432f-bd5f-4275c60bb0be',
        name: 'Supplier organisation mx5jkmhe3',
      },
      awardedAt: '2026-12-02T03:03:57.456Z',
      annualPence: 100000,
    },
  ],
};
